/**
 * Stands in for pouchdb-browser in the build bench/sync-worker-start.ts compares with (wxt.config.ts, only under
 * CLIPMARK_BENCH_WITHOUT_POUCHDB): the same background without PouchDB's code to parse and run at start.
 */
export default class PouchDBStub {
  constructor() {
    throw new Error('PouchDB is left out of this benchmark build');
  }
}
