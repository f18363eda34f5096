// The helper both sanitisers share (utils/inert-html.ts): CSS read as a browser reads it, and the DOMPurify hooks
// with a configuration that lets styles through (neither sanitiser does; the hooks must hold without that).
import createDOMPurify from 'dompurify';
import { afterAll, describe, expect, it } from 'vitest';
import { cssFetches, guardFetches, keepsAttribute, sanitizeUntilStable } from '@/utils/inert-html';
import { parsePage } from '../support/page-window';

const { window, document: doc } = parsePage(
  '<!doctype html><html><body></body></html>',
  'https://clipmark.test/',
);
afterAll(() => window.happyDOM.close());

describe('cssFetches', () => {
  it('finds url() in every spelling a browser accepts', () => {
    expect(cssFetches('fill: url(https://t.example/a.svg#g)')).toEqual(['https://t.example/a.svg#g']);
    expect(cssFetches('URL( "https://t.example/b" )')).toEqual(['https://t.example/b']);
    expect(cssFetches("url('//t.example/c')")).toEqual(['//t.example/c']);
    expect(cssFetches('\\75 rl(https://t.example/d)')).toEqual(['https://t.example/d']);
    expect(cssFetches('\\55\\52\\4c(https://t.example/e)')).toEqual(['https://t.example/e']);
    expect(cssFetches('url(https\\3a //t.example/f)')).toEqual(['https://t.example/f']);
    expect(cssFetches('blur(1px) url(x.svg#f)')).toEqual(['x.svg#f']);
    expect(cssFetches('url()')).toEqual(['']);
  });

  it('reads comments only outside strings', () => {
    expect(cssFetches("content:'/*';background:url(https://t.example/g);content:'*/'")).toEqual([
      'https://t.example/g',
    ]);
    expect(cssFetches('/* url(https://t.example/h) */ color: red')).toEqual([]);
    expect(cssFetches('content: "url(https://t.example/i)"')).toEqual([]);
  });

  it('counts image-set(), image(), cross-fade(), src() and @import', () => {
    expect(cssFetches('background: image-set("https://t.example/j" 1x, url(k.png) 2x)')).toEqual([
      'https://t.example/j',
      'k.png',
    ]);
    expect(cssFetches("-webkit-image-set('l.png' 1x)")).toEqual(['l.png']);
    expect(cssFetches('src("m.woff")')).toEqual(['m.woff']);
    expect(cssFetches('@import "n.css";')).toHaveLength(1);
    expect(cssFetches('@\\69mport url(o.css);')).toHaveLength(2);
  });

  it('keeps same-document references and plain values', () => {
    expect(cssFetches('url(#grad)')).toEqual([]);
    expect(cssFetches("url( '#clip' )")).toEqual([]);
    expect(cssFetches('rotate(45) translate(10, 20)')).toEqual([]);
    expect(cssFetches("font-family: 'Times New Roman', serif")).toEqual([]);
    expect(cssFetches('url (https://t.example/not-a-function)')).toEqual([]);
  });
});

describe('keepsAttribute', () => {
  const html = (tag: string) => doc.createElement(tag);
  const svg = (tag: string) => doc.createElementNS('http://www.w3.org/2000/svg', tag);

  it('keeps links, media addresses and fragment references', () => {
    expect(keepsAttribute(html('a'), 'href', 'https://example.org/')).toBe(true);
    expect(keepsAttribute(html('img'), 'src', 'https://example.org/a.png')).toBe(true);
    expect(keepsAttribute(svg('lineargradient'), 'href', '#other')).toBe(true);
    expect(keepsAttribute(svg('rect'), 'fill', 'url(#grad) red')).toBe(true);
    expect(keepsAttribute(html('p'), 'title', 'url(https://example.org/) is text here')).toBe(true);
  });

  it('drops what fetches', () => {
    expect(keepsAttribute(html('img'), 'srcset', 'a.png 2x')).toBe(false);
    expect(keepsAttribute(html('video'), 'poster', 'p.jpg')).toBe(false);
    expect(keepsAttribute(html('td'), 'background', 'b.png')).toBe(false);
    expect(keepsAttribute(html('area'), 'href', 'https://example.org/')).toBe(false);
    expect(keepsAttribute(svg('a'), 'xlink:href', 'https://example.org/')).toBe(false);
    expect(keepsAttribute(svg('svg'), 'xml:base', 'https://example.org/')).toBe(false);
    expect(keepsAttribute(svg('rect'), 'filter', 'url(https://t.example/f.svg#f)')).toBe(false);
    expect(keepsAttribute(svg('path'), 'marker-end', 'url(m.svg#m)')).toBe(false);
    expect(keepsAttribute(html('p'), 'style', 'background:url(https://t.example/)')).toBe(false);
  });
});

describe('guardFetches', () => {
  // A configuration that allows <style> and style attributes: the hooks still take every address out.
  const purify = guardFetches(createDOMPurify(window as never));
  const config = { RETURN_DOM: true as const, ADD_TAGS: ['style'], ADD_ATTR: ['style'] };

  it('empties style sheets and drops style attributes that would fetch, keeps the rest', () => {
    const body = sanitizeUntilStable(
      purify,
      '<style>@import "https://t.example/a.css";</style><style>p{color:red}</style>' +
        '<p style="background:url(https://t.example/b)">a</p><p style="color:blue">b</p>' +
        '<div><svg><rect fill="url(#g)" stroke="url(https://t.example/c.svg#g)"/></svg></div>',
      config,
    );
    const styles = [...(body?.querySelectorAll('style') ?? [])].map((s) => s.textContent);
    expect(styles).toEqual(['', 'p{color:red}']);
    expect([...(body?.querySelectorAll('p') ?? [])].map((p) => p.getAttribute('style'))).toEqual([
      null,
      'color:blue',
    ]);
    expect(body?.querySelector('rect')?.getAttribute('fill')).toBe('url(#g)');
    expect(body?.querySelector('rect')?.hasAttribute('stroke')).toBe(false);
  });
});
