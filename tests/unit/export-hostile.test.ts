/**
 * Every export of a hostile library (tests/support/hostile-library.ts), read back with the parsers the
 * users' own tools use: @retorquere/bibtex-parser (Better BibTeX for Zotero), citation-js's RIS reader and
 * Zotero's rule for `N1` notes, micromark and markdown-it (CommonMark, as Obsidian renders), the `yaml`
 * package for front matter, and the Hypothesis client's own check of an import file.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { parse as parseBib } from '@retorquere/bibtex-parser';
import MarkdownIt from 'markdown-it';
import { micromark } from 'micromark';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { citationKey, selectionToBibtex, selectionToCslJson, selectionToRis } from '@/utils/export/citations';
import { parseTextDirective, textFragmentLink } from '@/utils/export/deep-link';
import { selectionToHypothesis } from '@/utils/export/hypothesis';
import {
  articleToMarkdown,
  markdownTag,
  selectionToMarkdown,
  tagFromMarkdown,
} from '@/utils/export/markdown';
import type { Selection } from '@/utils/export/types';
import type { Article, Highlight } from '@/utils/schema';
import { createTestLibrary } from '../support/factories';
import {
  HOSTILE_TITLES,
  HOSTILE_URL,
  hostileArticles,
  hostileLibrary,
  hostileTitles,
  NFD_URL,
} from '../support/hostile-library';
import { seed, T0 } from '../support/library-fixtures';

const lib = hostileLibrary();
const withProbes: Selection = { ...lib, articles: [...lib.articles, ...hostileTitles()] };
/** What a citation holds of a title: NFC, whitespace collapsed. */
const asCited = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
const isNfc = (text: string) => text === text.normalize('NFC');

describe('BibTeX, read by Better BibTeX’s parser', () => {
  const bib = parseBib(selectionToBibtex(withProbes), { sentenceCase: false, english: false });

  it('parses without an error, one @online entry per article', () => {
    expect(bib.errors).toEqual([]);
    expect(bib.entries).toHaveLength(withProbes.articles.length);
    for (const e of bib.entries) expect(e.type).toBe('online');
  });

  it("reads every title and site back as written: <, >, ---, --, ``, '', LaTeX specials, emoji, NFD", () => {
    const byUrl = new Map(bib.entries.map((e) => [e.fields.url, e.fields]));
    for (const article of withProbes.articles) {
      const fields = byUrl.get(article.meta.canonicalUrl ?? article.url);
      expect(fields?.title).toBe(asCited(article.title));
      expect(fields?.journaltitle).toBe(asCited(article.meta.siteName ?? article.site));
    }
    // The defects of issue #19, by name.
    const titles = bib.entries.map((e) => e.fields.title);
    expect(titles).toContain('<script>alert("x")</script> & <b>');
    expect(titles.join(' ')).not.toMatch(/[¡¿—–“”]/);
  });

  it('keeps the url verbatim, query and all', () => {
    expect(bib.entries.map((e) => e.fields.url)).toContain(HOSTILE_URL);
  });

  it('a key is the article’s own: the same alone, in a search’s selection and in the whole library', () => {
    const keys = (s: Selection) =>
      new Map(parseBib(selectionToBibtex(s)).entries.map((e) => [e.fields.url, e.key]));
    const all = keys(withProbes);
    for (const article of hostileArticles()) {
      const alone = keys({ articles: [article], highlights: [], tags: [] });
      const url = article.meta.canonicalUrl ?? article.url;
      expect(alone.get(url)).toBe(all.get(url));
      expect(all.get(url)).toBe(citationKey(article));
    }
    expect(new Set(all.values()).size).toBe(all.size);
  });
});

/** Zotero's RIS translator: an `N1` holding a tag is HTML (its text is the note), else text made HTML. */
function zoteroNoteText(value: string): string {
  expect(value).toMatch(/<[^>]+>/);
  const div = document.createElement('div');
  div.innerHTML = value.replace(/<br\/?>/g, '\n');
  return (div.textContent ?? '').replace(/\u00a0/g, ' ');
}

