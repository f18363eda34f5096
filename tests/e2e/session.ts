/**
 * One page server and one browser for the tests of a `describe` block, in Chromium and in Firefox: started
 * before the first test, closed after the last.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { startPageServer } from '../../scripts/browser-harness.mjs';

export type PageServer = Awaited<ReturnType<typeof startPageServer>>;

/**
 * Starts the page server, then `launch(port)` with its port; `artifacts` is the folder for screenshots. Read
 * `session.server` and `session.browser` inside the tests.
 */
export function browserSession<B extends { close(): Promise<void> }>(
  artifacts: string,
  launch: (port: number) => Promise<B>,
): { server: PageServer; browser: B } {
  const session = {} as { server: PageServer; browser: B };
  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    session.server = await startPageServer();
    session.browser = await launch(session.server.port);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}
