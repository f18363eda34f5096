/**
 * Injected by the background into one tab (`scripting.executeScript`, isolated world) when a page asks to use
 * the records of another address of its origin (its canonical one): the background checks that address's quotes
 * and saved copy against this text itself, rather than believe the content script (entrypoints/background/library/evidence.ts).
 * The text is read as anchoring reads it (`collectTextNodes`: no scripts, styles, hidden elements), raw; the
 * background normalises it. `location.href` says which page was read: the tab may have moved on.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { collectTextNodes } from '@/utils/anchoring/text-index';

export default defineUnlistedScript(() => ({
  url: location.href,
  text: collectTextNodes(document.body ?? document.documentElement)
    .map((node) => node.data)
    .join(''),
}));
