/** The one message the editor iframe posts to the page's window: "I am done, close me and redraw". */
import * as z from 'zod/mini';

export const EDITOR_CLOSED = 'editor.closed';

const EditorClosedSchema = z.strictObject({ clipmark: z.literal(1), type: z.literal(EDITOR_CLOSED) });

/**
 * True for the editor's message: it must come from this extension's origin, which a web page cannot forge
 * (`event.origin` is set by the browser), and carry nothing but the type.
 */
export function isEditorClosed(event: { origin: string; data: unknown }, extensionOrigin: string): boolean {
  return (
    event.origin === extensionOrigin.replace(/\/$/, '') && EditorClosedSchema.safeParse(event.data).success
  );
}
