// Detection and word counts in every script: a prose measure that does not count words by spaces.
import { afterAll, describe, expect, it } from 'vitest';
import { detectArticle } from '@/utils/article/detect';
import { countWords, proseLength } from '@/utils/article/text';
import { parsePage } from '../support/page-window';

const windows: { happyDOM: { close(): Promise<void> } }[] = [];
afterAll(async () => {
  await Promise.all(windows.map((w) => w.happyDOM.close()));
});

function page(body: string, lang: string, url: string) {
  const parsed = parsePage(
    `<!doctype html><html lang="${lang}"><head><title>t</title></head><body>${body}</body></html>`,
    url,
  );
  windows.push(parsed.window);
  return parsed.document;
}
const ids = (d: ReturnType<typeof detectArticle>) => d.reasons.map((r) => r.id);
const repeat = (n: number, make: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => make(i)).join('');

describe('proseLength', () => {
  it('counts Latin text as its length with white space collapsed', () => {
    expect(proseLength('  Người dân   góp công\nsửa đường. ')).toBe('Người dân góp công sửa đường.'.length);
    expect(proseLength('')).toBe(0);
  });

  it('weighs scripts by how much a character says: Han 3, kana and Hangul 2, Thai 1.25', () => {
    expect(proseLength('市民出行')).toBe(12);
    expect(proseLength('まちの')).toBe(6);
    expect(proseLength('엔터 미디어')).toBe(11);
    expect(proseLength('ชาวบ้าน')).toBe(Math.round(7 * 1.25));
  });

  it('measures a sentence and its translation alike, within a factor of 1.5', () => {
    const pairs = [
      [
        'The night bus fare is the same as in the daytime; passengers can pay with a bus card or by scanning with their phone.',
        '夜班线路的票价与白天相同，乘客可以使用公交卡或手机扫码乘车。',
      ],
      [
        'No registration is needed to borrow a book, and it can be returned at any time.',
        '本を借りるのに登録は要らず、返すのはいつでもいいという。',
      ],
      [
        'Many students from local schools also took part in the activity.',
        'กิจกรรมครั้งนี้มีนักเรียนจากโรงเรียนในพื้นที่เข้าร่วมด้วยเป็นจำนวนมาก',
      ],
    ];
    for (const [english, other] of pairs) {
      const ratio = proseLength(other as string) / proseLength(english as string);
      expect(ratio, other).toBeGreaterThan(1 / 1.5);
      expect(ratio, other).toBeLessThan(1.5);
    }
  });
});

describe('countWords', () => {
  it('finds Thai words with the segmenter, not by spaces', () => {
    const thai = 'กิจกรรมครั้งนี้มีนักเรียนจากโรงเรียนในพื้นที่เข้าร่วมด้วยเป็นจำนวนมาก';
    expect(countWords(thai)).toBeGreaterThanOrEqual(10);
    expect(countWords('người dân góp công')).toBe(4);
    expect(countWords('市民出行')).toBe(4);
  });
});

describe('detectArticle in scripts without spaces', () => {
  const ZH = repeat(
    12,
    (i) =>
      `<p>第${i + 1}段：江城市从本月起试点开通三条夜间公交线路，运营时间为每晚十点至次日凌晨两点，覆盖火车站和居民区。</p>`,
  );

  it('measures a Chinese body as much prose as its English equivalent', () => {
    const doc = page(
      `<div><h1>江南小城试点夜间公交</h1><div class="bd">${ZH}</div></div>`,
      'zh',
      'https://x.example/a/88764',
    );
    const d = detectArticle(doc, 'https://x.example/a/88764');
    const dense = d.reasons.find((r) => r.id === 'dense-text');
    expect(dense?.points).toBe(25);
    expect(ids(d)).toContain('heading-over-prose');
  });

  it('reads a printed date in any language under the headline', () => {
    for (const date of [
      '6 ธันวาคม 2569 09:15 น.',
      '2026年12月5日 08:30',
      '05.11.2022 à 13h36',
      '19. November 2019',
    ]) {
      const doc = page(
        `<div><h1>Headline</h1><div>${date}</div>${ZH}</div>`,
        'th',
        'https://x.example/local/12045',
      );
      expect(ids(detectArticle(doc, 'https://x.example/local/12045')), date).toContain('dateline');
    }
  });

  it('does not let a listing headline stand over prose elsewhere on the page', () => {
    const doc = page(
      `<header><h1>Tin tức</h1></header><main><div><div><div class="x">${ZH}</div></div></div></main>`,
      'zh',
      'https://x.example/',
    );
    expect(ids(detectArticle(doc, 'https://x.example/news/'))).not.toContain('heading-over-prose');
  });

  it('adds one-line paragraphs to the body they sit in', () => {
    const short = repeat(30, (i) => `<p>Phrase courte numéro ${i + 1} du texte.</p>`);
    const doc = page(`<article><h1>Titre</h1>${short}</article>`, 'fr', 'https://x.example/a');
    const d = detectArticle(doc, 'https://x.example/a');
    expect(d.reasons.find((r) => r.id === 'dense-text')?.detail).toMatch(/^\d+ chars in 0 paragraphs$/);
  });
});
