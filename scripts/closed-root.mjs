// @ts-check
/**
 * Reaching Clipmark's closed shadow roots (the selection toolbar) from the end-to-end tests, as browser
 * automation can and a web page cannot: Chromium through the DevTools protocol (`DOM.describeNode` with
 * `pierce`), Firefox through WebDriver BiDi (`includeShadowTree: "all"`). A function runs in the page with the
 * closed root as its first argument; what it returns comes back as JSON. Clicks then go through the mouse at the
 * element's place, so the extension sees trusted input as from a user.
 */

/**
 * @typedef {(fn: (root: ShadowRoot, arg: any) => unknown, arg?: unknown) => Promise<any>} InClosedRoot
 * Runs `fn(root, arg)` in the page; resolves with its JSON-able result, or `null` when there is no host
 * element or it has no shadow root.
 */

/** @type {WeakMap<object, Promise<import('playwright-core').CDPSession>>} */
const sessions = new WeakMap();

/**
 * `fn(root, arg)` with `root` the shadow root, open or closed, of the first `hostSelector` in a playwright page
 * of Chromium.
 * @param {import('playwright-core').Page} page
 * @param {string} hostSelector
 * @returns {InClosedRoot}
 */
export function chromiumClosedRoot(page, hostSelector) {
  return async (fn, arg) => {
    let session = sessions.get(page);
    if (!session) {
      session = page.context().newCDPSession(page);
      sessions.set(page, session);
    }
    const cdp = await session;
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: hostSelector });
    if (!nodeId) return null;
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
    const shadow = node.shadowRoots?.[0];
    if (!shadow) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    if (!object.objectId) return null;
    try {
      const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: `async function (arg) { return JSON.stringify((await (${fn})(this, arg)) ?? null); }`,
        arguments: [{ value: arg ?? null }],
        returnByValue: true,
        awaitPromise: true,
      });
      if (exceptionDetails) throw new Error(`in ${hostSelector}'s shadow root: ${exceptionDetails.text}`);
      return JSON.parse(result.value);
    } finally {
      await cdp.send('Runtime.releaseObject', { objectId: object.objectId }).catch(() => {});
    }
  };
}

/**
 * `fn(root, arg)` with `root` the shadow root, open or closed, of the first `hostSelector` in a puppeteer page of
 * Firefox (WebDriver BiDi).
 * @param {import('puppeteer-core').Page} page
 * @param {string} hostSelector
 * @returns {InClosedRoot}
 */
export function firefoxClosedRoot(page, hostSelector) {
  return async (fn, arg) => {
    // puppeteer's BiDi connection and the page's browsing context, not in its public typings.
    const connection =
      /** @type {{ connection?: { send(m: string, p: object): Promise<{ result: any }> } }} */ (
        /** @type {unknown} */ (page.browser())
      ).connection;
    const context = /** @type {{ browsingContext?: { id: string } }} */ (
      /** @type {unknown} */ (page.mainFrame())
    ).browsingContext?.id;
    if (!connection || !context) throw new Error('firefoxClosedRoot needs puppeteer with WebDriver BiDi');
    const { result: found } = await connection.send('script.evaluate', {
      expression: `document.querySelector(${JSON.stringify(hostSelector)})`,
      target: { context },
      awaitPromise: false,
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: 1 },
    });
    if (found.type !== 'success') throw new Error(`finding ${hostSelector}: ${JSON.stringify(found)}`);
    const shadowId = found.result?.value?.shadowRoot?.sharedId;
    if (!shadowId) return null;
    const { result } = await connection.send('script.callFunction', {
      functionDeclaration: `async function (root, arg) { return JSON.stringify((await (${fn})(root, JSON.parse(arg))) ?? null); }`,
      target: { context },
      arguments: [{ sharedId: shadowId }, { type: 'string', value: JSON.stringify(arg ?? null) }],
      awaitPromise: true,
    });
    if (result.type !== 'success')
      throw new Error(`in ${hostSelector}'s shadow root: ${JSON.stringify(result)}`);
    return JSON.parse(result.result.value);
  };
}

/**
 * @typedef {object} ToolbarButton
 * @property {string} name the accessible name: `aria-label`, else the text
 * @property {string} text
 * @property {boolean} primary
 * @property {boolean} disabled
 * @property {{ x: number, y: number }} center viewport coordinates, for the mouse
 */

/**
 * @typedef {object} ToolbarState
 * @property {ToolbarButton[]} buttons
 * @property {string[]} alerts texts of `[role=alert]`
 */

