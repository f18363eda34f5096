/**
 * The contract between the content script's parts (issue #17). The **core** (`content.js`, this folder) runs on
 * every page at load and stays small: it asks for the page's highlights and listens for the user's selection and
 * for the extension's messages. The **page tools** (`page-tools.js`, entrypoints/page-tools/: anchoring,
 * drawing, answering the extension's messages) are injected by the background into the same isolated world
 * (`scripting.executeScript`, `page.loadTools`) only when the page has highlights, the user selects text, or an
 * extension page asks about the tab. The **page UI** (`page-ui.js`, entrypoints/page-ui/: the toolbar, the
 * editor frame) follows the same way when the tools first need it: a selection, a click on a highlight. **Article
 * detection** (`page-detect.js`, entrypoints/page-detect/) comes when the popup asks about the page; on a page
 * without highlights it answers the popup without the tools. Each part finds the others through a global of the
 * isolated world, which the page's own scripts cannot see (they run in another world).
 */
import type { Browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageHighlights } from '@/entrypoints/page-tools/page-highlights';
import type { CanonicalChoice } from '@/utils/canonical';
import type { DrawnHighlightRecord, PagePart } from '@/utils/messaging/background-map';
import { MessageError } from '@/utils/messaging/sender';
import type { PageDetection } from '@/utils/messaging/tab-map';
import type { HighlightThen } from '@/utils/selection-watch';

/** The key of the core's handoff on the isolated world's `globalThis`. */
export const HANDOFF_KEY = Symbol.for('clipmark.content-core');

/** What the core asked and was told at load, so the tools draw it without asking again. */
export interface FirstLoad {
  url: string;
  canonicalChoice: CanonicalChoice;
  list: DrawnHighlightRecord[];
}

/** What the core offers the tools. */
export interface CoreHandoff {
  /** The core's WXT context: everything the tools register ends with it. */
  ctx: ContentScriptContext;
  /** The highlights the core loaded, if it did and the address has not changed since; the tools take it once. */
  takeFirstLoad(): FirstLoad | null;
  /** The canonical choice the core made last (kept across in-page navigation: `chooseCanonical`). */
  canonicalChoice: CanonicalChoice | null;
  /** The tools, once they attached: a second injection of them does nothing. */
  readonly tools: PageTools | null;
  /** Called by the tools once, when they have started. */
  attach(tools: PageTools): void;
  /** The UI, once it attached. */
  readonly ui: PageUi | null;
  attachUi(ui: PageUi): void;
  /** Article detection, once it attached. */
  readonly detector: PageDetector | null;
  attachDetector(detector: PageDetector): void;
  /** Asks the background to inject a part into this page; settles once it ran (and attached, if it could). */
  inject(part: PagePart): Promise<void>;
}

/** What the tools offer the core. */
export interface PageTools {
  /** A message from the extension (`TabMessageMap`): the answer to send back. */
  answer(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown>;
  /** The user has just made a selection: show the toolbar for it, as if the tools had seen it happen. */
  checkSelection(): void;
  /** The page moved to another address in the same document (history API). */
  navigated(): void;
  /** This page's highlights, for the UI. */
  readonly page: PageHighlights;
}

/** What article detection offers the core and the tools. */
export interface PageDetector {
  /** Whether the page is an article (`detectArticle`, once per address). */
  detect(): PageDetection;
  /** Answers `page.status` (and nothing else) for a page with nothing drawn: the tools are not loaded. */
  answerStatus(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown>;
}

/** What the UI offers the tools. */
export interface PageUi {
  toolbar: {
    show(range: Range, rect: DOMRect): Promise<void>;
    hide(): void;
    readonly visible: boolean;
    contains(event: Event): boolean;
    /** Highlights the selection (H, N, T). */
    commit(then: HighlightThen): void;
    /** Copies the selection with its citation (C); must run in the user's key press or click. */
    cite(): void;
  };
  editor: {
    open(id: string, focus: 'note' | 'tags' | null): Promise<void>;
    close(): void;
    readonly isOpen: boolean;
  };
}

type WithHandoff = typeof globalThis & { [HANDOFF_KEY]?: CoreHandoff };

export function publishHandoff(handoff: CoreHandoff): void {
  (globalThis as WithHandoff)[HANDOFF_KEY] = handoff;
}

export function findHandoff(): CoreHandoff | undefined {
  return (globalThis as WithHandoff)[HANDOFF_KEY];
}

/**
 * Loads a page's highlights after in-page navigation (history API). The event comes before the browser records
 * the tab's new address, and the background only answers a page about its own address: until both agree it says
 * `forbidden`, so wait a little and ask again.
 */
export async function whenTheAddressIsKnown(
  ctx: ContentScriptContext,
  load: () => Promise<void>,
): Promise<void> {
  for (const delay of [0, 100, 300, 1000, 2000]) {
    await new Promise((resolve) => ctx.setTimeout(() => resolve(undefined), delay));
    try {
      return await load();
    } catch (error) {
      if (!(error instanceof MessageError && error.code === 'forbidden')) throw error;
    }
  }
}

export function logError(error: unknown): void {
  // After an extension update the old script loses its channel; that is expected, not an error to report.
  if (String(error).includes('Extension context invalidated')) return;
  console.warn('[clipmark]', error);
}
