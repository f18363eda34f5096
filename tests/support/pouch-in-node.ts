/**
 * What pouchdb-browser needs from a browser that Node lacks, for the sync tests (which run in Node, not
 * happy-dom: happy-dom's fetch keeps responses in a cache, so a 404 is read again after the PUT that fixed it).
 * Import before pouchdb-browser.
 */
const scope = globalThis as { self?: unknown; FileReader?: unknown };
// A worker's or window's global.
scope.self ??= globalThis;
// Attachments are read through FileReader; PouchDB falls back to readAsArrayBuffer when readAsBinaryString is
// missing.
scope.FileReader ??= class {
  result: ArrayBuffer | null = null;
  onloadend: ((event: { target: unknown }) => void) | null = null;
  readAsArrayBuffer(blob: Blob) {
    blob.arrayBuffer().then((buffer) => {
      this.result = buffer;
      this.onloadend?.({ target: this });
    });
  }
};
