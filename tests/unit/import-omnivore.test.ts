/**
 * Omnivore's export metadata (utils/export/import-omnivore.ts): each saved item with highlights becomes an
 * article at its normalised address, its labels the highlights' tags; notes on the whole article, redactions,
 * items without highlights and items that are not web pages are left out, each named with why.
 */
import { describe, expect, it } from 'vitest';
import { importKindOf } from '@/utils/export/formats';
import { looksLikeOmnivore, parseOmnivore } from '@/utils/export/import-omnivore';
import { FIXTURE_NOW, importFixture } from '../support/import-fixtures';

const now = () => FIXTURE_NOW;

describe('Omnivore metadata', () => {
  it('imports the highlights of each item at its page, with notes as text and labels as tags', async () => {
    const text = importFixture('metadata_0_to_20.json');
    expect(looksLikeOmnivore(text)).toBe(true);
    expect(importKindOf(text)).toBe('omnivore');
    const { records, times } = await parseOmnivore(text, { now });
    expect(records.highlights).toHaveLength(2);
    const [first, second] = records.highlights;
    expect(first).toMatchObject({
      url: 'https://example.com/news/ai-future',
      quote: { exact: 'Newsrooms are experimenting with AI.', prefix: 'Today, ', suffix: ' Some of them' },
      note: '<script>alert(1)</script> note 😀',
      color: 'pink',
      tags: ['AI', 'Báo chí', 'a b'],
      createdAt: Date.parse('2024-05-01T09:00:00.000Z'),
      updatedAt: Date.parse('2024-05-01T09:05:00.000Z'),
    });
    // A web highlight: no raw position, a position hint of 0 — it anchors by its quote and context.
    expect(first?.rawPosition).toBeUndefined();
    expect(second?.color).toBe('green');
    expect(records.articles).toEqual([
      expect.objectContaining({
        url: 'https://example.com/news/ai-future',
        site: 'example.com',
        title: 'AI and the future of news',
        meta: { byline: 'Nguyễn Văn A', publishedAt: '2024-04-30T00:00:00.000Z' },
      }),
    ]);
    expect(times.leftOut).toEqual([
      {
        path: '[0].highlights[1]',
        reason: 'a note on the whole article: per-article notes are not imported yet',
      },
      { path: '[0].highlights[2]', reason: 'a redaction, not a highlight' },
      { path: '[1]', reason: 'an item without highlights: Clipmark keeps the articles you highlighted' },
      { path: '[2].url', reason: 'not a web page address (http or https)' },
      { path: '[3].savedAt', reason: expect.stringMatching(/^Invalid input/) },
    ]);
  });

  it('gives the same ids to the same file every time', async () => {
    const text = importFixture('metadata_0_to_20.json');
    const a = await parseOmnivore(text, { now });
    const b = await parseOmnivore(text, { now });
    expect(a.records.highlights.map((h) => h.id)).toEqual(b.records.highlights.map((h) => h.id));
  });

  it('refuses what is not a metadata file', async () => {
    await expect(parseOmnivore('{"items": []}', { now })).rejects.toThrow(
      /not an Omnivore export \(expected its zip, or a metadata file/,
    );
    await expect(parseOmnivore('[{"slug": ', { now })).rejects.toThrow(/not valid JSON/);
  });
});
