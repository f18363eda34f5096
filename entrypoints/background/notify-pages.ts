/**
 * Tells the extension's open pages (the side panel) that the library changed, once per burst of writes: every
 * committed write moves the library's generation on (database.ts), and a burst (an import, a bulk edit, a
 * highlight and the article read after it) becomes one notice `DELAY_MS` after its last write. The notice
 * carries nothing (utils/messaging/notices.ts). No page listening is the usual case, and not an error.
 */
import { LIBRARY_CHANGED, type LibraryChangedNotice } from '@/utils/messaging/notices';

export const NOTICE_DELAY_MS = 100;

export function pageNotifier(
  send: (notice: LibraryChangedNotice) => Promise<unknown>,
  timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis,
) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    /** A write was committed. */
    changed() {
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = timers.setTimeout(() => {
        timer = undefined;
        // Rejected when no extension page listens ("Receiving end does not exist").
        send(LIBRARY_CHANGED).catch(() => undefined);
      }, NOTICE_DELAY_MS);
    },
  };
}
