/**
 * Sync in the background (docs/sync.md): the settings (server, database, user, password,
 * passphrase — kept in `syncState`, never answered to a page), one run at a time, and when runs happen: on the
 * alarm, a few seconds after a local write, on "Sync now". The run itself is `engine.ts`.
 */
import PouchDB from 'pouchdb-browser';
import type { SyncSettingsRequest, SyncStatus } from '@/utils/messaging/background-map';
import { RouteError } from '@/utils/messaging/router';
import type { ClipmarkDB } from '../database';
import { nextUpdatedAt } from '../library/versions';
import {
  createSyncEngine,
  type PendingRekey,
  type PouchStatic,
  type SyncConfig,
  type SyncEngine,
  SyncError,
  type SyncRunResult,
} from './engine';

/** A passphrase change whose old settings fail so is taking the database's encryption as it is. */
const ADOPT: string[] = ['wrong-passphrase', 'passphrase-needed', 'not-encrypted'];

/** How long after a local write a run starts (writes close together go in one run). */
export const SYNC_DELAY_MS = 5000;
/** The alarm that runs sync every few minutes while the browser is open. */
export const SYNC_ALARM = 'clipmark-sync';
export const SYNC_PERIOD_MINUTES = 5;
/** A run longer than this is stopped; the next one goes on from its checkpoints. */
export const SYNC_RUN_BUDGET_MS = 60_000;

const LOCAL_NAME = 'clipmark-sync';

interface LastRun {
  at: number;
  ok: boolean;
  result?: SyncRunResult;
  error?: { code: string; message: string };
}

export interface SyncServiceOptions {
  db: ClipmarkDB;
  PouchDB?: PouchStatic;
  now?: () => number;
  /** The local sync database's name (tests: one per library). */
  localName?: string;
  /** Told whether sync is set up, after each change of the settings (the background keeps its alarm so). */
  onConfigured?: (configured: boolean) => void;
}

