/**
 * The part of the content script every page pays for (issue #17): one message asking for the page's highlights,
 * and listeners that wait for the user. The page tools (anchoring, drawing, the toolbar, the editor frame, article
 * detection; entrypoints/page-tools/) are injected only when they are needed — the page has highlights, the user
 * selects text, or an extension page asks about the tab — and take over from here (`handoff.ts`). Everything is
 * registered in WXT's `ctx`.
 */
import type { Browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { canonicalOf, chooseCanonical } from '@/utils/canonical';
import type {
  ContentMessageType,
  ContentRequestOf,
  ContentResponseOf,
} from '@/utils/messaging/background-map';
import { SELECTION_KEYS, selectedRange } from '@/utils/selection-watch';
import { sameArticle } from '@/utils/url';
import {
  type CoreHandoff,
  type FirstLoad,
  logError,
  type PageDetector,
  type PageTools,
  type PageUi,
  publishHandoff,
  whenTheAddressIsKnown,
} from './handoff';

/** Sends to the background (`ContentMessageMap`). */
export type CoreSend = <K extends ContentMessageType>(
  type: K,
  payload: ContentRequestOf<K>,
) => Promise<ContentResponseOf<K>>;

export interface ContentCore {
  /** A message from the extension: loads the tools if they are not there yet, and lets them answer it. */
  answer(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown>;
  /** Settles once the page's highlights were asked for at load (and the tools loaded, when there were some). */
  readonly started: Promise<void>;
}

export function startCore(ctx: ContentScriptContext, doc: Document, send: CoreSend): ContentCore {
  let tools: PageTools | null = null;
  let loading: Promise<PageTools> | null = null;
  let firstLoad: FirstLoad | null = null;
  let generation = 0;
  /** The last check of the page's highlights, and the address it found none for (null: some, or not known). */
  let checking: Promise<void> = Promise.resolve();
  let emptyAt: string | null = null;

  let ui: PageUi | null = null;
  let detector: PageDetector | null = null;
  const handoff: CoreHandoff = {
    ctx,
    canonicalChoice: null,
    get tools() {
      return tools;
    },
    get ui() {
      return ui;
    },
    attachUi(pageUi) {
      ui ??= pageUi;
    },
    get detector() {
      return detector;
    },
    attachDetector(pageDetector) {
      detector ??= pageDetector;
    },
    async inject(part) {
      await send('page.loadTools', { part });
    },
    takeFirstLoad() {
      const known = firstLoad;
      firstLoad = null;
      return known && known.url === doc.location.href ? known : null;
    },
    attach(pageTools) {
      tools ??= pageTools;
    },
  };
  publishHandoff(handoff);

  /**
   * The background injects the tools into this page (`page.loadTools`); they attach while it runs them. With the
   * part the reason needs at once (a selection: the UI's toolbar; the popup: detection) — one round trip, not two.
   */
  const loadTools = (parts: 'tools' | 'tools+ui' | 'tools+detect'): Promise<PageTools> => {
    if (tools) return Promise.resolve(tools);
    loading ??= handoff.inject(parts).then(
      () => {
        if (!tools) throw new Error('the page tools did not start');
        return tools;
      },
      (error: unknown) => {
        loading = null; // asked again next time
        throw error;
      },
    );
    return loading;
  };

  /** Detection alone (`page-detect.js`), for the popup's question about a page with nothing to draw. */
  let detecting: Promise<PageDetector> | null = null;
  const loadDetector = (): Promise<PageDetector> => {
    if (detector) return Promise.resolve(detector);
    detecting ??= handoff.inject('detect').then(
      () => {
        if (!detector) throw new Error('article detection did not start');
        return detector;
      },
      (error: unknown) => {
        detecting = null;
        throw error;
      },
    );
    return detecting;
  };

  /** This address's highlights; the tools only if there are some. */
  const check = (): Promise<void> => {
    checking = checkNow();
    return checking;
  };
  const checkNow = async (): Promise<void> => {
    const asked = ++generation;
    emptyAt = null;
    const url = doc.location.href;
    if (!/^https?:/.test(url)) return;
    const canonicalChoice = chooseCanonical(handoff.canonicalChoice, url, canonicalOf(doc));
    handoff.canonicalChoice = canonicalChoice;
    const list = await send('highlight.listForPage', { url, canonical: canonicalChoice.used });
    // The tools came meanwhile (they load the page themselves), or the address changed: this answer is old.
    if (tools || asked !== generation) return;
    if (list.length === 0) {
      emptyAt = url;
      return;
    }
    firstLoad = { url, canonicalChoice, list };
    await loadTools('tools');
  };

  /**
   * The popup's `page.status` about a page that has no highlights at this address: detection answers it alone
   * (26 KiB instead of the tools and the UI, ~100 KiB). Anything else, or a page with highlights, gets the tools.
   */
  const answerWithoutTools = async (message: unknown): Promise<boolean> => {
    if ((message as { type?: unknown } | null)?.type !== 'page.status') return false;
    await checking.catch(() => undefined);
    return !tools && emptyAt === doc.location.href;
  };

  // The event's name is public (the extension id), so the page can dispatch one too: its URLs are then missing
  // (expando properties do not cross from the page's world into ours), and it is ignored.
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl, oldUrl }) => {
    if (!(newUrl instanceof URL) || !(oldUrl instanceof URL)) return;
    if (sameArticle(newUrl.href, oldUrl.href)) return; // a new #fragment is still the same article
    firstLoad = null;
    generation++;
    emptyAt = null;
    if (tools) tools.navigated();
    else
      whenTheAddressIsKnown(ctx, () => (tools ? Promise.resolve(tools.navigated()) : check())).catch(
        logError,
      );
  });

  // The user's selection brings the tools (and the toolbar); once they are here, they watch selections themselves.
  const selectionMade = () => {
    if (tools || !selectedRange(doc)) return;
    loadTools('tools+ui')
      .then((loaded) => loaded.checkSelection())
      .catch(logError);
  };
  ctx.addEventListener(doc, 'mouseup', (event: MouseEvent) => {
    // After the browser has finished updating the selection.
    if (event.isTrusted && !tools) ctx.setTimeout(selectionMade, 0);
  });
  ctx.addEventListener(doc, 'keyup', (event: KeyboardEvent) => {
    if (event.isTrusted && !tools && SELECTION_KEYS.test(event.key)) selectionMade();
  });

  return {
    async answer(message, sender) {
      if (await answerWithoutTools(message)) return (await loadDetector()).answerStatus(message, sender);
      // The popup asking about a page with highlights needs detection too, in the same injection.
      const loaded = await loadTools(
        (message as { type?: unknown } | null)?.type === 'page.status' ? 'tools+detect' : 'tools+ui',
      );
      return loaded.answer(message, sender);
    },
    started: check().catch(logError),
  };
}