describe('RIS, read by citation-js and by Zotero’s rule for notes', () => {
  const ris = selectionToRis(lib);
  const records = plugins.input.chainLink(ris) as Record<string, string | string[]>[];
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

  it('one NEWS record per article, titles and site names NFC', () => {
    expect(records.map((r) => r.TY)).toEqual(['NEWS', 'NEWS', 'NEWS']);
    for (const r of records) {
      expect(isNfc(String(r.TI))).toBe(true);
      expect(isNfc(String(r.T2))).toBe(true);
    }
    expect(records[1]?.TI).toBe(asCited(lib.articles[1]?.title ?? ''));
  });

  it('each highlight is one N1 note: its quote, note and tags as written, and a deep link', () => {
    const byArticle = new Map(records.map((r) => [r.UR, list(r.N1)]));
    for (const article of lib.articles) {
      const highlights = lib.highlights
        .filter((h) => h.url === article.url)
        .sort((a, b) => a.position.start - b.position.start);
      const notes = byArticle.get(article.meta.canonicalUrl ?? article.url) ?? [];
      expect(notes).toHaveLength(highlights.length);
      highlights.forEach((h, i) => {
        const text = zoteroNoteText(notes[i] as string);
        expect(text).toContain(h.quote.exact.normalize('NFC'));
        const note = h.note.normalize('NFC').replace(/\t/g, '    ');
        if (note) expect(text).toContain(note);
        for (const tag of h.tags) expect(text).toContain(tag.normalize('NFC'));
        expect(notes[i]).toContain(':~:text=');
      });
    }
    // Markup in a note is text: Zotero shows it, never runs or renders it.
    for (const n of records.flatMap((r) => list(r.N1))) expect(n).not.toMatch(/<script|<img/);
  });

  it('the 50,000-character note is there whole', () => {
    const long = lib.highlights.find((h) => h.note.length === 50_000) as Highlight;
    const notes = records.flatMap((r) => list(r.N1)).map(zoteroNoteText);
    expect(notes.some((n) => n.includes(long.note.normalize('NFC')))).toBe(true);
  });
});

describe('CSL-JSON', () => {
  it('titles, site names and authors are NFC', () => {
    const items = JSON.parse(selectionToCslJson(withProbes));
    for (const item of items) {
      expect(isNfc(item.title ?? '')).toBe(true);
      expect(isNfc(item['container-title'])).toBe(true);
      for (const a of item.author ?? []) expect(isNfc(JSON.stringify(a))).toBe(true);
    }
    expect(items.find((i: { URL: string }) => i.URL === NFD_URL).title).toBe(
      'Hợp tác xã Đồng Tiến: lò sấy mới'.normalize('NFC'),
    );
  });
});

