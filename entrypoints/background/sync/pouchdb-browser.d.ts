/**
 * The part of pouchdb-browser 9.0.0 that Clipmark uses, typed here: `@types/pouchdb-core` declares a global
 * `Buffer` that breaks Node's own typings in this project.
 */
declare module 'pouchdb-browser' {
  export interface PouchError {
    status?: number;
    name?: string;
    message?: string;
  }
  export interface Meta {
    _id: string;
    _rev?: string;
    _deleted?: boolean;
    _conflicts?: string[];
    _attachments?: Record<string, { content_type: string; data?: string; stub?: boolean; length?: number }>;
  }
  export interface ChangesResult<T> {
    results: { id: string; seq: number | string; doc?: T & Meta; deleted?: boolean }[];
    last_seq: number | string;
  }
  export interface ReplicationResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
    doc_write_failures: number;
    errors: unknown[];
  }
  export interface SyncResult {
    push?: ReplicationResult;
    pull?: ReplicationResult;
  }
  export interface ReplicateOptions {
    batch_size?: number;
    batches_limit?: number;
    retry?: boolean;
    live?: boolean;
    checkpoint?: 'source' | 'target' | false;
  }
  /** An ongoing replication: awaitable, and cancellable (a run cut short). */
  export interface Replication<R> extends Promise<R> {
    cancel(): void;
    on(
      event: 'change' | 'complete' | 'error' | 'paused' | 'active' | 'denied',
      listener: (info: unknown) => void,
    ): this;
  }
  export interface Database<T extends object = object> {
    name: string;
    get(
      id: string,
      options?: { rev?: string; conflicts?: boolean; attachments?: boolean },
    ): Promise<T & Meta>;
    get(id: string, options: { open_revs: 'all' | string[] }): Promise<{ ok?: T & Meta; missing?: string }[]>;
    put(doc: T & Meta): Promise<{ ok: boolean; id: string; rev: string }>;
    bulkDocs(docs: (Partial<T> & Meta)[]): Promise<({ ok: boolean; id: string; rev: string } | PouchError)[]>;
    changes(options: {
      since?: number | string;
      limit?: number;
      include_docs?: boolean;
      conflicts?: boolean;
    }): Promise<ChangesResult<T>>;
    allDocs(options?: { include_docs?: boolean; conflicts?: boolean; attachments?: boolean }): Promise<{
      total_rows: number;
      rows: { id: string; value: { rev: string; deleted?: boolean }; doc?: T & Meta }[];
    }>;
    info(): Promise<{ doc_count: number; update_seq: number | string }>;
    sync(target: Database<T> | string, options?: ReplicateOptions): Replication<SyncResult>;
    replicate: {
      to(target: Database<T> | string, options?: ReplicateOptions): Replication<ReplicationResult>;
      from(source: Database<T> | string, options?: ReplicateOptions): Replication<ReplicationResult>;
    };
    close(): Promise<void>;
    destroy(): Promise<void>;
  }
  export interface DatabaseOptions {
    adapter?: string;
    auth?: { username: string; password: string };
    skip_setup?: boolean;
    auto_compaction?: boolean;
    fetch?: (url: string | Request, init?: RequestInit) => Promise<Response>;
  }
  interface PouchDBStatic {
    new <T extends object = object>(name: string, options?: DatabaseOptions): Database<T>;
  }
  const PouchDB: PouchDBStatic;
  export default PouchDB;
}
