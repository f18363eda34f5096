/**
 * Markdown for Obsidian and Logseq: the front matter parses back to the article's values, quotes are block
 * quotes on every line, notes stay text, tags are ones Obsidian accepts, file names are safe and unique.
 */
import { micromark } from 'micromark';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  articleToMarkdown,
  markdownTag,
  markdownText,
  selectionToMarkdown,
  selectionToMarkdownFiles,
  tagFromMarkdown,
  yamlString,
} from '@/utils/export/markdown';
import type { Article, Clipping, Highlight } from '@/utils/schema';
import { BAONAMDINH, SAMPLE_CLIPPING_TEXT, sampleLibrary, T0 } from '../support/library-fixtures';

/** Reads a double-quoted YAML scalar as a YAML 1.2 parser does; fails on anything unescaped that would end it. */
function yamlUnquote(scalar: string): string {
  expect(scalar).toMatch(/^"(?:[^"\\\n\r\u0085\u2028\u2029]|\\.)*"$/);
  const named: Record<string, string> = {
    n: '\n',
    r: '\r',
    t: '\t',
    '"': '"',
    '\\': '\\',
    '0': '\0',
    N: '\u0085',
    L: '\u2028',
    P: '\u2029',
  };
  return scalar
    .slice(1, -1)
    .replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, e: string) =>
      e.length > 1 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : (named[e] ?? `\\${e}`),
    );
}

/** The subset of YAML the front matter uses: `key: "string"`, `key: []`, `key:` + `  - "item"` lines. */
function frontMatter(md: string): Record<string, string | string[]> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(md);
  if (!m?.[1]) throw new Error('no front matter');
  const out: Record<string, string | string[]> = {};
  let list: string[] | null = null;
  for (const line of m[1].split('\n')) {
    const item = /^ {2}- (".*")$/.exec(line);
    const scalar = /^([a-z]+): (".*")$/.exec(line);
    const emptyList = /^([a-z]+): \[\]$/.exec(line);
    const listStart = /^([a-z]+):$/.exec(line);
    if (item && list) list.push(yamlUnquote(item[1] as string));
    else if (scalar) out[scalar[1] as string] = yamlUnquote(scalar[2] as string);
    else if (emptyList) out[emptyList[1] as string] = [];
    else if (listStart) {
      list = [];
      out[listStart[1] as string] = list;
    } else throw new Error(`not the YAML subset: ${JSON.stringify(line)}`);
  }
  return out;
}

/** What CommonMark shows for backslash-escaped text: the punctuation itself. */
const unescapeMarkdown = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** The text a CommonMark reader (micromark) shows for Markdown: its HTML's text, paragraphs a line apart. */
function shownText(markdown: string): string {
  const div = document.createElement('div');
  div.innerHTML = micromark(markdown);
  return [...div.querySelectorAll('p')].map((p) => p.textContent ?? '').join('\n');
}

const article = (overrides: Partial<Article> = {}): Article => ({
  ...(sampleLibrary().articles[0] as Article),
  ...overrides,
});

describe('front matter', () => {
  it('parses back to the article: title, url, site, byline, published, tags', () => {
    const { highlights } = sampleLibrary();
    const md = articleToMarkdown(
      article(),
      highlights.filter((h) => h.url === BAONAMDINH),
    );
    const expected = {
      title: 'Hợp tác xã Đồng Tiến: "lò sấy" mới, năng suất tăng 20%',
      author: ['Xuân Thu'],
      byline: 'Xuân Thu',
      site: 'Báo Nam Định',
      published: '2026-11-05T00:30:00+07:00',
      url: BAONAMDINH,
      tags: ['nông-nghiệp', 'HTX', '_32_026', 'trích-dẫn'],
      citekey: 'xuanthu2026hop-eoef',
    };
    expect(frontMatter(md)).toEqual(expected);
    // A YAML parser reads the same (the yaml package, as Obsidian's own reader is).
    expect(parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(md)?.[1] ?? '')).toEqual(expected);
  });

  it('keeps hostile strings intact: colons, quotes, backslashes, line breaks, YAML keywords', () => {
    const titles = [
      'Theo TTXVN: "Giá lúa" tăng \\ giảm',
      'Dòng một\nDòng hai\r\nba\u2028bốn\u0085năm',
      '- yes',
      'no',
      '#1 tin nóng',
      "'đơn' & {ngoặc} [x]: *",
      '123',
      'tab\there\u0007bell\u007f',
    ];
    for (const title of titles) {
      const md = articleToMarkdown(article({ title, meta: { byline: title } }), []);
      expect(frontMatter(md)).toMatchObject({ title, byline: title });
      expect(yamlUnquote(yamlString(title))).toBe(title);
    }
  });

  it('omits what the page did not say and lists no tags as []', () => {
    const md = articleToMarkdown(article({ meta: {} }), []);
    expect(frontMatter(md)).toEqual({
      title: article().title,
      author: [],
      url: BAONAMDINH,
      site: 'baonamdinh.vn',
      tags: [],
      citekey: 'baonamdinhvnndhop-eoef',
    });
  });
});

