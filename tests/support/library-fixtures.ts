/**
 * Sample libraries for the export/import tests and benchmark — not imported by the extension. Vietnamese
 * first, with the characters every format must survive: diacritics, quotes, commas, line breaks, markup,
 * LaTeX specials, formula-looking notes.
 */

import type { ClipmarkDB } from '../../entrypoints/background/database';
import { HIGHLIGHT_COLORS } from '../../utils/colors';
import { DERIVED_TABLES } from '../../utils/export/backup';
import type { ImportRecords } from '../../utils/export/import-records';
import type { Article, Clipping, Highlight, SettingRow, TagRecord, TrashEntry } from '../../utils/schema';
import { tagKey } from '../../utils/tag-names';

// Not the ids createTestLibrary hands out (00000000-…), so records made by handlers never collide with these.
export const id = (n: number) => `5a1e0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** 6 Nov 2026, 10:00 in Hà Nội. */
export const T0 = Date.UTC(2026, 10, 6, 3, 0, 0);

export const BAONAMDINH = 'https://baonamdinh.vn/channel/5085/202611/hop-tac-xa-dong-tien-2561234';
export const VNEXPRESS = 'https://vnexpress.net/gia-lua-tang-manh-4712345.html';
export const GUARDIAN = 'https://theguardian.com/world/2026/mar/10/vietnam-rice-exports';
export const NO_META = 'https://example.vn/bai-viet?id=7';

export function sampleArticles(): Article[] {
  return [
    {
      url: BAONAMDINH,
      site: 'baonamdinh.vn',
      title: 'Hợp tác xã Đồng Tiến: "lò sấy" mới, năng suất tăng 20%',
      meta: {
        canonicalUrl: BAONAMDINH,
        byline: 'Xuân Thu',
        siteName: 'Báo Nam Định',
        lang: 'vi',
        // 00:30 in Hà Nội is still the 4th in UTC: the citation date must say the 5th.
        publishedAt: '2026-11-05T00:30:00+07:00',
        modifiedAt: null,
        lead: 'Sáng 5/11, HTX Đồng Tiến đưa lò sấy lúa mới vào hoạt động.',
        excerpt: null,
        mainImage: 'https://baonamdinh.vn/file/e7837c02/112026/lo-say_20261105003000.jpg',
        wordCount: 812,
      },
      createdAt: T0,
      updatedAt: T0 + 5_000,
    },
    {
      url: VNEXPRESS,
      site: 'vnexpress.net',
      title: 'Giá lúa {tăng} 5% & nông dân #vui_mừng: "được mùa, được giá" ~ $100^2 \\ tấn',
      meta: {
        byline: 'Theo TTXVN',
        siteName: 'VnExpress',
        lang: 'vi',
        publishedAt: '2026-03-02T08:15:00+07:00',
      },
      createdAt: T0 + 60_000,
      updatedAt: T0 + 60_000,
    },
    {
      url: GUARDIAN,
      site: 'theguardian.com',
      title: 'Vietnam’s rice exports hit a record',
      meta: {
        byline: 'Rebecca Ratcliffe',
        siteName: 'The Guardian',
        lang: 'en',
        publishedAt: '2026-03-10T06:00:00Z',
      },
      createdAt: T0 + 120_000,
      updatedAt: T0 + 120_000,
    },
    {
      url: NO_META,
      site: 'example.vn',
      title: '',
      meta: { byline: 'Nguyễn Văn An - Văn Tuấn (TTXVN)' },
      createdAt: T0 + 180_000,
      updatedAt: T0 + 180_000,
    },
  ];
}

function hl(
  n: number,
  url: string,
  start: number,
  fields: Partial<Highlight> & { exact: string },
): Highlight {
  const { exact, ...rest } = fields;
  return {
    id: id(n),
    url,
    quote: { type: 'TextQuoteSelector', exact, prefix: 'trước ', suffix: ' sau' },
    position: { type: 'TextPositionSelector', start, end: start + exact.length },
    color: 'yellow',
    tags: [],
    note: '',
    createdAt: T0 + n * 1000,
    updatedAt: T0 + n * 1000,
    ...rest,
  };
}

export function sampleHighlights(): Highlight[] {
  return [
    hl(1, BAONAMDINH, 100, {
      exact: 'lò sấy lúa mới, công suất 30 tấn/mẻ',
      tags: ['nông nghiệp', 'HTX'],
      note: 'Số liệu: "30 tấn" — cần kiểm chứng, so với năm 2025.\nDòng 2 <b>in đậm?</b>',
      updatedAt: T0 + 90_000,
    }),
    hl(2, BAONAMDINH, 400, {
      exact: 'Ông Trần Văn Bình nói: "Bà con rất phấn khởi, năng suất tăng 20%"',
      color: 'green',
      tags: ['2026', 'trích dẫn'],
      note: '=HYPERLINK("http://evil.example","bấm vào")',
    }),
    hl(3, BAONAMDINH, 250, {
      exact:
        '# Không phải tiêu đề *không* in nghiêng [liên kết](javascript:alert(1)) ==đánh dấu== %%ẩn%% $x$',
      color: 'pink',
      note: '<script>alert("xss")</script> & <img src=x onerror=alert(1)> &lt;',
    }),
    hl(4, VNEXPRESS, 10, {
      exact: '- 5% so với cùng kỳ',
      color: 'blue',
      tags: ['kinh tế'],
      note: '+84 912 345 678',
    }),
    hl(5, VNEXPRESS, 50, {
      exact: 'giá lúa',
      color: 'purple',
      tags: ['nông nghiệp', 'số liệu'],
      note: '@channel xem lại',
    }),
    hl(6, GUARDIAN, 30, { exact: 'Vietnam exported a record 8m tonnes of rice', tags: ['trade'] }),
    hl(7, NO_META, 5, {
      exact: 'Tin, ảnh: Văn Tuấn',
      note: 'Dòng một\nDòng hai\n\n- gạch đầu dòng\n1. số\n\tthụt lề',
    }),
  ];
}

export function sampleTags(): TagRecord[] {
  const colors: Record<string, TagRecord['color']> = {
    'nông nghiệp': 'green',
    'trích dẫn': 'yellow',
    'đọc sau': 'blue',
  };
  return ['nông nghiệp', 'HTX', '2026', 'trích dẫn', 'kinh tế', 'số liệu', 'trade', 'đọc sau'].map(
    (name, i) => ({
      key: tagKey(name),
      name,
      color: colors[name] ?? null,
      createdAt: T0 + i,
    }),
  );
}

export function sampleTrash(): TrashEntry[] {
  const highlight = hl(8, BAONAMDINH, 600, { exact: 'đoạn đã xoá', tags: ['HTX'] });
  return [{ id: highlight.id, deletedAt: T0 + 100_000, highlight }];
}

/**
 * The saved text of the first article: its lead, then highlight 1 placed by its prefix and suffix after an
 * earlier occurrence of the same words, highlight 2 as printed, and markup that must stay text (HTML and
 * Markdown). Highlight 3 is not in it. Blocks are separated by a blank line, as `utils/article` extracts.
 */
export const SAMPLE_CLIPPING_TEXT = [
  'Sáng 5/11, HTX Đồng Tiến đưa lò sấy lúa mới vào hoạt động.',
  'Đó là trước lò sấy lúa mới,\n   công suất 30 tấn/mẻ sau đó. Một lò sấy lúa mới khác.',
  'Ông Trần Văn Bình nói: "Bà con rất phấn khởi, năng suất tăng 20%" <b>không phải thẻ</b>',
  '# Không phải tiêu đề <script>alert("xss")</script> [liên kết](javascript:alert(1)) ==đánh dấu== & &lt;\n    - không phải danh sách\n1. cũng không',
].join('\n\n');

export function sampleClippings(): Clipping[] {
  const image = 'https://baonamdinh.vn/file/e7837c02/112026/lo-say_20261105003000.jpg';
  return [
    {
      url: BAONAMDINH,
      savedAt: T0 + 4_000,
      article: {
        url: `${BAONAMDINH}?utm_source=zalo`,
        canonicalUrl: BAONAMDINH,
        title: 'Hợp tác xã Đồng Tiến: "lò sấy" mới, năng suất tăng 20%',
        byline: 'Xuân Thu',
        siteName: 'Báo Nam Định',
        lang: 'vi',
        publishedAt: '2026-11-05T00:30:00+07:00',
        modifiedAt: null,
        lead: 'Sáng 5/11, HTX Đồng Tiến đưa lò sấy lúa mới vào hoạt động.',
        excerpt: null,
        mainImage: image,
        wordCount: 62,
        html: [
          '<p>Sáng 5/11, HTX Đồng Tiến đưa <strong>lò sấy lúa mới</strong> vào hoạt động.</p>',
          `<figure><img src="${image}" alt="Lò sấy lúa"><figcaption>Lò sấy mới của HTX Đồng Tiến.</figcaption></figure>`,
          '<p>Đó là trước lò sấy lúa mới,<br>công suất 30 tấn/mẻ sau đó. Một lò sấy lúa mới khác.</p>',
          '<p>Ông Trần Văn Bình nói: "Bà con rất phấn khởi, năng suất tăng 20%" &lt;b&gt;không phải thẻ&lt;/b&gt;</p>',
        ].join('\n'),
        text: SAMPLE_CLIPPING_TEXT,
        adapter: 'baonamdinh',
      },
    },
  ];
}

/** What the user set: saving a clipping with the first highlight turned off (the default is on). */
export function sampleSettings(): SettingRow[] {
  return [{ key: 'autoClip', value: false }];
}

/** The sample library as a selection (clippings included) plus trash and settings. */
export function sampleLibrary() {
  return {
    articles: sampleArticles(),
    highlights: sampleHighlights(),
    tags: sampleTags(),
    trash: sampleTrash(),
    clippings: sampleClippings(),
    settings: sampleSettings(),
  };
}

/** mulberry32: a small seeded PRNG, so every run builds the same library. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'xây dựng|Đảng|tổ chức|kinh tế|phát triển|nông nghiệp|lúa gạo|hợp tác xã|doanh nghiệp|đầu tư|tăng trưởng|"được mùa"|giá cả|người dân|cuộc sống|giáo dục|y tế|chuyển đổi số|môi trường|20%,|năm 2026,|tỉnh Nam Định|của|và|là|có|được|cho|với|trong|các|những|một|này|đã|sẽ'.split(
    '|',
  );
const TAGS =
  'kinh tế|nông nghiệp|giáo dục|y tế|Nam Định|chuyển đổi số|số liệu|trích dẫn|đọc sau|quan trọng'.split('|');
const SITES = 'baonamdinh.vn|vnexpress.net|tuoitre.vn|thanhnien.vn|dantri.com.vn|nhandan.vn'.split('|');

/** A synthetic library of `highlights` spread over `articles` pages, deterministic for a seed. */
export function generateLibrary(highlights: number, articles: number, seed = 7) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const arts: Article[] = Array.from({ length: articles }, (_, i) => {
    const site = pick(SITES);
    return {
      url: `https://${site}/tin-tuc/bai-${i}-${Math.floor(r() * 1e7)}.html`,
      site,
      title: words(8 + Math.floor(r() * 8)),
      meta: {
        byline: r() < 0.3 ? 'Theo TTXVN' : 'Xuân Thu',
        siteName: site,
        lang: 'vi',
        publishedAt: '2026-11-05T08:02:00+07:00',
      },
      createdAt: T0 + i * 1000,
      updatedAt: T0 + i * 1000,
    };
  });
  const hls: Highlight[] = Array.from({ length: highlights }, (_, i) => {
    const exact = words(12 + Math.floor(r() * 30));
    const start = Math.floor(r() * 20_000);
    return {
      id: id(i + 1),
      url: (arts[i % articles] as Article).url,
      quote: { type: 'TextQuoteSelector', exact, prefix: words(5), suffix: words(5) },
      position: { type: 'TextPositionSelector', start, end: start + exact.length },
      color: pick(HIGHLIGHT_COLORS),
      tags: [...new Set(Array.from({ length: Math.floor(r() * 3) }, () => pick(TAGS)))],
      note: r() < 0.3 ? words(10 + Math.floor(r() * 30)) : '',
      createdAt: T0 + i * 997,
      updatedAt: T0 + i * 997,
    };
  });
  const tags: TagRecord[] = TAGS.map((name, i) => ({
    key: tagKey(name),
    name,
    color: null,
    createdAt: T0 + i,
  }));
  return { articles: arts, highlights: hls, tags, trash: [] as TrashEntry[] };
}

/** Writes records straight into the tables (no handlers), for tests and the benchmark. */
export async function seed(db: ClipmarkDB, lib: ImportRecords): Promise<void> {
  const tables = [db.articles, db.highlights, db.tags, db.trash, db.clippings, db.settings];
  await db.transaction('rw', tables, async () => {
    await db.articles.bulkAdd(lib.articles);
    await db.highlights.bulkAdd(lib.highlights);
    await db.tags.bulkAdd(lib.tags);
    await db.trash.bulkAdd(lib.trash);
    await db.clippings.bulkAdd(lib.clippings ?? []);
    await db.settings.bulkAdd(lib.settings ?? []);
  });
}

/**
 * Every table of the database, rows in primary-key order — including tables added later, except the
 * derived ones (the search index is rebuilt, not restored).
 */
export async function dumpTables(db: ClipmarkDB): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const tables = db.tables.filter((t) => !DERIVED_TABLES.includes(t.name));
  for (const table of tables.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    out[table.name] = await table.orderBy(':id').toArray();
  }
  return out;
}