const md = new MarkdownIt();
/** The text a paragraph shows, with its links' addresses. */
function rendered(html: string) {
  const div = document.createElement('div');
  div.innerHTML = html;
  return {
    text: [...div.querySelectorAll('p')].map((p) => p.textContent ?? '').join('\n'),
    links: [...div.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
  };
}

describe('Markdown, read by micromark, markdown-it and a YAML parser', () => {
  const [first, ...others] = lib.articles as [Article, ...Article[]];
  const note = articleToMarkdown(
    first,
    lib.highlights.filter((h) => h.url === first.url),
  );
  const front = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(note)?.[1] ?? '');

  it('front matter: title, author, site, published, url, tags — as written, through YAML', () => {
    expect(front).toMatchObject({
      title: first.title,
      author: ['Nguyễn, Văn An', '{Văn Tuấn}'],
      site: first.meta.siteName,
      published: '2026-11-05T00:30:00+07:00',
      url: HOSTILE_URL,
      citekey: citationKey(first),
    });
    expect(front.tags.map(tagFromMarkdown)).toEqual([
      'C++',
      '50%',
      '😀 vui',
      'vui',
      'a/b',
      '#hash',
      'nông nghiệp',
      '2026',
      'covid-19',
      'a_b',
    ]);
    for (const title of HOSTILE_TITLES) {
      const probe = articleToMarkdown({ ...first, title, meta: { ...first.meta, byline: title } }, []);
      const yaml = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(probe)?.[1] ?? '');
      expect(yaml.title).toBe(title.normalize('NFC'));
      expect(yaml.byline).toBe(title.normalize('NFC'));
    }
  });

  it('tags that a lossy form merged stay apart, and read back', () => {
    const forms = ['C++', 'C', '50%', '_50', '😀 vui', 'vui'].map(markdownTag);
    expect(new Set(forms).size).toBe(6);
    const h = lib.highlights[0] as Highlight;
    const tagLine = note.split('\n').find((l) => l.startsWith('#C_2b__2b_')) ?? '';
    expect(tagLine.split(' ').map((t) => tagFromMarkdown(t.slice(1)))).toEqual(
      h.tags.map((t) => t.normalize('NFC')),
    );
  });

  it('each highlight: quote, colour, time, deep link, note — the same in micromark and markdown-it', () => {
    const h = lib.highlights[0] as Highlight;
    for (const html of [micromark(note), md.render(note)]) {
      const { text, links } = rendered(html);
      expect(text).toContain(h.quote.exact);
      expect(text).toContain('Colour: green');
      expect(text).toContain('Highlighted at: 2026-11-06T10:00:01+07:00');
      // The address in the note stays one working link (no backslashes in `tin_tuc`).
      expect(links).toContain('https://example.vn/tin_tuc/bai_viet?id=7&x=a_b#doan-2');
      expect(links).toContain('https://a.vn/x_(y)');
      // Indentation kept (as no-break spaces), formula starts and markup as text.
      expect(text).toContain('\u00a0\u00a0\u00a0\u00a0thụt lề bốn');
      expect(text).toContain('\u00a0\u00a0\u00a0\u00a0thụt tab');
      expect(text).toContain('=HYPERLINK("http://evil.example")\n+84\n-5\n@channel');
      expect(links).toContain(textFragmentLink(HOSTILE_URL, h.quote));
      expect(html).not.toMatch(/<(script|img|b)\b/);
    }
  });

  it('the 50,000-character note reads back whole', () => {
    const long = lib.highlights[1] as Highlight;
    expect(rendered(micromark(note)).text).toContain(long.note.normalize('NFC'));
  });

  it('has a citation line after the title', () => {
    const lines = note.split('\n');
    const title = lines.findIndex((l) => l.startsWith('# '));
    const { text } = rendered(micromark(lines[title + 2] ?? ''));
    expect(text).toBe(
      `Nguyễn, Văn An & {Văn Tuấn} (2026-11-05). ${first.title}. ${first.meta.siteName}. ${HOSTILE_URL}`,
    );
  });

  it('a one-page file is that article’s note, front matter and all (what the popup copies)', () => {
    const one: Selection = {
      articles: [first],
      highlights: lib.highlights.filter((h) => h.url === first.url),
      tags: lib.tags,
    };
    expect(selectionToMarkdown(one)).toBe(note);
    expect(others.length).toBeGreaterThan(0);
  });

  it('everything is NFC', () => {
    const all = selectionToMarkdown(lib);
    expect(isNfc(all)).toBe(true);
    expect(all).toContain('Hợp tác xã Đồng Tiến: lò sấy mới'.normalize('NFC'));
  });
});

describe('deep links (URL text fragments)', () => {
  it('percent-encodes -, &, , and keeps the page’s own query and fragment', () => {
    const link = textFragmentLink('https://a.vn/x?y=1&z=2#phan-2', {
      exact: 'giá -- tăng, 50% & "lợi"',
      prefix: 'rồi, a-b ',
      suffix: ' sau, - c',
    });
    expect(link.startsWith('https://a.vn/x?y=1&z=2#phan-2:~:text=')).toBe(true);
    const directive = link.split(':~:text=')[1] as string;
    expect(directive).not.toMatch(/[&\s]/);
    expect(directive.split(',')).toHaveLength(3);
    expect(parseTextDirective(link)).toEqual({
      prefix: 'rồi, a-b',
      start: 'giá -- tăng, 50% & "lợi"',
      end: null,
      suffix: 'sau, - c',
    });
  });

  it('a long quote is its first and last words; context only across a space, cut words dropped', () => {
    const exact = 'một hai ba bốn năm sáu bảy tám chín mười';
    expect(
      parseTextDirective(textFragmentLink('https://a.vn/', { exact, prefix: 'xyz', suffix: '' })),
    ).toEqual({
      prefix: null,
      start: 'một hai ba bốn',
      end: 'bảy tám chín mười',
      suffix: null,
    });
    const cut = textFragmentLink('https://a.vn/', {
      exact: 'lúa',
      prefix: 'ấy là đoạn văn có nhiều chữ hơn nữa ',
      suffix: ' mới',
    });
    expect(parseTextDirective(cut)?.prefix).toBe('chữ hơn nữa');
    expect(parseTextDirective(cut)?.suffix).toBe('mới');
  });
});

