/**
 * A real CouchDB-protocol server for the sync tests and `npm run demo:sync`: pouchdb-server (in memory) on
 * 127.0.0.1 at a free port, started and stopped by the caller. pouchdb-server 4.2.0 fails on requests that
 * carry credentials, so it runs open (docs/sync.md).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

export async function startPouchServer(): Promise<RunningServer> {
  const port = await freePort();
  // It writes its config.json and log.txt where it runs: a directory of its own, removed at the end.
  const dir = mkdtempSync(join(tmpdir(), 'clipmark-pouchdb-server-'));
  const bin = resolve(__dirname, '../../node_modules/pouchdb-server/bin/pouchdb-server');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      bin,
      '--in-memory',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--config',
      join(dir, 'config.json'),
      '--no-stdout-logs',
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited: ${stderr}`);
    // A bare connection (the test environment's fetch would log each refusal).
    const listening = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        done(true);
      });
      socket.once('error', () => done(false));
    });
    if (listening) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`pouchdb-server did not start in 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill();
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A Basic-auth front for the open pouchdb-server (which fails on requests carrying credentials): answers 401 as
 * CouchDB does unless the request carries `user:password`, and passes the others on without the header. What
 * the credential paths of sync are tested against.
 */
export async function startBasicAuthProxy(
  target: string,
  user: string,
  password: string,
): Promise<RunningServer> {
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const upstream = new URL(target);
  const proxy = createHttpServer((req, res) => {
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Basic realm="server"' });
      res.end(JSON.stringify({ error: 'unauthorized', reason: 'Name or password is incorrect.' }));
      return;
    }
    const { authorization: _, host: __, ...headers } = req.headers;
    const forward = httpRequest(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  const port = await freePort();
  await new Promise<void>((done) => proxy.listen(port, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((done) => {
        proxy.closeAllConnections();
        proxy.close(() => done());
      }),
  };
}
