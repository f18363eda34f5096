// @ts-check
/**
 * `npm run fixture:add -- <slug> <url> [saved.html]`: adds a page to tests/fixtures/pages/<slug>/ with its
 * source (a saved page, or a placeholder to fill in) and an expected.json to complete by hand.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './browser-harness.mjs';

const [slug, url, source] = process.argv.slice(2);
if (!slug || !url || !/^[a-z0-9][a-z0-9-]*$/.test(slug)) {
  console.error(
    'usage: npm run fixture:add -- <slug: lower-case-with-dashes> <https://url> [saved-page.html]',
  );
  process.exit(2);
}
try {
  new URL(url);
} catch {
  console.error(`not a URL: ${url}`);
  process.exit(2);
}
const dir = join(FIXTURES, slug);
if (existsSync(dir)) {
  console.error(`${dir} already exists; pick another slug`);
  process.exit(1);
}
const html = source
  ? readFileSync(source, 'utf8')
  : '<!doctype html>\n<html lang="vi">\n<head><meta charset="utf-8"><title>TODO</title></head>\n<body></body>\n</html>\n';
if (/<script[^>]+src=["']?https?:/i.test(html) || /<link[^>]+href=["']?https?:[^>]+stylesheet/i.test(html)) {
  console.warn(
    'warning: the page loads remote scripts or styles; remove them so tests never touch the network',
  );
}
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'source.html'), html); // kept byte for byte: NFD pages are fixtures too
writeFileSync(
  join(dir, 'expected.json'),
  `${JSON.stringify({ url, isArticle: true, title: '', byline: '', published: '', lead: '', bodyMustContain: [], mustNotContain: [] }, null, 2)}\n`,
);
console.log(`added ${dir}: complete expected.json (see tests/fixtures/pages/README.md)`);