describe('Hypothesis export, as the Hypothesis client imports it', () => {
  const file = JSON.parse(selectionToHypothesis(lib, T0 + 5_000));

  it('is what its "Import annotations" accepts: an object with an annotations list, each as its API returns', () => {
    // The client's own check (src/sidebar/helpers/import.ts) and the fields its import keeps.
    expect(typeof file === 'object' && Array.isArray(file.annotations)).toBe(true);
    expect(Object.keys(file)).toEqual(['export_date', 'export_userid', 'client_version', 'annotations']);
    expect(file.export_date).toBe(new Date(T0 + 5_000).toISOString());
    expect(file.annotations).toHaveLength(lib.highlights.length);
    for (const a of file.annotations) {
      expect(a.user).toBe(file.export_userid);
      expect(typeof a.text).toBe('string');
      expect(Array.isArray(a.tags)).toBe(true);
      expect(a.uri).toMatch(/^https:\/\//);
      expect(a.created).toMatch(/Z$/);
      expect(a.updated).toMatch(/Z$/);
      expect(a.target[0].source).toBe(a.uri);
      expect(a.target[0].selector[0].type).toBe('TextQuoteSelector');
      expect(Array.isArray(a.document.title)).toBe(true);
    }
  });

  it('quotes, tags and titles as written (NFC); a note is Markdown there, so it shows as written', () => {
    const h = lib.highlights[0] as Highlight;
    const a = file.annotations.find((x: { id: string }) => x.id === h.id);
    expect(a.target[0].selector).toEqual([
      { type: 'TextQuoteSelector', exact: h.quote.exact, prefix: h.quote.prefix, suffix: h.quote.suffix },
      { type: 'TextPositionSelector', start: 40, end: 40 + h.quote.exact.length },
    ]);
    expect(a.tags).toEqual(h.tags.map((t) => t.normalize('NFC')));
    expect(a.document.title).toEqual([lib.articles[0]?.title]);
    expect(rendered(micromark(a.text)).text).toContain('=HYPERLINK("http://evil.example")');
    const nfd = file.annotations.find((x: { uri: string }) => x.uri === NFD_URL);
    expect(isNfc(JSON.stringify(nfd))).toBe(true);
  });
});

describe('JSON backup: export → import → export', () => {
  let one: ReturnType<typeof createTestLibrary>;
  let two: ReturnType<typeof createTestLibrary>;
  beforeEach(() => {
    one = createTestLibrary({ clock: T0 + 60_000, tick: 0 });
    two = createTestLibrary({ clock: T0 + 60_000, tick: 0 });
  });
  afterEach(async () => {
    await one.close();
    await two.close();
  });

  it('gives the same bytes, whatever order the records’ keys were in', async () => {
    // Records whose keys are in another order than the schema's, as an older version or Dexie may give.
    const reversed = <T extends object>(r: T): T => Object.fromEntries(Object.entries(r).reverse()) as T;
    await seed(one.db, {
      articles: lib.articles.map(reversed),
      highlights: lib.highlights.map((h) => reversed({ ...h, position: reversed(h.position) })),
      tags: lib.tags.map(reversed),
      trash: [],
    });
    const backup = async (l: typeof one) => {
      const [file] = await l.call('library.export', { scope: { kind: 'all' }, format: 'backup' });
      return file && 'content' in file ? file.content : '';
    };
    const first = await backup(one);
    await two.call('library.import', { kind: 'backup', text: first });
    expect(await backup(two)).toBe(first);
  });
});
