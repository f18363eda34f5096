/**
 * HTML that fetches nothing and runs nothing, for both sanitisers (utils/article/sanitize.ts when an article is
 * saved, utils/reader/clipping-html.ts when the reader shows it): what they remove besides DOMPurify's own
 * rules, so that showing a saved copy never tells anyone it was read, and the sanitising loop they share. Pure:
 * DOMPurify (bound to a window) is passed in.
 *
 * What keeps an address: links (`<a href>`, fetched only if the user clicks one) and the `src` of images, videos
 * and audio (the reader shows inline `data:` images and turns every other one into a link the user may open);
 * same-document references (`url(#id)`, `href="#id"`) load nothing and stay too.
 */
import type { Config, DOMPurify } from 'dompurify';

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * Elements that load or run something whatever their attributes say (lower case, as DOMPurify compares them):
 * scripts, style sheet and prefetch links, refresh and policy metas, a base address, frames and plug-ins, media
 * sources, SVG that pulls in other files (`use`, `image`, `feImage`, `tref`, fonts, cursors, colour profiles)
 * and SVG animation (it can set any attribute, `href` and `fill` included, after sanitising).
 */
export const FETCHING_TAGS: readonly string[] = [
  'script',
  'link',
  'meta',
  'base',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'param',
  'portal',
  'fencedframe',
  'source',
  'track',
  'use',
  'image',
  'feimage',
  'tref',
  'foreignobject',
  'font-face',
  'font-face-src',
  'font-face-uri',
  'cursor',
  'color-profile',
  'animate',
  'animatecolor',
  'animatemotion',
  'animatetransform',
  'set',
  'discard',
  'mpath',
];

/** Attributes whose value is an address the browser fetches (or navigates to) without a click. */
const FETCHING_ATTRS = new Set([
  'src',
  'srcset',
  'imagesrcset',
  'srcdoc',
  'lowsrc',
  'dynsrc',
  'poster',
  'background',
  'data',
  'codebase',
  'classid',
  'archive',
  'code',
  'action',
  'formaction',
  'ping',
  'attributionsrc',
  'href',
  'manifest',
  'longdesc',
  'icon',
  'profile',
  'base',
]);

/** Elements whose `src` the sanitisers keep: the reader shows inline images and links to the rest. */
const MEDIA = new Set(['img', 'video', 'audio']);

/** CSS functions whose arguments are addresses even when written as plain strings. */
const IMAGE_FUNCTIONS = new Set([
  'src',
  'image',
  '-webkit-image',
  'image-set',
  '-webkit-image-set',
  'cross-fade',
  '-webkit-cross-fade',
]);

/** True for a same-document reference (`#id`), which loads nothing. */
export function isFragmentReference(address: string): boolean {
  return address.trim().startsWith('#');
}

/**
 * The addresses CSS text would fetch — `url()` and `src()` arguments that are not `#fragment`s, every string
 * or `url()` inside `image-set()`, `image()` or `cross-fade()`, and what `@import` names — read as a browser
 * tokenises it: escapes decoded (`\75 rl(` is `url(`), case ignored, comments skipped outside strings only.
 * Works on a style sheet, a `style` attribute or a presentation attribute (`fill="url(…)"`). An `@import`
 * counts even when what follows is not understood.
 */
