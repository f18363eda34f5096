import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { findHandoff } from '@/entrypoints/content/handoff';
import { routeStatusQuestion } from '@/utils/messaging/tab-router';
import { watchArticle } from './article-watch';

/**
 * Article detection, on its own (issue #17): injected by the background (`page.loadTools {part: 'detect'}`) when
 * the popup asks about a page. On a page with no highlights the tools are not loaded, and this part answers
 * the popup's `page.status` itself — a page with nothing drawn, and whether it is an article — so the popup's
 * card does not wait for the tools and the UI to be parsed; on a page with tools, they ask it for the verdict.
 * Injected twice, it starts once. Returns whether it runs in this page.
 */
export default defineUnlistedScript((): boolean => {
  const core = findHandoff();
  if (!core?.ctx.isValid) return false;
  if (core.detector) return true;
  const article = watchArticle(document);
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  core.attachDetector({
    detect: () => article.current(),
    answerStatus: (message, sender) =>
      routeStatusQuestion(message, sender, self, async () => ({
        url: document.location.href,
        anchored: [],
        orphans: [],
        changed: [],
        detection: article.current(),
      })),
  });
  return true;
});
