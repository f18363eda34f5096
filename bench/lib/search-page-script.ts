/**
 * bench/search-idb-page.ts bundled as one script that defines `globalThis.searchBench`, to run in a page: the
 * plain https page of bench/search-idb.ts, or an extension page in bench/search-sw.ts.
 */
import { join } from 'node:path';
import { build } from 'esbuild';

export async function searchBenchScript(): Promise<string> {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, '..', 'search-idb-page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    minify: true,
  });
  return bundle.outputFiles[0]?.text ?? '';
}
