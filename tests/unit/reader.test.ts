// The reader page's helpers: the clipping's HTML sanitised again, nothing that loads from the network, links
// that open in a new tab, and highlights made on the live page landing on the same words in the clipping.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildTextIndex, describe as describeRange } from '@/utils/anchoring';
import { extractArticle } from '@/utils/article/extract';
import type { HighlightRecord } from '@/utils/messaging/background-map';
import {
  articleUrlFrom,
  formatSavedDate,
  PLACEHOLDER_TAG,
  paperName,
  placeHighlights,
  prepareClippingHtml,
  readerPath,
  webAddress,
} from '@/utils/reader';
import { fakeRecord } from '../support/factories';
import { parsePage } from '../support/page-window';

const ARTICLE = 'https://baonamdinh.vn/channel/5085/202611/hop-tac-xa-2561234/';
const LABELS = {
  image: 'Image not loaded',
  media: 'Video not loaded',
  openFrom: (h: string) => `Open from ${h}`,
};

// DOMPurify misbehaves in vitest's global happy-dom window (it drops the first element); it works in a page
// window like the extraction tests' (scripts off), as in browsers. The result joins the global document.
const { window: purifyWindow } = parsePage(
  '<!doctype html><html><body></body></html>',
  'https://clipmark.test/',
);
afterAll(() => purifyWindow.happyDOM.close());

/** The prepared body in a container of the window's own document (Range works there, not on DOMParser's). */
function show(html: string): HTMLElement {
  const host = document.createElement('div');
  host.append(prepareClippingHtml(html, document, ARTICLE, LABELS, purifyWindow as never));
  document.body.append(host);
  return host;
}
afterEach(() => {
  document.body.replaceChildren();
});

/** Every address an element would fetch on its own (links are fetched only when clicked). */
function fetchedAddresses(root: Element): string[] {
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    for (const attr of ['src', 'srcset', 'poster', 'background', 'data', 'xlink:href', 'style']) {
      const value = el.getAttribute(attr);
      if (value && !/^data:image\//.test(value)) found.push(`${el.localName}[${attr}]=${value}`);
    }
    if (el.localName !== 'a' && el.hasAttribute('href')) found.push(`${el.localName}[href]`);
  }
  return found;
}

describe('prepareClippingHtml', () => {
  it('sanitises again: scripts, handlers, styles, frames and forms are gone', () => {
    const host = show(
      `<p onclick="alert(1)" style="background:url(https://t.example/x.png)">Chữ <b>đậm</b></p>` +
        `<script>alert(2)</script><style>p{background:url(https://t.example/y)}</style>` +
        `<iframe title="frame"></iframe><form action="https://t.example/post"><input name="q"></form>` +
        `<svg><image href="https://t.example/s.png"></image><use href="https://t.example/u.svg#a"></use></svg>` +
        `<a href="javascript:alert(3)">bad link</a>`,
    );
    expect(host.querySelector('script, style, iframe, form, input, image, use')).toBeNull();
    expect(host.querySelector('p')?.getAttribute('onclick')).toBeNull();
    expect(host.querySelector('p')?.getAttribute('style')).toBeNull();
    expect(host.querySelector('b')?.textContent).toBe('đậm');
    expect(host.querySelector('a')?.hasAttribute('href')).toBe(false);
    expect(fetchedAddresses(host)).toEqual([]);
  });

  it('replaces images from the network with their description and a link the user may open', () => {
    const host = show(
      `<figure><img src="/file/photo.jpg" alt="Lò sấy lúa mới" srcset="https://cdn.example/a.jpg 2x">` +
        `<figcaption>Lò sấy lúa vận hành.</figcaption></figure>` +
        `<p><img src="https://cdn.example/b.png"></p>`,
    );
    expect(host.querySelector('img')).toBeNull();
    const [first, second] = host.querySelectorAll(PLACEHOLDER_TAG);
    expect(first?.querySelector('.placeholder-label')?.textContent).toBe('Image not loaded');
    expect(first?.querySelector('.placeholder-alt')?.textContent).toBe('Lò sấy lúa mới');
    const link = first?.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://baonamdinh.vn/file/photo.jpg');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link?.textContent).toBe('Open from baonamdinh.vn');
    expect(second?.querySelector('.placeholder-alt')).toBeNull();
    expect(second?.querySelector('a')?.getAttribute('href')).toBe('https://cdn.example/b.png');
    // The caption stays article text; the placeholder is skipped by anchoring (a clipmark-* element).
    expect(buildTextIndex(host).text.trim()).toBe('Lò sấy lúa vận hành.');
    expect(fetchedAddresses(host)).toEqual([]);
  });

  it('keeps inline images, and puts no link inside a link', () => {
    const inline = 'data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%2F%3E';
    const host = show(
      `<p><img src="${inline}" alt="Hình"></p><p><a href="/bai-khac/"><img src="https://cdn.example/c.png" alt="Ảnh"></a></p>`,
    );
    expect(host.querySelector('img')?.getAttribute('src')).toBe(inline);
    const linked = host.querySelector(`a ${PLACEHOLDER_TAG}`);
    expect(linked?.querySelector('a')).toBeNull();
    expect(linked?.getAttribute('title')).toBe('https://cdn.example/c.png');
  });

  it('replaces video and audio players too', () => {
    const host = show(
      `<video src="https://cdn.example/v.mp4" poster="https://cdn.example/p.jpg" title="Phóng sự"></video>`,
    );
    expect(host.querySelector('video')).toBeNull();
    const box = host.querySelector(PLACEHOLDER_TAG);
    expect(box?.getAttribute('data-kind')).toBe('media');
    expect(box?.querySelector('.placeholder-alt')?.textContent).toBe('Phóng sự');
    expect(fetchedAddresses(host)).toEqual([]);
  });

  it('makes links absolute against the article and opens them in a new tab without referrer', () => {
    const host = show(
      `<p><a href="/channel/5085/bai-khac/" ping="https://t.example/ping">bài khác</a> ` +
        `<a href="https://example.org/x" target="_self">ngoài</a> <a href="mailto:toasoan@example.vn">thư</a></p>`,
    );
    const links = [...host.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://baonamdinh.vn/channel/5085/bai-khac/',
      'https://example.org/x',
      'mailto:toasoan@example.vn',
    ]);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.hasAttribute('ping')).toBe(false);
    }
  });

  it('keeps words of adjacent blocks apart', () => {
    const host = show('<p><strong>Sapo.</strong></p><div><p>Đoạn một.</p><p>Đoạn hai.</p></div>');
    expect(buildTextIndex(host).text).toBe('Sapo. Đoạn một. Đoạn hai.');
  });
});

