/**
 * The article's own note in every export, read back with the parsers users' tools use (Better BibTeX's, papaparse,
 * micromark), and the W3C and Hypothesis forms of a page note read back by our importers.
 */
import { parse as parseBib } from '@retorquere/bibtex-parser';
import { micromark } from 'micromark';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { selectionToBibtex, selectionToCslJson, selectionToRis } from '@/utils/export/citations';
import { selectionToCsv } from '@/utils/export/csv';
import { articleToHtml } from '@/utils/export/html';
import { selectionToHypothesis } from '@/utils/export/hypothesis';
import { parseHypothesis } from '@/utils/export/import-hypothesis';
import { parseWebAnnotations } from '@/utils/export/import-web-annotation';
import { selectionToMarkdown, selectionToMarkdownFiles } from '@/utils/export/markdown';
import type { Selection } from '@/utils/export/types';
import { selectionToWebAnnotations } from '@/utils/export/web-annotation';
import { sampleLibrary, T0 } from '../support/library-fixtures';

const NOTE = `Ghi chú "về bài" <script>alert(1)</script> 50% & $x^2$ #tag 😀 ${'Tiếng Việt'.normalize('NFD')}
  indented line https://example.org/a_b?c=1#d`;
const library = sampleLibrary();
const [first, ...rest] = library.articles;
if (!first) throw new Error('no sample article');
const noted = { ...first, note: NOTE, noteUpdatedAt: T0 + 1000 };
const selection: Selection = { ...library, articles: [noted, ...rest] };
const one: Selection = {
  articles: [noted],
  highlights: library.highlights.filter((h) => h.url === noted.url),
  tags: library.tags,
};
const nfcNote = NOTE.normalize('NFC');

describe('the article note in each export', () => {
  it('Markdown: its own section, as text (nothing in it is markup), per article and in one file', () => {
    const md = selectionToMarkdown(one);
    expect(md).toContain('## Article note');
    const html = micromark(md);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<a href="https://example.org/a_b?c=1#d">');
    const files = selectionToMarkdownFiles(selection);
    expect(files.filter((f) => f.content.includes('## Article note'))).toHaveLength(1);
    expect(selectionToMarkdown(selection)).toContain('### Article note');
    expect(selectionToMarkdown(selection, { lang: 'vi' })).toContain('### Ghi chú về bài');
  });

  it('HTML: a section with the note escaped', () => {
    const html = articleToHtml(noted, one.highlights);
    expect(html).toContain('<section class="article-note">');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert');
  });

  it('CSV: a row of its own without a quote, read back as written', () => {
    const rows = Papa.parse<string[]>(selectionToCsv(selection).replace(/^\ufeff/, ''), {
      skipEmptyLines: true,
    }).data;
    const row = rows.find((r) => r[0] === '' && r[1]?.includes('Ghi chú'));
    expect(row?.[1]).toBe(NOTE);
    expect(row?.[6]).toBe(noted.url);
    expect(rows.filter((r) => r[0] === '')).toHaveLength(1);
  });

  it('BibTeX: an annote field Better BibTeX reads back (on one line, NFC)', () => {
    const bib = parseBib(selectionToBibtex(selection), { sentenceCase: false, english: false });
    expect(bib.errors).toEqual([]);
    const annotes = bib.entries.map((e) => e.fields.annote).filter(Boolean);
    expect(annotes).toEqual([nfcNote.replace(/\s+/g, ' ')]);
  });

  it('RIS: the first N1 of its record, as escaped HTML; CSL-JSON: annote', () => {
    const ris = selectionToRis(one);
    const n1 = ris.split('\r\n').filter((l) => l.startsWith('N1  - '));
    expect(n1[0]).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(n1[0]).toContain('<br/>&nbsp;&nbsp;indented line');
    expect(n1).toHaveLength(one.highlights.length + 1);
    const csl = JSON.parse(selectionToCslJson(selection)) as { annote?: string }[];
    expect(csl.map((c) => c.annote).filter(Boolean)).toEqual([nfcNote]);
  });

  it('W3C: a page-level annotation (target: the page’s IRI, commenting) that imports back, ours or another tool’s', async () => {
    const text = selectionToWebAnnotations(one);
    const items = JSON.parse(text).first.items as { target: unknown; motivation: string; body?: unknown }[];
    const page = items.find((a) => typeof a.target === 'string');
    expect(page).toMatchObject({
      target: noted.url,
      motivation: 'commenting',
      body: [{ type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: NOTE }],
    });
    // Ours: the article record carries it.
    const back = await parseWebAnnotations(text, { now: () => T0 + 86_400_000 });
    expect(back.records.articles[0]).toMatchObject({ note: NOTE, noteUpdatedAt: T0 + 1000 });
    // Another tool's: the page note becomes the article's note.
    const foreign = {
      ...page,
      id: 'https://example.org/anno/1',
      type: 'Annotation',
      '@context': 'http://www.w3.org/ns/anno.jsonld',
    };
    const theirs = await parseWebAnnotations(JSON.stringify(foreign), { now: () => T0 + 86_400_000 });
    expect(theirs.records.highlights).toEqual([]);
    expect(theirs.records.articles).toMatchObject([{ url: noted.url, note: NOTE }]);
  });

  it('Hypothesis: a page note (an annotation without selectors) that imports back as the article note', async () => {
    const file = JSON.parse(selectionToHypothesis(one, T0)) as {
      annotations: { target: { selector?: unknown }[]; text: string }[];
    };
    const pageNotes = file.annotations.filter((a) => a.target[0]?.selector === undefined);
    expect(pageNotes).toHaveLength(1);
    const back = await parseHypothesis(JSON.stringify(file), { now: () => T0 + 86_400_000 });
    expect(back.records.articles.find((a) => a.url === noted.url)?.note).toBe(nfcNote);
  });
});
