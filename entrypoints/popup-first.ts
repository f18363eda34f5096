import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createPageLink, publishEarlyStart } from './popup/page-link';

/**
 * The popup's first script (issue #17): a small classic script at the top of popup.html, so the popup's
 * questions to the tab and the library leave while its Preact modules are still being fetched and compiled.
 * main.tsx takes what it started (`takeEarlyStart`).
 */
export default defineUnlistedScript(() => {
  const link = createPageLink();
  const first = link.load();
  first.catch(() => undefined); // main.tsx awaits it
  publishEarlyStart({ link, first });
});