describe('reader addresses and facts', () => {
  it('puts the article address in the query and reads it back', () => {
    const path = readerPath(`${ARTICLE}?a=1&b=2#x`);
    expect(path.startsWith('/reader.html?url=')).toBe(true);
    expect(articleUrlFrom(path.slice(path.indexOf('?')))).toBe(`${ARTICLE}?a=1&b=2#x`);
    expect(articleUrlFrom('?url=javascript%3Aalert(1)')).toBeNull();
    expect(articleUrlFrom('')).toBeNull();
  });

  it('names the paper, or its host', () => {
    expect(paperName('Báo Nam Định điện tử', ARTICLE)).toBe('Báo Nam Định điện tử');
    expect(paperName(null, 'https://www.example.vn/a')).toBe('example.vn');
  });

  it('formats when it was saved in the reader’s language', () => {
    const time = Date.UTC(2026, 10, 12, 7, 5);
    expect(formatSavedDate(time, 'en', 'UTC')).toBe('12 Nov 2026, 07:05');
    expect(formatSavedDate(time, 'vi', 'Asia/Ho_Chi_Minh')).toMatch(/14:05/);
  });

  it('accepts only web addresses for links and images', () => {
    expect(webAddress('//cdn.example/a.png', ARTICLE)).toBe('https://cdn.example/a.png');
    expect(webAddress('blob:https://x/1', ARTICLE)).toBeNull();
    expect(webAddress('', ARTICLE)).toBeNull();
  });
});

const record = (id: string, extra: Partial<HighlightRecord>) =>
  fakeRecord(id, '', { url: ARTICLE, ...extra });

describe('placeHighlights', () => {
  it('places highlights in reading order and reports those the clipping lacks', () => {
    const host = show('<p>Một hai ba bốn.</p><p>Năm sáu bảy tám.</p>');
    const records = [
      record('b', { quote: { type: 'TextQuoteSelector', exact: 'sáu bảy', prefix: 'Năm ', suffix: ' tám' } }),
      record('gone', {
        quote: { type: 'TextQuoteSelector', exact: 'chín mười một mười hai', prefix: '', suffix: '' },
      }),
      // A position from the live page (its header text counted) that no longer fits: found by quote.
      record('a', {
        quote: { type: 'TextQuoteSelector', exact: 'hai ba', prefix: 'Một ', suffix: ' bốn' },
        position: { type: 'TextPositionSelector', start: 500, end: 506 },
      }),
    ];
    const { placed, missing } = placeHighlights(host, records);
    expect(placed.map((p) => [p.record.id, p.range.toString(), p.changedTo])).toEqual([
      ['a', 'hai ba', null],
      ['b', 'sáu bảy', null],
    ]);
    expect(missing.map((r) => r.id)).toEqual(['gone']);
  });
});

describe('the bundled article: live page → clipping', () => {
  const dir = resolve(__dirname, '../fixtures/pages/baonamdinh-article');
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
  const live = parsePage(readFileSync(join(dir, 'source.html'), 'utf8'), expected.url);
  afterAll(() => live.window.happyDOM.close());

  it('gives a sentence the same quote and context in the clipping as on the live page', () => {
    const article = extractArticle(live.document, expected.url);
    if (!article) throw new Error('no article');
    const host = show(article.html);
    const liveIndex = buildTextIndex(live.document.body);

    for (const phrase of [expected.quoteTarget, 'Sáng 8-11, Hợp tác xã Nông nghiệp Đồng Tiến']) {
      // The live page's selectors, as the content script describes them.
      const start = liveIndex.text.indexOf(phrase);
      expect(start, phrase).toBeGreaterThan(0);
      const from = liveIndex.toDom(start);
      const to = liveIndex.toDom(start + phrase.length, 'end');
      if (!from || !to) throw new Error('no DOM position');
      const liveRange = live.document.createRange();
      liveRange.setStart(from.node, from.offset);
      liveRange.setEnd(to.node, to.offset);
      const [quote, position] = describeRange(live.document.body, liveRange) ?? [];
      if (!quote || !position) throw new Error('not described');

      const { placed } = placeHighlights(host, [record('x', { quote, position })]);
      expect(placed[0]?.range.toString(), phrase).toBe(phrase);
      // Described again in the clipping: the same quote and context, so it anchors back on the live page.
      const [again] = describeRange(host, placed[0]?.range as Range) ?? [];
      expect(again, phrase).toEqual(quote);
    }
  });
});
