/**
 * Every interface string exists in every language. That every key the code uses is defined in English is the
 * type-check's: `t()` takes only the keys WXT generates from public/_locales/en/messages.json (utils/i18n.ts).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_CHOICES } from '@/components/ExportControl';
import { REASON_TEXT } from '@/utils/article/detect';
import type { ReasonId } from '@/utils/article/types';
import { HIGHLIGHT_COLORS } from '@/utils/colors';
import { keyOf } from '@/utils/i18n';

const ROOT = resolve(__dirname, '../..');
const load = (lang: string): Record<string, { message: string }> =>
  JSON.parse(readFileSync(join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8'));

describe('locales', () => {
  const en = load('en');
  const vi = load('vi');

  it('English and Vietnamese have the same keys, none empty', () => {
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of [...Object.entries(en), ...Object.entries(vi)]) {
      expect(value.message.trim(), key).not.toBe('');
    }
  });

  it('names the messages of colours, export formats and detection reasons as their types say', () => {
    expect(keyOf('reason_', 'og-not-article')).toBe('reason_og_not_article');
    expect(keyOf('format_', 'csl-json')).toBe('format_csl_json');
    const keys = [
      ...HIGHLIGHT_COLORS.map((c) => `color_${c}`),
      ...FORMAT_CHOICES.map((f) => keyOf('format_', f)),
      ...(Object.keys(REASON_TEXT) as ReasonId[]).map((id) => keyOf('reason_', id)),
    ];
    expect(keys.filter((k) => !(k in en))).toEqual([]);
  });
});
