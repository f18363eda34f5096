import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { keepRunningDespiteThePage, scriptStartedEventName } from '@/entrypoints/content/page-guard';

/**
 * What a hostile page can do: the name is public (in the build `<extension id>:content:wxt:content-script-started`;
 * the entrypoint's name is not set in unit tests), the detail is anything it likes.
 */
function forgeScriptStarted(target: EventTarget = document): void {
  const name = scriptStartedEventName() as string;
  target.dispatchEvent(
    new CustomEvent(name, { bubbles: true, detail: { contentScriptName: 'content', messageId: 'forged' } }),
  );
}

describe('the content script against a forged "newer script started" event', () => {
  it('is the event WXT stops a content script with (so the guard below guards something)', () => {
    expect(scriptStartedEventName()).toMatch(
      new RegExp(`^${fakeBrowser.runtime.id}:.*:wxt:content-script-started$`),
    );
    const ctx = new ContentScriptContext('content');
    forgeScriptStarted();
    expect(ctx.isValid).toBe(false);
  });

  it('keeps running when the page dispatches it, on the document or from an element', () => {
    const ctx = new ContentScriptContext('content');
    keepRunningDespiteThePage(ctx);
    forgeScriptStarted();
    const element = document.body.appendChild(document.createElement('p'));
    forgeScriptStarted(element);
    expect(ctx.isValid).toBe(true);
    ctx.abort();
  });

  it('still stops as WXT intends once this copy lost its extension (after an update)', () => {
    const ctx = new ContentScriptContext('content');
    keepRunningDespiteThePage(ctx);
    const id = fakeBrowser.runtime.id;
    // An orphaned content script: the runtime no longer has an id. The newer copy's event carries the old name.
    Object.defineProperty(fakeBrowser.runtime, 'id', { value: undefined, configurable: true });
    try {
      document.dispatchEvent(
        new CustomEvent(scriptStartedEventName() as string, {
          detail: { contentScriptName: 'content', messageId: 'newer' },
        }),
      );
      expect(ctx.signal.aborted).toBe(true);
    } finally {
      Object.defineProperty(fakeBrowser.runtime, 'id', { value: id, configurable: true });
    }
  });
});
