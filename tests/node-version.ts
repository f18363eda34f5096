/**
 * Vitest global setup, run once per test run in the main process: prints which Node runs the tests and stops the
 * run if it is older than `engines.node` in package.json. `npm install` puts a pinned Node in node_modules/.bin
 * (the `node-<os>-<arch>` optional dependency) and npm scripts and `npx` run that one, whatever the system Node is;
 * this catches the ways around it (`node_modules/.bin/vitest` from a shell, `--omit=optional`, a platform
 * without a pinned binary).
 */
import { readFileSync } from 'node:fs';

export default function checkNodeVersion(): void {
  const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    engines: { node: string };
  };
  const minimum = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(engines.node)?.slice(1).map(Number);
  if (!minimum) throw new Error(`engines.node in package.json is not ">=x.y.z": "${engines.node}"`);
  const running = process.versions.node.split('.').map(Number);
  const difference = minimum.map((part, i) => (running[i] ?? 0) - part).find((d) => d !== 0) ?? 0;
  if (difference < 0) {
    throw new Error(
      `The tests need Node ${engines.node}; this is Node ${process.version} (${process.execPath}). ` +
        'Run them through npm (`npm test`, `npx vitest`), which uses the Node that `npm install` put in node_modules/.bin.',
    );
  }
  console.log(`Tests run on Node ${process.version} (${process.execPath})`);
}
