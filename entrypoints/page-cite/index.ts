import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { formatQuotation } from '@/utils/citation/format';
import { publishCiteFormatter } from './handoff';

/**
 * "Copy with citation" in a web page: citeproc-js with the bundled CSL styles and locales (utils/citation/format.ts,
 * ~1 MB). Injected by the background (`page.loadTools {part: 'cite'}`) into the page's isolated world only when the
 * user first presses the toolbar's Cite key on it — never with the core, the tools or the UI — and found there by
 * the UI through `findCiteFormatter` (./handoff.ts). Returns whether it runs.
 */
export default defineUnlistedScript((): boolean => {
  publishCiteFormatter(formatQuotation);
  return true;
});
