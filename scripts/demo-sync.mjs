// @ts-check
/**
 * `npm run demo:sync`: a CouchDB-protocol server to try Clipmark's sync against — pouchdb-server on
 * 127.0.0.1 (port 5984, or PORT), keeping its databases in demo-output/sync-server/ (or only in memory with
 * `--in-memory`). Open, without users: pouchdb-server 4.2.0 fails on requests that carry credentials, so leave
 * the user name and password empty. For a real server, see the README ("Sync"). Ctrl+C stops it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 5984);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}".`);
  process.exit(1);
}
const inMemory = process.argv.includes('--in-memory');
const dir = join(ROOT, 'demo-output', 'sync-server');
mkdirSync(dir, { recursive: true });

const child = spawn(
  process.execPath,
  [
    join(ROOT, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server'),
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
    '--config',
    join(dir, 'config.json'),
    '--no-stdout-logs',
    ...(inMemory ? ['--in-memory'] : ['--dir', dir]),
  ],
  { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] },
);
child.once('exit', (code, signal) => {
  if (signal !== 'SIGTERM') console.error(`pouchdb-server stopped (${signal ?? `exit code ${code}`}).`);
  process.exit(code ?? 0);
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => child.kill('SIGTERM'));
}

console.log(`Sync server: http://127.0.0.1:${port}  (databases ${inMemory ? 'in memory' : `in ${dir}`})
In Clipmark's library, Sync settings: server http://127.0.0.1:${port}, database clipmark, no user name or password;
an encryption passphrase if you like. Every browser profile pointed here shares one library. Ctrl+C stops it.`);