export function cssFetches(css: string): string[] {
  const found: string[] = [];
  const n = css.length;
  let i = 0;
  /** Depth inside image functions: every string there is an address. */
  let imageDepth = 0;
  let parens = 0;
  const imageAt: number[] = [];

  const isHex = (c: string) => /^[0-9a-f]$/i.test(c);
  const isNameChar = (c: string) => /^[a-z0-9_-]$/i.test(c) || c.charCodeAt(0) >= 0x80;
  /** Reads the escape at `i` (a backslash); returns the character and moves past it. */
  const readEscape = (): string => {
    i++; // the backslash
    if (i >= n) return '\uFFFD';
    let hex = '';
    while (hex.length < 6 && i < n && isHex(css[i] as string)) hex += css[i++];
    if (hex) {
      if (i < n && /\s/.test(css[i] as string)) i++;
      const code = Number.parseInt(hex, 16);
      return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)
        ? '\uFFFD'
        : String.fromCodePoint(code);
    }
    return css[i++] as string;
  };
  const startsName = (at: number) => {
    const c = css[at];
    if (c === undefined) return false;
    if (c === '\\') return at + 1 < n && css[at + 1] !== '\n';
    return isNameChar(c);
  };
  const readName = (): string => {
    let name = '';
    while (i < n) {
      const c = css[i] as string;
      if (c === '\\' && i + 1 < n && css[i + 1] !== '\n') name += readEscape();
      else if (isNameChar(c)) {
        name += c;
        i++;
      } else break;
    }
    return name.toLowerCase();
  };
  const readString = (quote: string): string => {
    i++; // the opening quote
    let value = '';
    while (i < n) {
      const c = css[i] as string;
      if (c === quote) {
        i++;
        break;
      }
      if (c === '\n') break; // a bad string ends at the line
      if (c === '\\') {
        if (css[i + 1] === '\n') i += 2;
        else value += readEscape();
      } else {
        value += c;
        i++;
      }
    }
    return value;
  };
  const skipSpace = () => {
    while (i < n && /\s/.test(css[i] as string)) i++;
  };
  /** The argument of `url(` (just read): a string, or the unquoted address up to `)`. */
  const readUrl = (): string => {
    skipSpace();
    const c = css[i];
    if (c === '"' || c === "'") {
      const value = readString(c);
      // The rest of a quoted url( is its closing bracket (and, in new syntax, modifiers).
      let depth = 1;
      while (i < n && depth > 0) {
        if (css[i] === '(') depth++;
        else if (css[i] === ')') depth--;
        i++;
      }
      return value;
    }
    let value = '';
    while (i < n && css[i] !== ')') {
      if (css[i] === '\\') value += readEscape();
      else value += css[i++];
    }
    i++; // the closing bracket
    return value.trim();
  };
  const record = (address: string) => {
    if (!isFragmentReference(address)) found.push(address);
  };

  while (i < n) {
    const c = css[i] as string;
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"' || c === "'") {
      const value = readString(c);
      if (imageDepth > 0) found.push(value);
    } else if (c === '@' && startsName(i + 1)) {
      i++;
      if (readName() === 'import') found.push(`@import ${css.slice(i, i + 200).trim()}`);
    } else if (startsName(i)) {
      const name = readName(); // at least one character
      if (css[i] !== '(') continue;
      i++;
      if (name === 'url') {
        record(readUrl());
      } else {
        parens++;
        if (IMAGE_FUNCTIONS.has(name)) {
          imageDepth++;
          imageAt.push(parens);
        }
      }
    } else if (c === '(') {
      parens++;
      i++;
    } else if (c === ')') {
      if (imageAt[imageAt.length - 1] === parens) {
        imageAt.pop();
        imageDepth--;
      }
      parens = Math.max(0, parens - 1);
      i++;
    } else if (c === '\\') {
      readEscape();
    } else {
      i++;
    }
  }
  return found;
}

/** The part of an attribute's name after its prefix: `href` for `xlink:href`. */
const localName = (name: string) => name.slice(name.lastIndexOf(':') + 1);

/**
 * Whether the sanitisers keep attribute `name` (lower case) with `value` on `element`: not when it makes the
 * browser fetch something on display. Handlers and script addresses are DOMPurify's business; this adds the
 * addresses it lets through.
 */
export function keepsAttribute(element: Element, name: string, value: string): boolean {
  const local = localName(name);
  const html = element.namespaceURI === HTML_NS;
  const tag = element.localName.toLowerCase();
  if (html && tag === 'a' && name === 'href') return true;
  if (html && MEDIA.has(tag) && name === 'src') return true;
  if (local === 'href' && isFragmentReference(value)) return true;
  if (FETCHING_ATTRS.has(local)) return false;
  // CSS: style attributes anywhere; in SVG and MathML every attribute may be a presentation attribute, which
  // the browser parses as CSS (`fill`, `filter`, `mask`, `clip-path`, `marker-*`, `cursor`…).
  if (name === 'style' || !html) return cssFetches(value).length === 0;
  return true;
}

/**
 * Adds to `purify` (DOMPurify bound to a window) the hooks that drop every attribute that would fetch on display
 * (`keepsAttribute`) and empty a `<style>` that would (for configurations that allow one). Elements that always
 * load something are for the configuration: `FORBID_TAGS: [...FETCHING_TAGS]`. Returns `purify`.
 */
export function guardFetches(purify: DOMPurify): DOMPurify {
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    if (!data.keepAttr || data.forceKeepAttr) return;
    if (!keepsAttribute(node as Element, data.attrName, data.attrValue)) data.keepAttr = false;
  });
  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style' && cssFetches(node.textContent ?? '').length > 0) node.textContent = '';
  });
  return purify;
}

/** Passes at most; a tree that still loses nodes after that is refused. */
const MAX_PASSES = 64;

/**
 * DOMPurify on `dirty` (a node of the page, or HTML) until a pass removes nothing; that pass's tree is the
 * result, so the HTML it serialises to comes back the same when parsed and sanitised again (what a mutation-XSS
 * payload needs not to be true). In browsers that is one pass and a check; DOM implementations whose
 * NodeIterator stops at a removed node (happy-dom, where the unit tests run) need a pass per removal. Null when
 * DOMPurify refuses the tree (it throws) or it never settles: nothing rather than risk it.
 */
export function sanitizeUntilStable(
  purify: DOMPurify,
  dirty: Node | string,
  config: Config & { RETURN_DOM: true },
): HTMLElement | null {
  let input = dirty;
  try {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const body = purify.sanitize(input, config) as HTMLElement;
      if (purify.removed.length === 0) return body;
      input = body.innerHTML;
    }
  } catch {
    // fall through: nothing
  }
  return null;
}
