/**
 * Injected by the background into one tab (`scripting.executeScript`) when the popup asks about the page or
 * the user highlights on it: Readability and DOMPurify never load with the content script on every page.
 * Runs in the extension's isolated world; its return value is the extracted article, or null.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractArticle } from '@/utils/article/extract';

export default defineUnlistedScript(() => extractArticle(document, location.href));
