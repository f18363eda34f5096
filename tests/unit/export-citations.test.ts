/**
 * Citations, field by field, as BibTeX/biblatex, Zotero's RIS reader and citeproc expect them: bylines to
 * authors (pen names and agencies kept whole), the paper's own calendar date, LaTeX specials escaped.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractArticle } from '@/utils/article/extract';
import { parseByline } from '@/utils/export/authors';
import { selectionToBibtex, selectionToCslJson, selectionToRis } from '@/utils/export/citations';
import { type Article, metaOfExtraction } from '@/utils/schema';
import { siteOf } from '@/utils/url';
import { BAONAMDINH, GUARDIAN, NO_META, sampleLibrary, T0, VNEXPRESS } from '../support/library-fixtures';
import { parsePage } from '../support/page-window';

interface BibEntry {
  type: string;
  key: string;
  fields: Record<string, string>;
}

/** A BibTeX reader for `@type{key, name = {value}, …}` with nested braces and backslash escapes. */
function parseBibtex(text: string): BibEntry[] {
  const entries: BibEntry[] = [];
  for (let i = text.indexOf('@'); i >= 0; i = text.indexOf('@', i)) {
    const head = /^@(\w+)\{([^,\s]+),/.exec(text.slice(i));
    if (!head) throw new Error(`bad entry at ${i}`);
    let j = i + head[0].length;
    const fields: Record<string, string> = {};
    for (;;) {
      while (/\s/.test(text[j] ?? '')) j++;
      if (text[j] === '}') break;
      const f = /^(\w+) = \{/.exec(text.slice(j));
      if (!f) throw new Error(`bad field at ${j}: ${text.slice(j, j + 20)}`);
      j += f[0].length;
      const start = j;
      for (let depth = 1; depth > 0; j++) {
        const c = text[j];
        if (c === undefined) throw new Error('unbalanced braces');
        if (c === '\\') j++;
        else if (c === '{') depth++;
        else if (c === '}') depth--;
      }
      fields[f[1] as string] = text.slice(start, j - 1);
      if (text[j] === ',') j++;
    }
    entries.push({ type: head[1] as string, key: head[2] as string, fields });
    i = j;
  }
  return entries;
}

const unlatex = (s: string) =>
  s
    .replace(/\\textbackslash\{\}/g, '\\')
    .replace(/\\textasciitilde\{\}/g, '~')
    .replace(/\\textasciicircum\{\}/g, '^')
    .replace(/\\([{}$&%#_])/g, '$1');

const titleOf = (url: string) => sampleLibrary().articles.find((a) => a.url === url)?.title;

describe('BibTeX (biblatex)', () => {
  const entries = parseBibtex(selectionToBibtex(sampleLibrary()));
  const byUrl = (url: string) => entries.find((e) => e.fields.url === url) as BibEntry;

  it('one @online entry per annotated article (what stock Zotero reads as a web page), with ASCII keys', () => {
    expect(entries.map((e) => [e.type, e.key])).toEqual([
      ['online', 'xuanthu2026hop-eoef'],
      ['online', 'ttxvn2026gia-n40v'],
      ['online', 'ratcliffe2026vietnam-hiqk'],
      ['online', 'nguyennd-xv39'],
    ]);
    for (const e of entries) expect(e.fields.organization).toBe(e.fields.journaltitle);
  });

  it('a Vietnamese provincial article: pen name whole, the paper’s own date, access date, language', () => {
    expect(byUrl(BAONAMDINH).fields).toEqual({
      title: 'Hợp tác xã Đồng Tiến: "lò sấy" mới, năng suất tăng 20\\%',
      author: '{Xuân Thu}',
      organization: 'Báo Nam Định',
      journaltitle: 'Báo Nam Định',
      // Published 00:30 +07:00, i.e. the 4th in UTC: the citation keeps the paper's day.
      date: '2026-11-05',
      url: BAONAMDINH,
      urldate: '2026-11-06',
      langid: 'vietnamese',
    });
  });

  it('"Theo TTXVN" is the agency as an organisation in braces; LaTeX specials are escaped', () => {
    const e = byUrl(VNEXPRESS);
    expect(e.fields.author).toBe('{TTXVN}');
    expect(e.fields.title).toBe(
      'Giá lúa \\{tăng\\} 5\\% \\& nông dân \\#vui\\_mừng: "được mùa, được giá" \\textasciitilde{} \\$100\\textasciicircum{}2 \\textbackslash{} tấn',
    );
    expect(unlatex(e.fields.title as string)).toBe(titleOf(VNEXPRESS));
  });

  it('English names "Family, Given"; Vietnamese ones family first; no date, no title when unknown', () => {
    expect(byUrl(GUARDIAN).fields).toMatchObject({
      author: 'Ratcliffe, Rebecca',
      langid: 'english',
      date: '2026-03-10',
    });
    const none = byUrl(NO_META).fields;
    expect(none.author).toBe('Nguyễn, Văn An and {Văn Tuấn}');
    expect(none).not.toHaveProperty('date');
    expect(none).not.toHaveProperty('title');
    expect(none).not.toHaveProperty('langid');
  });

  it('keys differ when author, year and first word clash: the suffix is a hash of the article’s address', () => {
    const lib = sampleLibrary();
    const a = lib.articles[0] as Article;
    const twin: Article = { ...a, url: `${a.url}-2`, createdAt: T0 + 1 };
    const keys = parseBibtex(selectionToBibtex({ ...lib, articles: [a, twin], highlights: [] })).map(
      (e) => e.key,
    );
    expect(keys).toEqual(['xuanthu2026hop-eoef', 'xuanthu2026hop-wcdy']);
  });
});

describe('RIS', () => {
  const ris = selectionToRis(sampleLibrary());
  const records = ris.split('\r\nER  - \r\n').filter((r) => r.trim());
  const fields = (r: string) =>
    r
      .trim()
      .split('\r\n')
      .map((l) => [l.slice(0, 2), l.slice(6)]);

  it('CRLF lines of "TAG  - value", a record per article from TY to ER', () => {
    expect(ris).not.toMatch(/[^\r]\n/);
    expect(ris.endsWith('ER  - \r\n')).toBe(true);
    for (const line of ris.split('\r\n').filter(Boolean)) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
    expect(records).toHaveLength(4);
    for (const r of records) expect(r.trimStart().startsWith('TY  - NEWS\r\n')).toBe(true);
  });

  it('field by field', () => {
    expect(fields(records[0] as string)).toEqual([
      ['TY', 'NEWS'],
      ['ID', 'xuanthu2026hop-eoef'],
      ['TI', titleOf(BAONAMDINH)],
      ['AU', 'Xuân Thu'],
      ['T2', 'Báo Nam Định'],
      ['DA', '2026/11/05'],
      ['PY', '2026'],
      ['UR', BAONAMDINH],
      ['Y2', '2026/11/06'],
      ['LA', 'vi'],
      // The three highlights of the article, in reading order, as Zotero notes (tests/unit/export-hostile.test.ts).
      ...[1, 3, 2].map(() => ['N1', expect.stringMatching(/^<blockquote><p>/)]),
    ]);
    expect(fields(records[1] as string)).toContainEqual(['AU', 'TTXVN']);
    expect(fields(records[1] as string)).toContainEqual(['TI', titleOf(VNEXPRESS)]);
    expect(fields(records[2] as string)).toContainEqual(['AU', 'Ratcliffe, Rebecca']);
    expect(fields(records[3] as string).filter(([t]) => t === 'AU')).toEqual([
      ['AU', 'Nguyễn, Văn An'],
      ['AU', 'Văn Tuấn'],
    ]);
  });

  it('a value with a line break stays on one line', () => {
    const lib = sampleLibrary();
    const a = { ...(lib.articles[0] as Article), title: 'Dòng một\nDòng hai' };
    expect(selectionToRis({ ...lib, articles: [a], highlights: [] })).toContain(
      'TI  - Dòng một Dòng hai\r\n',
    );
  });
});

describe('CSL-JSON', () => {
  const items = JSON.parse(selectionToCslJson(sampleLibrary()));

  it('article-newspaper items as citeproc reads them', () => {
    expect(items[0]).toEqual({
      id: 'xuanthu2026hop-eoef',
      type: 'article-newspaper',
      title: titleOf(BAONAMDINH),
      author: [{ literal: 'Xuân Thu' }],
      'container-title': 'Báo Nam Định',
      issued: { 'date-parts': [[2026, 11, 5]] },
      URL: BAONAMDINH,
      accessed: { 'date-parts': [[2026, 11, 6]] },
      language: 'vi',
    });
    expect(items[1].author).toEqual([{ literal: 'TTXVN' }]);
    expect(items[2].author).toEqual([{ family: 'Ratcliffe', given: 'Rebecca' }]);
    expect(items[3]).not.toHaveProperty('issued');
    expect(items[3].author).toEqual([{ family: 'Nguyễn', given: 'Văn An' }, { literal: 'Văn Tuấn' }]);
  });
});

describe('bylines to authors', () => {
  it.each([
    ['Xuân Thu', null, [{ kind: 'literal', name: 'Xuân Thu' }]],
    ['Bài và ảnh: Xuân Thu', 'vi', [{ kind: 'literal', name: 'Xuân Thu' }]],
    ['Bài, ảnh: Nguyễn Văn An', 'vi', [{ kind: 'person', family: 'Nguyễn', given: 'Văn An' }]],
    ['Theo TTXVN', 'vi', [{ kind: 'organization', name: 'TTXVN' }]],
    ['(Theo Báo Nhân Dân)', 'vi', [{ kind: 'organization', name: 'Báo Nhân Dân' }]],
    [
      'Theo VOV, TTXVN',
      'vi',
      [
        { kind: 'organization', name: 'VOV' },
        { kind: 'organization', name: 'TTXVN' },
      ],
    ],
    ['Văn Tuấn (TTXVN)', 'vi', [{ kind: 'literal', name: 'Văn Tuấn' }]],
    [
      'Minh Anh và Hoàng Long',
      'vi',
      [
        { kind: 'literal', name: 'Minh Anh' },
        { kind: 'person', family: 'Hoàng', given: 'Long' },
      ],
    ],
    ['TTXVN', 'vi', [{ kind: 'organization', name: 'TTXVN' }]],
    ['Báo Nam Định', 'vi', [{ kind: 'organization', name: 'Báo Nam Định' }]],
    ['Rebecca Ratcliffe', 'en-GB', [{ kind: 'person', family: 'Ratcliffe', given: 'Rebecca' }]],
    ['Nguyễn Văn An'.normalize('NFD'), 'vi', [{ kind: 'person', family: 'Nguyễn', given: 'Văn An' }]],
    ['', 'vi', []],
    [null, 'vi', []],
    // Newsrooms and agencies are organisations, never "News, BBC".
    ['BBC News', 'en', [{ kind: 'organization', name: 'BBC News' }]],
    ['Reuters', 'en-GB', [{ kind: 'organization', name: 'Reuters' }]],
    ['AFP', 'fr', [{ kind: 'organization', name: 'AFP' }]],
    ['Associated Press', 'en', [{ kind: 'organization', name: 'Associated Press' }]],
    ['Theo Vietnam+', 'vi', [{ kind: 'organization', name: 'Vietnam+' }]],
    ['(TTXVN/Vietnam+)', 'vi', [{ kind: 'organization', name: 'TTXVN/Vietnam+' }]],
    ['Minh Sơn (TTXVN/Vietnam+)', 'vi', [{ kind: 'literal', name: 'Minh Sơn' }]],
    // Names printed in capitals are people, written in name case.
    ['NGUYỄN HẢI', 'vi', [{ kind: 'person', family: 'Nguyễn', given: 'Hải' }]],
    ['ĐỖ HÀ', 'vi', [{ kind: 'person', family: 'Đỗ', given: 'Hà' }]],
    ['THANH HÀ', 'vi', [{ kind: 'literal', name: 'Thanh Hà' }]],
    [
      'Hoàng Mai, Thanh Tùng',
      'vi',
      [
        { kind: 'person', family: 'Hoàng', given: 'Mai' },
        { kind: 'literal', name: 'Thanh Tùng' },
      ],
    ],
    ['Claire Dupont', 'fr', [{ kind: 'person', family: 'Dupont', given: 'Claire' }]],
    // A team credited without names is no author.
    ['Nhóm phóng viên', 'vi', []],
    // Chinese, Japanese and Korean names are family name first; split only where a space shows where.
    ['佐藤 美咲', 'ja', [{ kind: 'person', family: '佐藤', given: '美咲' }]],
    ['김 민준', 'ko', [{ kind: 'person', family: '김', given: '민준' }]],
    ['王 小明', 'en', [{ kind: 'person', family: '王', given: '小明' }]],
    ['박생강', 'ko', [{ kind: 'literal', name: '박생강' }]],
  ])('%j (%s)', (byline, lang, expected) => {
    expect(parseByline(byline, lang)).toEqual(expected);
  });
});

describe('a newsroom credited as author, in each format', () => {
  const bbc: Article = {
    url: 'https://www.bbc.co.uk/news/uk-england-cornwall-50466969',
    site: 'www.bbc.co.uk',
    title: 'Harbour town votes to ban cars from its seafront',
    meta: { byline: 'BBC News', siteName: 'BBC', lang: 'en', publishedAt: '2019-11-19T06:05:32+00:00' },
    createdAt: T0,
    updatedAt: T0,
  };
  const selection = { articles: [bbc], highlights: [], tags: [] };

  it('BibTeX keeps it whole in double braces, RIS as printed, CSL-JSON as a literal', () => {
    const [entry] = parseBibtex(selectionToBibtex(selection));
    expect(entry?.fields.author).toBe('{BBC News}');
    expect(selectionToBibtex(selection)).toContain('author = {{BBC News}}');
    expect(selectionToRis(selection)).toContain('AU  - BBC News\r\n');
    expect(JSON.parse(selectionToCslJson(selection))[0].author).toEqual([{ literal: 'BBC News' }]);
  });
});

describe('citations of extracted pages, as a new user would make them', () => {
  const windows: { happyDOM: { close(): Promise<void> } }[] = [];
  afterAll(async () => {
    await Promise.all(windows.map((w) => w.happyDOM.close()));
  });
  const DIR = resolve(__dirname, '../fixtures/pages');
  const cite = (slug: string) => {
    const { url } = JSON.parse(readFileSync(join(DIR, slug, 'expected.json'), 'utf8')) as { url: string };
    const { window, document } = parsePage(readFileSync(join(DIR, slug, 'source.html'), 'utf8'), url);
    windows.push(window);
    const extracted = extractArticle(document, url);
    if (!extracted) throw new Error(`${slug}: nothing extracted`);
    const article: Article = {
      url,
      site: siteOf(url),
      title: extracted.title,
      meta: metaOfExtraction(extracted),
      createdAt: T0,
      updatedAt: T0,
    };
    const selection = { articles: [article], highlights: [], tags: [] };
    return {
      bib: parseBibtex(selectionToBibtex(selection))[0]?.fields ?? {},
      ris: selectionToRis(selection),
      csl: JSON.parse(selectionToCslJson(selection))[0],
    };
  };

  it('BBC: no newsroom posing as a person, a title without " - BBC News", the day printed', () => {
    const { bib, ris, csl } = cite('bbc-article');
    expect(bib.author).toBeUndefined();
    expect(bib.title).toBe('Harbour town votes to ban cars from its seafront');
    expect(bib.date).toBe('2019-11-19');
    expect(ris).not.toMatch(/^AU {2}-/m);
    expect(csl).not.toHaveProperty('author');
  });

  it('Le Monde: the author after "Par", the title without " – Le Monde", the date printed "04.05.2015 à 13h36"', () => {
    const { bib, csl } = cite('lemonde-article');
    expect(bib.author).toBe('Dupont, Claire');
    expect(bib.title).toBe('Les abeilles sauvages reviennent dans les jardins de Paris');
    expect(bib.date).toBe('2015-05-04');
    expect(bib.langid).toBe('french');
    expect(csl.issued).toEqual({ 'date-parts': [[2015, 5, 4]] });
  });

  it('a Vietnamese byline in capitals: a person in name case', () => {
    expect(cite('tuoitre-article').csl.author).toEqual([{ family: 'Nguyễn', given: 'Hải' }]);
    expect(cite('baohaiduong-article').bib.author).toBe('Đỗ, Hà');
  });
});
