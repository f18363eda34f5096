/** Every interface string exists in every language, and every key the code uses is defined. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_CHOICES } from '@/components/ExportControl';
import { REASON_TEXT } from '@/utils/article/detect';
import { reasonKey } from '@/utils/article-display';
import { HIGHLIGHT_COLORS } from '@/utils/colors';

const ROOT = resolve(__dirname, '../..');
const load = (lang: string): Record<string, { message: string }> =>
  JSON.parse(readFileSync(join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('locales', () => {
  const en = load('en');
  const vi = load('vi');

  it('English and Vietnamese have the same keys, none empty', () => {
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of [...Object.entries(en), ...Object.entries(vi)]) {
      expect(value.message.trim(), key).not.toBe('');
    }
  });

  it('explains every detection reason the popup can show', () => {
    const keys = Object.keys(REASON_TEXT).map(reasonKey);
    expect(keys.filter((k) => !(k in en) || !(k in vi))).toEqual([]);
  });

  it('every key used with t() is defined', () => {
    const used = new Set<string>();
    for (const file of [...sourceFiles('components'), ...sourceFiles('entrypoints')]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\('([A-Za-z_]+)'/g)) used.add(m[1] as string);
      // Dynamic keys: t(`color_${c}`) for each colour, t(`format_${f}`) for each export format.
      if (text.includes('t(`color_${')) for (const c of HIGHLIGHT_COLORS) used.add(`color_${c}`);
      if (text.includes('t(`format_${'))
        for (const f of FORMAT_CHOICES) used.add(`format_${f.replace('-', '_')}`);
    }
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter((k) => !(k in en));
    expect(missing).toEqual([]);
  });
});