export function createSyncService({
  db,
  PouchDB: Pouch = PouchDB,
  now = Date.now,
  localName = LOCAL_NAME,
  onConfigured = () => {},
}: SyncServiceOptions) {
  let engine: { config: SyncConfig; engine: SyncEngine } | null = null;
  let running: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const read = async <T>(key: string): Promise<T | undefined> =>
    (await db.syncState.get(key))?.value as T | undefined;

  async function config(): Promise<SyncConfig | null> {
    return (await read<SyncConfig>('config')) ?? null;
  }

  async function engineFor(current: SyncConfig): Promise<SyncEngine> {
    if (engine && sameConfig(engine.config, current)) return engine.engine;
    await engine?.engine.close().catch(() => {});
    engine = {
      config: current,
      engine: createSyncEngine({ db, PouchDB: Pouch, config: current, localName, now }),
    };
    return engine.engine;
  }

  async function status(): Promise<SyncStatus> {
    const current = await config();
    return {
      configured: current !== null,
      server: current?.server ?? null,
      database: current?.database ?? null,
      username: current?.username ?? null,
      hasPassword: !!current?.password,
      encrypted: !!current?.passphrase,
      pending: await db.syncOutbox.count(),
      running: running !== null,
      conflicts: ((await read<string[]>('conflicts')) ?? []).length,
      conflictIds: (await read<string[]>('conflicts')) ?? [],
      lastRun: (await read<LastRun>('lastRun')) ?? null,
    };
  }

  /**
   * Saves the settings (null: sync off). Another server, database or passphrase is another replica: the local
   * sync database is emptied and the library offered to the new one whole on the next run.
   */
  async function configure(request: SyncSettingsRequest): Promise<SyncStatus> {
    await running;
    const previous = await config();
    const next: SyncConfig | null =
      request.config === null
        ? null
        : {
            server: request.config.server,
            database: request.config.database,
            ...(request.config.username ? { username: request.config.username } : {}),
            // Left out: keep the one saved (pages never see it to send it back).
            ...(request.config.password !== undefined
              ? request.config.password
                ? { password: request.config.password }
                : {}
              : previous?.password
                ? { password: previous.password }
                : {}),
            ...(request.config.passphrase !== undefined
              ? request.config.passphrase
                ? { passphrase: request.config.passphrase }
                : {}
              : previous?.passphrase
                ? { passphrase: previous.passphrase }
                : {}),
          };
    if (
      previous &&
      next &&
      previous.server === next.server &&
      previous.database === next.database &&
      (previous.passphrase ?? '') !== (next.passphrase ?? '') &&
      (await changePassphrase(previous, next)) === 'changed'
    ) {
      await db.syncState.put({ key: 'config', value: next });
      await db.syncState.delete('rekey');
      onConfigured(true);
      return status();
    }
    const replica = (c: SyncConfig | null) => (c ? [c.server, c.database, c.passphrase ?? ''] : null);
    if (JSON.stringify(replica(previous)) !== JSON.stringify(replica(next))) {
      await engine?.engine.close().catch(() => {});
      engine = null;
      await new Pouch(localName).destroy();
      // Nothing recorded until the new replica's first run records everything (or ever, with sync off).
      await db.transaction('rw', db.syncState, db.syncOutbox, async () => {
        db.syncRecording = false;
        await db.syncState.bulkDelete(['applied', 'backfilled', 'lastRun', 'conflicts', 'rekey']);
        await db.syncOutbox.clear();
      });
    }
    if (next) await db.syncState.put({ key: 'config', value: next });
    else await db.syncState.delete('config');
    onConfigured(next !== null);
    return status();
  }

  /**
   * A new passphrase for the same database: everything is brought in with the old one, then sealed again under
   * the new one (`engine.rekey`). When the old one no longer opens the database, another device changed it
   * already: this one starts again as a new replica with the new passphrase (`adopt`).
   */
  async function changePassphrase(previous: SyncConfig, next: SyncConfig): Promise<'changed' | 'adopt'> {
    const old = await engineFor(previous);
    const pending = (await read<PendingRekey & { passphrase: string | null }>('rekey')) ?? null;
    try {
      if (!pending) await old.run();
    } catch (error) {
      // The old settings no longer open it (another device changed the passphrase), or never did (this device
      // is given the passphrase of an encrypted database, or drops one a plain database never had): adopt.
      if (error instanceof SyncError && ADOPT.includes(error.code)) return 'adopt';
      throw new RouteError('invalid', `The passphrase was not changed: ${describeError(error).message}`);
    }
    const resumed = pending && (pending.passphrase ?? undefined) === next.passphrase ? pending : null;
    await old.rekey(next.passphrase, resumed, async (made) => {
      await db.syncState.put({ key: 'rekey', value: { ...made, passphrase: next.passphrase ?? null } });
    });
    return 'changed';
  }

  /** Runs now, or waits for the run under way; the outcome is kept as the last run. */
  async function runNow(): Promise<SyncStatus> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!running) {
      running = (async () => {
        const current = await config();
        if (!current) return;
        if (await read('rekey')) {
          // A passphrase change cut short (the worker stopped): runs wait until it is finished.
          const message =
            'Changing the encryption passphrase did not finish: enter the new passphrase again.';
          await db.syncState.put({
            key: 'lastRun',
            value: { at: now(), ok: false, error: { code: 'rekey', message } },
          });
          return;
        }
        const stop = new AbortController();
        const budget = setTimeout(() => stop.abort(), SYNC_RUN_BUDGET_MS);
        let last: LastRun;
        try {
          const result = await (await engineFor(current)).run({ signal: stop.signal });
          last = { at: now(), ok: true, result };
        } catch (error) {
          last = { at: now(), ok: false, error: describeError(error) };
        } finally {
          clearTimeout(budget);
        }
        await db.syncState.put({ key: 'lastRun', value: last });
      })().finally(() => {
        running = null;
      });
    }
    await running;
    return status();
  }

  /** A run a few seconds from now (after a local write); the alarm catches up if the worker stops first. */
  function scheduleSoon(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      config()
        .then((current) => (current ? runNow() : undefined))
        .catch((error) => console.warn('[clipmark] sync', error));
    }, SYNC_DELAY_MS);
  }

  /** The notes waiting beside a highlight's note after a conflict, newest first (none: no conflict). */
  async function noteConflicts(id: string): Promise<{ text: string; at: number }[]> {
    const current = await config();
    if (!current || !((await read<string[]>('conflicts')) ?? []).includes(id)) return [];
    return (await engineFor(current)).conflictsOf(id);
  }

  /**
   * Resolves a note conflict with the note the user chose (this device's, another's, or one written from them):
   * a different text is saved as any edit of the note (written over the note the document holds, it supersedes
   * the alternatives); the same text is kept as a new version of it. Then a run sends it.
   */
  async function resolveNote(id: string, text: string): Promise<SyncStatus> {
    const current = await config();
    if (!current) throw new RouteError('invalid', 'Sync is not set up.');
    await running;
    const highlight = await db.highlights.get(id);
    if (!highlight) throw new RouteError('not-found', 'No such highlight.');
    if (highlight.note !== text) {
      await db.transaction('rw', db.highlights, async () => {
        const latest = await db.highlights.get(id);
        if (!latest) throw new RouteError('not-found', 'No such highlight.');
        await db.highlights.put({ ...latest, note: text, updatedAt: nextUpdatedAt(latest.updatedAt, now()) });
      });
    } else if (!(await (await engineFor(current)).keepNote(id, text))) {
      throw new RouteError('invalid', 'That note is not the one this highlight shows.');
    }
    const conflicts = (await read<string[]>('conflicts')) ?? [];
    await db.syncState.put({ key: 'conflicts', value: conflicts.filter((c) => c !== id) });
    return runNow();
  }

  return { status, configure, runNow, scheduleSoon, config, noteConflicts, resolveNote };
}

