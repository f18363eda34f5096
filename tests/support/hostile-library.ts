/**
 * A hostile library for the export tests: every character each format has to escape or keep — quotes,
 * braces, backslashes, `%`, `#`, line breaks, formula starts (`= + - @`), `<script>`, emoji, NFD text, a
 * 50,000-character note, addresses with queries and fragments, LaTeX specials (`& _ $ ^ ~`), TeX
 * ligatures (`--`, `---`, two backticks, two apostrophes) — and tags that a naive tag form merges.
 * Records pass the schemas of utils/schema.ts (the importer's), so a round trip can be tested too.
 */
import type { Article, Highlight, TagRecord } from '../../utils/schema';
import { tagKey } from '../../utils/tag-names';
import { id, T0 } from './library-fixtures';

export const HOSTILE_URL = 'https://example.vn/tin_tuc/bai-viet?id=7&page=2';
export const NFD_URL = 'https://baonamdinh.vn/channel/5085/202611/ky-tu-to-hop-2561299';
export const PLAIN_URL = 'https://vnexpress.net/gia-lua-4712399.html';

/** Titles no format may change (NFC aside): each is the title of a probe article in `hostileTitles`. */
export const HOSTILE_TITLES = [
  '<script>alert("x")</script> & <b>',
  "Giá lúa --- tăng -- 20% `` trích '' `một` {ngoặc} \\ # _ $ ^ ~ &",
  '=SUM(A1:A2) +84 -5 @channel',
  '😀 Vui "quá" \'đi\' ?` !`',
  'Dòng một\nDòng hai\ttab',
  'Tiêu đề tổ hợp'.normalize('NFD'),
];

const NOTE_50K = `Ghi chú rất dài: ${'Hợp tác xã 😀 <b>x</b> & 50% #tag _a_ '.repeat(1400)}`.slice(0, 50_000);

export function hostileArticles(): Article[] {
  return [
    {
      url: HOSTILE_URL,
      site: 'example.vn',
      title: HOSTILE_TITLES[0] as string,
      meta: {
        canonicalUrl: HOSTILE_URL,
        byline: 'Nguyễn Văn An & {Văn Tuấn}',
        siteName: 'Báo <Thử> & "Nghiệm" #1 50%',
        lang: 'vi',
        publishedAt: '2026-11-05T00:30:00+07:00',
      },
      createdAt: T0,
      updatedAt: T0,
    },
    {
      url: NFD_URL,
      site: 'baonamdinh.vn',
      title: 'Hợp tác xã Đồng Tiến: lò sấy mới'.normalize('NFD'),
      meta: {
        byline: 'Xuân Thu'.normalize('NFD'),
        siteName: 'Báo Nam Định'.normalize('NFD'),
        lang: 'vi',
        publishedAt: '2026-11-04T08:00:00+07:00',
      },
      createdAt: T0 + 1_000,
      updatedAt: T0 + 1_000,
    },
    {
      url: PLAIN_URL,
      site: 'vnexpress.net',
      title: HOSTILE_TITLES[1] as string,
      meta: {
        byline: 'Theo TTXVN',
        siteName: 'VnExpress',
        lang: 'vi',
        publishedAt: '2026-03-02T08:15:00+07:00',
      },
      createdAt: T0 + 2_000,
      updatedAt: T0 + 2_000,
    },
  ];
}

/** Probe articles, one per title in `HOSTILE_TITLES`, with no highlights (citations only). */
export function hostileTitles(): Article[] {
  return HOSTILE_TITLES.map((title, i) => ({
    url: `https://example.org/probe-${i}?q=a%20b&r=1`,
    site: 'example.org',
    title,
    meta: { siteName: `Trang ${title}`, lang: 'vi' },
    createdAt: T0 + 10_000 + i,
    updatedAt: T0 + 10_000 + i,
  }));
}

type Fields = Partial<Highlight> & { exact: string; prefix?: string; suffix?: string };

function hl(n: number, url: string, start: number, fields: Fields): Highlight {
  const { exact, prefix = 'trước ', suffix = ' sau', ...rest } = fields;
  return {
    id: id(900 + n),
    url,
    quote: { type: 'TextQuoteSelector', exact, prefix, suffix },
    position: { type: 'TextPositionSelector', start, end: start + exact.length, astralBefore: 0 },
    color: 'yellow',
    tags: [],
    note: '',
    createdAt: T0 + n * 1_000,
    updatedAt: T0 + n * 1_000,
    ...rest,
  };
}

export function hostileHighlights(): Highlight[] {
  return [
    hl(1, HOSTILE_URL, 40, {
      exact: '<script>alert(1)</script> giá -- tăng, 50% & "lợi" #1',
      note: 'Xem https://example.vn/tin_tuc/bai_viet?id=7&x=a_b#doan-2, rồi (https://a.vn/x_(y)).\n    thụt lề bốn\n\tthụt tab\n\n=HYPERLINK("http://evil.example")\n+84\n-5\n@channel',
      tags: ['C++', '50%', '😀 vui', 'vui', 'a/b', '#hash', 'nông nghiệp'.normalize('NFD')],
      color: 'green',
    }),
    hl(2, HOSTILE_URL, 200, {
      exact: 'Tiêu đề tổ hợp'.normalize('NFD'),
      note: NOTE_50K,
      tags: ['2026', 'covid-19', 'a_b'],
      color: 'pink',
    }),
    hl(3, HOSTILE_URL, 400, {
      exact: "LaTeX & _ $ ^ ~ \\ {x} `` '' --- `a`",
      prefix: 'một đoạn rất dài trước câu này ',
      suffix: ', và sau, - có - gạch',
      note: '<img src=x onerror=alert(1)> [link](javascript:alert(1)) ==mark== %%c%% $x$ [[w]]',
      color: 'blue',
    }),
    hl(4, NFD_URL, 10, {
      exact: 'lò sấy lúa mới'.normalize('NFD'),
      note: 'Ghi chú tổ hợp'.normalize('NFD'),
      tags: ['Đảng'.normalize('NFD')],
    }),
    hl(5, PLAIN_URL, 20, { exact: 'Dòng một\nDòng hai 😀', color: 'purple', tags: ['kinh tế'] }),
  ];
}

export function hostileTags(): TagRecord[] {
  const names = [...new Set(hostileHighlights().flatMap((h) => h.tags))];
  return names.map((name) => ({ key: tagKey(name), name, color: null, createdAt: T0 }));
}

/** The hostile library as a selection. */
export function hostileLibrary() {
  return {
    articles: hostileArticles(),
    highlights: hostileHighlights(),
    tags: hostileTags(),
    trash: [],
    clippings: [],
    settings: [],
  };
}
