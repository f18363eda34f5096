/**
 * A book imported from Kindle or Readwise has no web address (issue 19): its key (`book:…`) never appears in
 * an export as an address or a link. BibTeX writes it as a @book (Better BibTeX's parser), RIS as TY BOOK
 * (citation-js), CSL-JSON as type book; Markdown has no url and no deep link; CSV an empty URL.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { parse as parseBib } from '@retorquere/bibtex-parser';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { selectionToBibtex, selectionToCslJson, selectionToRis } from '@/utils/export/citations';
import { selectionToCsv } from '@/utils/export/csv';
import { selectionToHtmlFiles } from '@/utils/export/html';
import { parseKindle } from '@/utils/export/import-kindle';
import { selectionToMarkdown } from '@/utils/export/markdown';
import type { Selection } from '@/utils/export/types';
import { FIXTURE_NOW, importFixture } from '../support/import-fixtures';

async function books(): Promise<Selection> {
  const { records } = await parseKindle(importFixture('My Clippings.txt'), { now: () => FIXTURE_NOW });
  return { articles: records.articles, highlights: records.highlights, tags: [] };
}

describe('exports of books', () => {
  it('BibTeX: a @book per book, no url', async () => {
    const bib = parseBib(selectionToBibtex(await books()), { sentenceCase: false, english: false });
    expect(bib.errors).toEqual([]);
    expect(bib.entries.map((e) => e.type)).toEqual(['book', 'book', 'book', 'book']);
    expect(bib.entries.every((e) => e.fields.url === undefined && e.fields.urldate === undefined)).toBe(true);
    expect(bib.entries.map((e) => e.fields.title)).toContain('<script>alert(1)</script>');
  });

  it('RIS: TY BOOK, no UR, the highlights as notes without links', async () => {
    const records = plugins.input.chainLink(selectionToRis(await books())) as Record<string, unknown>[];
    expect(records.map((r) => r.TY)).toEqual(['BOOK', 'BOOK', 'BOOK', 'BOOK']);
    expect(records.every((r) => r.UR === undefined)).toBe(true);
    expect(JSON.stringify(records)).not.toContain('book:');
  });

  it('CSL-JSON, Markdown, CSV and HTML never write the book key', async () => {
    const selection = await books();
    const csl = JSON.parse(selectionToCslJson(selection)) as { type: string; URL?: string }[];
    expect(csl.map((c) => c.type)).toEqual(['book', 'book', 'book', 'book']);
    const markdown = selectionToMarkdown(selection, { lang: 'en', clippings: [] });
    expect(markdown).toContain('> The ability to speak about fictions');
    expect(markdown).not.toContain('book:');
    expect(markdown).not.toContain('#:~:text=');
    const csv = Papa.parse<string[]>(selectionToCsv(selection, {}).replace(/^\ufeff/, ''), {
      skipEmptyLines: true,
    }).data;
    const url = csv[0]?.indexOf('URL') ?? -1;
    expect(url).toBeGreaterThan(0);
    expect(csv.slice(1).map((row) => row[url])).toEqual(['', '', '', '']);
    const html = selectionToHtmlFiles(selection, { lang: 'en', clippings: [] });
    expect(html.map((f) => f.content).join('')).not.toContain('book:');
  });
});