describe('body', () => {
  const quoteLines = (md: string, first: string) => {
    const lines = md.split('\n');
    const start = lines.findIndex((l) => l.startsWith(`> ${first}`));
    const end = lines.indexOf('', start);
    return lines.slice(start, end === -1 ? undefined : end);
  };

  it('a multi-line quote has "> " on every line', () => {
    const h: Highlight = {
      ...(sampleLibrary().highlights[0] as Highlight),
      quote: { type: 'TextQuoteSelector', exact: 'Dòng một\nDòng hai\n\n- ba', prefix: '', suffix: '' },
    };
    const lines = quoteLines(articleToMarkdown(article(), [h]), 'Dòng một');
    expect(lines).toEqual(['> Dòng một', '> Dòng hai', '> ', '> \\- ba']);
  });

  it('notes and quotes are text: markup is escaped, and reads back as written', () => {
    const { highlights } = sampleLibrary();
    const md = articleToMarkdown(article(), highlights);
    expect(md).not.toMatch(/(^|[^\\])<(script|img|b>)/);
    expect(md).not.toMatch(/(^|[^\\])\[liên kết\]\(/);
    for (const h of highlights) {
      // Paragraphs a line apart; indentation as no-break spaces (a tab is four).
      const expected = h.note
        .replace(/\n{2,}/g, '\n')
        .replace(/^[ \t]+/gm, (indent) => indent.replace(/\t/g, '    ').replace(/ /g, '\u00a0'));
      expect(shownText(markdownText(h.note))).toBe(expected);
      expect(md).toContain(markdownText(h.note.trim()));
    }
  });

  it('neutralises Markdown and Obsidian syntax in text', () => {
    expect(markdownText('# tiêu đề')).toBe('\\# tiêu đề');
    expect(markdownText('- mục\n+ mục\n1. mục\n2) mục')).toBe('\\- mục\n\\+ mục\n1\\. mục\n2\\) mục');
    expect(markdownText('a ==b== %%c%% $d$ [[e]] #f <g> `h` *i* _j_ ~k~ |l|')).toBe(
      'a \\=\\=b\\=\\= \\%\\%c\\%\\% \\$d\\$ \\[\\[e\\]\\] \\#f \\<g\\> \\`h\\` \\*i\\* \\_j\\_ \\~k\\~ \\|l\\|',
    );
    expect(markdownText('tăng 20% & giảm, a = b')).toBe('tăng 20% & giảm, a = b');
    expect(markdownText('&lt; &#60;')).toBe('\\&lt; &\\#60;');
    expect(markdownText('dòng\n===')).toBe('dòng\n\\=\\=\\=');
    // Indentation is kept, as no-break spaces: four spaces would otherwise open a code block.
    expect(markdownText('    mã\n\tthụt')).toBe('&nbsp;&nbsp;&nbsp;&nbsp;mã\n&nbsp;&nbsp;&nbsp;&nbsp;thụt');
    // Addresses are autolinks, not escaped: they stay links that work.
    expect(markdownText('xem https://baomoi.vn/tin_tuc/a*b?q=1&x=[2]#p_3, rồi (https://x.vn/a_(b)).')).toBe(
      'xem <https://baomoi.vn/tin_tuc/a*b?q=1&x=[2]#p_3>, rồi (<https://x.vn/a_(b)>).',
    );
  });

  it('tags: spaces become "-", "_" escapes the rest, all-digit tags get one escaped digit; reversible', () => {
    const forms: [string, string][] = [
      ['nông nghiệp', 'nông-nghiệp'],
      ['Xây dựng Đảng', 'Xây-dựng-Đảng'],
      ['2026', '_32_026'],
      ['covid-19', 'covid_-19'],
      ['kinh tế/vĩ mô', 'kinh-tế/vĩ-mô'],
      ['C++', 'C_2b__2b_'],
      ['50%', '50_25_'],
      ['😀 vui', '_1f600_-vui'],
      ['vui', 'vui'],
      ['a_b', 'a__b'],
      ['/a//b/', '_2f_a_2f__2f_b_2f_'],
      ['Q&A: "hỏi đáp"!', 'Q_26_A_3a_-_22_hỏi-đáp_22__21_'],
    ];
    for (const [tag, form] of forms) {
      expect(markdownTag(tag)).toBe(form);
      expect(tagFromMarkdown(form)).toBe(tag);
      // Only what Obsidian takes in a tag, and never digits alone.
      expect(form).toMatch(/^[\p{L}\p{M}\p{N}_/-]+$/u);
      expect(form).not.toMatch(/^\p{N}+$/u);
    }
    expect(new Set(forms.map(([tag]) => markdownTag(tag))).size).toBe(forms.length);
    expect(markdownTag('nông nghiệp'.normalize('NFD'))).toBe('nông-nghiệp');
    const md = articleToMarkdown(article(), sampleLibrary().highlights.slice(0, 2));
    expect(md).toContain('\n#nông-nghiệp #HTX\n');
    expect(md).toContain('\n#_32_026 #trích-dẫn\n');
  });
});

describe('many articles', () => {
  it('one file each: ASCII, diacritics folded, unique, never a Windows device name', () => {
    const lib = sampleLibrary();
    const twin = { ...(lib.articles[0] as Article), url: `${BAONAMDINH}-2`, createdAt: T0 + 999_999 };
    const con = {
      ...(lib.articles[0] as Article),
      url: `${BAONAMDINH}-3`,
      title: 'CON',
      createdAt: T0 + 1_000_000,
    };
    const files = selectionToMarkdownFiles({ ...lib, articles: [...lib.articles, twin, con] });
    expect(files.map((f) => f.filename)).toEqual([
      'hop-tac-xa-dong-tien-lo-say-moi-nang-suat-tang-20.md',
      'gia-lua-tang-5-nong-dan-vui-mung-duoc-mua-duoc-gia-100-2-tan.md',
      'vietnam-s-rice-exports-hit-a-record.md',
      'example-vn.md',
      'hop-tac-xa-dong-tien-lo-say-moi-nang-suat-tang-20-2.md',
      'con-article.md',
    ]);
    for (const f of files) expect(f.filename).toMatch(/^[a-z0-9-]{1,64}\.md$/);
  });

  it('a combined file has a section per article with all its highlights', () => {
    const lib = sampleLibrary();
    const md = selectionToMarkdown(lib, { lang: 'vi' });
    expect(md.startsWith('# Clipmark: 4 bài, 7 đoạn đánh dấu\n')).toBe(true);
    expect(md.match(/^## /gm)).toHaveLength(4);
    expect(md.match(/^> /gm)).toHaveLength(7);
    expect(md).toContain('- Tác giả: Theo TTXVN');
  });

  it('is deterministic whatever order the records come in', () => {
    const lib = sampleLibrary();
    const shuffled = {
      ...lib,
      articles: [...lib.articles].reverse(),
      highlights: [...lib.highlights].reverse(),
    };
    expect(selectionToMarkdown(shuffled)).toBe(selectionToMarkdown(lib));
    expect(selectionToMarkdownFiles(shuffled)).toEqual(selectionToMarkdownFiles(lib));
  });

  it('keeps highlights whose article record is missing, under a stand-in', () => {
    const lib = sampleLibrary();
    const files = selectionToMarkdownFiles({ ...lib, articles: [] });
    expect(files).toHaveLength(4);
    expect(files.flatMap((f) => f.content.match(/^> /gm) ?? [])).toHaveLength(7);
    expect(files[0]?.content).toContain(`url: "${BAONAMDINH}"`);
  });
});

describe('the saved article (a clipping)', () => {
  const lib = sampleLibrary();
  const clipping = lib.clippings[0] as Clipping;
  const onPage = lib.highlights.filter((h) => h.url === BAONAMDINH);

  it('follows the highlights under its heading, a paragraph per block, escaped like other text', () => {
    const md = articleToMarkdown(article(), onPage, { clipping });
    const [before, after = ''] = md.split('\n## Saved article\n');
    expect(before?.match(/^> /gm)).toHaveLength(3);
    expect(after).not.toMatch(/^> /m);
    const paragraphs = after.trim().split('\n\n');
    expect(paragraphs).toEqual([
      'Sáng 5/11, HTX Đồng Tiến đưa lò sấy lúa mới vào hoạt động.',
      'Đó là trước lò sấy lúa mới,\ncông suất 30 tấn/mẻ sau đó. Một lò sấy lúa mới khác.',
      'Ông Trần Văn Bình nói: "Bà con rất phấn khởi, năng suất tăng 20%" \\<b\\>không phải thẻ\\</b\\>',
      '\\# Không phải tiêu đề \\<script\\>alert("xss")\\</script\\> \\[liên kết\\](javascript:alert(1)) \\=\\=đánh dấu\\=\\= & \\&lt;\n\\- không phải danh sách\n1\\. cũng không',
    ]);
    // What a Markdown reader shows: the words as saved (indentation aside), markup as characters.
    expect(paragraphs.map(unescapeMarkdown)).toEqual(
      SAMPLE_CLIPPING_TEXT.split('\n\n').map((b) =>
        b
          .split('\n')
          .map((l) => l.trimStart())
          .join('\n'),
      ),
    );
    expect(md).not.toMatch(/(^|[^\\])<(script|b>)/);
    // The text, not the HTML: no figure, no image address.
    expect(md).not.toContain('<figure');
    expect(md).not.toContain('lo-say_20261105003000.jpg');
  });

  it('is headed in the export’s language, and absent without a clipping', () => {
    expect(articleToMarkdown(article(), onPage, { clipping, lang: 'vi' })).toContain(
      '\n## Bài đã lưu\n\nSáng 5/11, HTX Đồng Tiến',
    );
    for (const md of [
      articleToMarkdown(article(), onPage),
      articleToMarkdown(article(), [], { clipping: null }),
    ]) {
      expect(md).not.toMatch(/Saved article|Bài đã lưu/);
    }
    // No highlights yet: the note says so, then the saved text.
    expect(articleToMarkdown(article(), [], { clipping })).toMatch(
      /\nNo highlights\.\n\n## Saved article\n\nSáng/,
    );
  });

  it('one file per article: only the clipped article’s note has it; none without clippings', () => {
    const files = selectionToMarkdownFiles(lib);
    expect(files.filter((f) => f.content.includes('\n## Saved article\n')).map((f) => f.filename)).toEqual([
      'hop-tac-xa-dong-tien-lo-say-moi-nang-suat-tang-20.md',
    ]);
    const bare = selectionToMarkdownFiles({ ...lib, clippings: undefined });
    expect(bare.some((f) => f.content.includes('Saved article'))).toBe(false);
    // Passed explicitly, clippings are used whatever the selection holds.
    const given = selectionToMarkdownFiles({ ...lib, clippings: [] }, { clippings: [clipping] });
    expect(given.filter((f) => f.content.includes('Saved article'))).toHaveLength(1);
  });

  it('the single file: inside the clipped article’s section, after its highlights', () => {
    const md = selectionToMarkdown(lib, { lang: 'vi' });
    expect(md.match(/^### Bài đã lưu$/gm)).toHaveLength(1);
    expect(md.match(/^## /gm)).toHaveLength(4);
    expect(md.match(/^> /gm)).toHaveLength(7);
    const section = md.split(/^## /m).find((s) => s.includes(BAONAMDINH)) ?? '';
    expect(section).toMatch(/\n> [^\n]*\n(?:.*\n)*?\n### Bài đã lưu\n\nSáng 5\/11/);
    expect(section.indexOf('### Bài đã lưu')).toBeGreaterThan(section.lastIndexOf('\n> '));
    expect(selectionToMarkdown({ ...lib, clippings: [] })).not.toContain('Saved article');
  });
});