export type SyncService = ReturnType<typeof createSyncService>;

function sameConfig(a: SyncConfig, b: SyncConfig): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What the library page shows of a failed run: a code to choose the advice by (the page words it), and the
 * message. A request that got no answer at all is `unreachable`: the browser does not say why (no server there,
 * no network, a certificate it does not trust, a proxy), so the advice names them all.
 */
export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof SyncError) return { code: error.code, message: error.message };
  const status = (error as { status?: number })?.status;
  const reason = `${(error as { reason?: unknown })?.reason ?? ''} ${(error as { message?: unknown })?.message ?? ''}`;
  // CouchDB answers 401 also when a user who is not an admin tries to create a missing database.
  if (status === 401 && /not a server admin/i.test(reason))
    return { code: 'missing', message: 'The database does not exist and this user may not create it.' };
  if (status === 401)
    return { code: 'unauthorized', message: 'The server refused the user name or password.' };
  if (/insufficient.storage|no space left|enospc|disk.full/i.test(reason))
    return { code: 'full', message: 'The server has no room left.' };
  if (status === 403) return { code: 'forbidden', message: 'This user may not use that database.' };
  if (status === 404)
    return { code: 'missing', message: 'The database does not exist and could not be created.' };
  if (status === 413) return { code: 'too-large', message: 'The server refused a document as too large.' };
  if (status === 507) return { code: 'full', message: 'The server has no room left.' };
  const name = (error as { name?: string })?.name;
  if (name === 'QuotaExceededError')
    return { code: 'local-full', message: 'This computer has no room left for the sync database.' };
  const message = error instanceof Error ? error.message : describeAny(error);
  if (UNREACHABLE.test(message))
    return { code: 'unreachable', message: `The server could not be reached (${message}).` };
  return { code: 'server', message: message || 'The server could not be reached.' };
}

/** How browsers and Node word a request that got no answer (Chromium, Firefox, Safari, Node/undici). */
const UNREACHABLE =
  /failed to fetch|networkerror|load failed|fetch failed|econnrefused|network request failed/i;

function describeAny(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String(error.message);
  return String(error ?? '');
}
