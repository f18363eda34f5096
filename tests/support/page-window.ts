/**
 * A saved page as a happy-dom document, for the evaluation script and the unit tests: scripts, style sheets,
 * images, frames and navigation off, every request answered locally with a 404, and happy-dom's `nodeName`
 * made to answer like a browser's so DOMPurify works on it.
 */
import { Window } from 'happy-dom';

const NODE_NAMES: Record<number, string> = {
  3: '#text',
  4: '#cdata-section',
  8: '#comment',
  9: '#document',
  11: '#document-fragment',
};

/**
 * happy-dom's `Node.prototype.nodeName` getter returns '' (subclasses override it); DOMPurify ≥ 3.4.8 reads
 * names through that getter to resist clobbering, so under happy-dom it drops allowed tags and keeps
 * `<script>` (capricorn86/happy-dom#2182). Browsers are unaffected. This makes the getter answer like a
 * browser's; the prototype is shared by every happy-dom window, so once is enough.
 */
export function fixHappyDomNodeName(window: { Node: { prototype: object } }): void {
  const proto = window.Node.prototype;
  const probe = (window as unknown as Window).document?.createElement('p');
  if (!probe || Object.getOwnPropertyDescriptor(proto, 'nodeName')?.get?.call(probe) === 'P') return;
  Object.defineProperty(proto, 'nodeName', {
    configurable: true,
    get(this: Node) {
      if (this.nodeType === 1) return (this as Element).tagName;
      if (this.nodeType === 10) return (this as DocumentType).name;
      if (this.nodeType === 7) return (this as ProcessingInstruction).target;
      return NODE_NAMES[this.nodeType] ?? '';
    },
  });
}

/**
 * A document for `html` at `url`, parsed by happy-dom with scripts, style sheets, images, frames and
 * navigation off, and every request answered locally with a 404: a saved page never reaches the network.
 */
export function parsePage(html: string, url: string) {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
        disableFallbackToSetURL: true,
      },
      fetch: {
        interceptor: {
          beforeAsyncRequest: async ({ window: w }) => new w.Response('', { status: 404 }),
          beforeSyncRequest: ({ window: w }) => ({
            status: 404,
            statusText: 'Not Found',
            ok: false,
            url: '',
            redirected: false,
            headers: new w.Headers(),
            body: null,
          }),
        },
      },
    },
  });
  fixHappyDomNodeName(window as unknown as { Node: { prototype: object } });
  window.document.write(html);
  return { window, document: window.document as unknown as Document };
}
