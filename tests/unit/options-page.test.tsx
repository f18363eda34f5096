/**
 * The options and first-run pages with fake APIs (issue #20, item 8): a setting is saved the moment it changes
 * and says so, or says it was not; the keys are listed with the browser commands as the user set them.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type OptionsApi, OptionsPage } from '@/components/OptionsPage';
import { WelcomePage } from '@/components/WelcomePage';
import type { SettingsRecord } from '@/utils/messaging/background-map';

const host = document.createElement('div');
document.body.append(host);
afterEach(() => render(null, host));

function fakeOptions(fail = false) {
  let stored: SettingsRecord = { autoClip: true, citationStyle: 'apa', defaultColor: 'yellow' };
  const api: OptionsApi = {
    settings: vi.fn(async () => stored),
    setSettings: vi.fn(async (changes) => {
      if (fail) throw new Error('no background');
      stored = { ...stored, ...changes };
      return stored;
    }),
    commandKeys: vi.fn(async () => ({ _execute_action: 'Ctrl+Shift+Y', 'highlight-selection': '' })),
    openLibrary: vi.fn(),
  };
  return api;
}
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const status = () => host.querySelector('[role="status"]')?.textContent;

describe('the options page', () => {
  it('shows the stored settings, saves a colour, the copies setting and the citation style at once, and says so', async () => {
    const api = fakeOptions();
    await act(async () => render(<OptionsPage api={api} />, host));
    await settle();
    // The property, not the :checked selector (happy-dom answers it from the attribute).
    const checked = () =>
      [...host.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((r) => r.checked)?.value;
    expect(checked()).toBe('yellow');
    await act(async () => (host.querySelector('input[value="pink"]') as HTMLInputElement).click());
    await settle();
    expect(api.setSettings).toHaveBeenCalledWith({ defaultColor: 'pink' });
    expect(checked()).toBe('pink');
    expect(status()).toBe('Saved.');
    await act(async () => (host.querySelector('input[type="checkbox"]') as HTMLInputElement).click());
    await settle();
    expect(api.setSettings).toHaveBeenLastCalledWith({ autoClip: false });
    // The citation style "Copy with citation" writes.
    const style = host.querySelector('select') as HTMLSelectElement;
    expect(style.value).toBe('apa');
    style.value = 'mla';
    await act(async () => {
      style.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(api.setSettings).toHaveBeenLastCalledWith({ citationStyle: 'mla' });
    // The keys, with the user's own for the popup and "not set" for a command without any.
    const rows = [...host.querySelectorAll('.shortcut')].map((r) => r.textContent);
    expect(rows).toContain('Ctrl+Shift+YOpen Clipmark’s popup');
    expect(rows).toContain('not setHighlight the selection (also where the toolbar is not shown)');
  });

  it('says when a setting could not be saved, and keeps showing what is stored', async () => {
    const api = fakeOptions(true);
    await act(async () => render(<OptionsPage api={api} />, host));
    await settle();
    await act(async () => (host.querySelector('input[value="blue"]') as HTMLInputElement).click());
    await settle();
    expect(status()).toBe('Could not save this setting; try again.');
    expect(
      [...host.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((r) => r.checked)?.value,
    ).toBe('yellow');
  });
});

describe('the first-run page', () => {
  it('says that nothing leaves the computer, lists the keys, and opens the options', async () => {
    const api = { commandKeys: vi.fn(async () => ({})), openOptions: vi.fn(), openLibrary: vi.fn() };
    await act(async () => render(<WelcomePage api={api} />, host));
    await settle();
    expect(host.querySelector('.private h2')?.textContent).toBe('Nothing leaves your computer');
    expect([...host.querySelectorAll('.shortcut')].map((r) => r.textContent)).toContain(
      'Alt+Shift+HHighlight the selection (also where the toolbar is not shown)',
    );
    (host.querySelector('.actions button') as HTMLButtonElement).click();
    expect(api.openOptions).toHaveBeenCalled();
  });
});