/**
 * What the selection toolbar shows: null when it is not shown (no host, or nothing rendered).
 * @param {InClosedRoot} inRoot
 * @returns {Promise<ToolbarState | null>}
 */
export function toolbarState(inRoot) {
  return inRoot((root) => {
    const bar = root.querySelector('[role="toolbar"]');
    if (!bar) return null;
    return {
      buttons: [...bar.querySelectorAll('button')].map((b) => {
        const r = b.getBoundingClientRect();
        return {
          name: b.getAttribute('aria-label') ?? (b.textContent ?? '').trim(),
          text: (b.textContent ?? '').trim(),
          primary: b.classList.contains('primary'),
          disabled: b.disabled,
          center: { x: r.left + r.width / 2, y: r.top + r.height / 2 },
        };
      }),
      alerts: [...bar.querySelectorAll('[role="alert"]')].map((a) => a.textContent ?? ''),
    };
  });
}

/**
 * Polls `toolbarState` until `ready(state)` holds; resolves with that state.
 * @template T
 * @param {InClosedRoot} inRoot
 * @param {(state: ToolbarState | null) => T} ready
 * @param {number} [timeout]
 * @returns {Promise<{ state: ToolbarState | null, value: T }>}
 */
export async function waitForToolbar(inRoot, ready, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const state = await toolbarState(inRoot);
    const value = ready(state);
    if (value) return { state, value };
    if (Date.now() > deadline) {
      const seen = state ? state.buttons.map((b) => b.name).join(', ') : 'no toolbar';
      const alerts = state?.alerts.length ? `; alert: ${state.alerts.join(' ')}` : '';
      throw new Error(`the toolbar did not get there in ${timeout} ms (${seen}${alerts})`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * Clicks the toolbar's button named `name` with the mouse (a trusted click, as a user's).
 * @param {InClosedRoot} inRoot
 * @param {{ mouse: { click(x: number, y: number): Promise<unknown> } }} page
 * @param {string | ((b: ToolbarButton) => boolean)} name its accessible name, or a test on it
 */
export async function clickToolbarButton(inRoot, page, name) {
  const test = typeof name === 'string' ? (/** @type {ToolbarButton} */ b) => b.name === name : name;
  const { value: button } = await waitForToolbar(inRoot, (state) =>
    state?.buttons.find((b) => test(b) && !b.disabled),
  );
  if (!button) throw new Error(`no toolbar button ${String(name)}`);
  await page.mouse.click(button.center.x, button.center.y);
}

/**
 * The toolbar steps the tests of both browsers take, given how a browser reaches the toolbar's closed root.
 * @template {{ mouse: { click(x: number, y: number): Promise<unknown> } }} P
 * @param {(page: P) => InClosedRoot} inToolbar
 */
export function toolbarSteps(inToolbar) {
  return {
    /**
     * What the selection toolbar shows (its buttons, with where they are, and any error); fails if not shown.
     * @param {P} page
     * @returns {Promise<ToolbarState>}
     */
    async toolbarOf(page) {
      const { state } = await waitForToolbar(inToolbar(page), (s) => s !== null);
      return /** @type {ToolbarState} */ (state);
    },
    /**
     * Whether the selection toolbar is shown now.
     * @param {P} page
     */
    async toolbarShown(page) {
      return (await toolbarState(inToolbar(page))) !== null;
    },
    /**
     * Waits until the toolbar shows its Highlight button.
     * @param {P} page
     * @returns {Promise<ToolbarState>}
     */
    async toolbarReady(page) {
      const { state } = await waitForToolbar(inToolbar(page), (s) => s?.buttons.some((b) => b.primary));
      return /** @type {ToolbarState} */ (state);
    },
    /**
     * Clicks the toolbar's button `name` (its accessible name) with the mouse.
     * @param {P} page
     * @param {string} name
     */
    clickToolbar: (page, name) => clickToolbarButton(inToolbar(page), page, name),
    /**
     * Waits for the toolbar to close after a highlight; if it shows an error instead, fails with that error.
     * @param {P} page
     */
    async toolbarGone(page) {
      const { state } = await waitForToolbar(
        inToolbar(page),
        (s) => !s || s.alerts.length > 0 || !s.buttons.some((b) => b.primary),
        20_000,
      ).catch((error) => {
        throw new Error('the toolbar stayed open', { cause: error });
      });
      if (state?.alerts.length) throw new Error(`the toolbar stayed open: ${state.alerts.join(' ')}`);
    },
  };
}
