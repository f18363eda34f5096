/**
 * What in a sanitised clipping would fetch or run, written out independently of utils/inert-html.ts, for the
 * unit test (happy-dom) and the reader page in Chromium (`locator.evaluate(leaks, 'shown')`): self-contained,
 * it uses nothing from outside.
 *
 * Counted: elements that load or run whatever their attributes say, handlers, script addresses, addresses in
 * attributes and in CSS (`url()` other than `#fragment`, `image-set()`, `@import`, escapes that could spell
 * them), and any mention of tracker.clipmark.test (where every hostile payload points). `stage` says what may
 * keep an address: links everywhere; in the stored article also the `src` of images, videos and audio (the
 * reader turns them into links); in the reader inline `data:` images and the placeholders' address.
 */
export function leaks(root: Element, stage: 'stored' | 'shown'): string[] {
  const HTML_NS = 'http://www.w3.org/1999/xhtml';
  const PLACEHOLDER = 'clipmark-media';
  const loadingElements = new Set(
    (
      'script style link meta base iframe frame frameset object embed applet param portal fencedframe source ' +
      'track use image feimage tref foreignobject font-face-uri cursor color-profile animate animatecolor ' +
      'animatemotion animatetransform set mpath form input button isindex'
    ).split(' '),
  );
  // Attributes (their name after any prefix) whose value is fetched or navigated to without a click.
  const addressAttributes = new Set(
    (
      'src srcset imagesrcset srcdoc lowsrc dynsrc poster background data codebase classid archive code ' +
      'action formaction ping attributionsrc href manifest longdesc icon profile base'
    ).split(' '),
  );
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName.toLowerCase();
    const html = el.namespaceURI === HTML_NS;
    if (loadingElements.has(tag)) found.push(`<${tag}>`);
    for (const { name: rawName, value } of [...el.attributes]) {
      const name = rawName.toLowerCase();
      const local = name.slice(name.lastIndexOf(':') + 1);
      const where = `<${tag} ${name}="${value.slice(0, 80)}">`;
      const bare = [...value]
        .filter((c) => c.charCodeAt(0) > 0x20)
        .join('')
        .toLowerCase();
      if (name.startsWith('on')) found.push(`handler ${where}`);
      if (/^(javascript|vbscript|data:text|data:application)/.test(bare))
        found.push(`script address ${where}`);
      const isLink = html && tag === 'a' && name === 'href';
      const isMedia =
        html && name === 'src' && (tag === 'img' || (stage === 'stored' && /^(video|audio)$/.test(tag)));
      if (isLink) {
        if (stage === 'shown' && !/^(https?:|mailto:)/.test(bare)) found.push(`link not to the web ${where}`);
        continue;
      }
      if (isMedia) {
        if (stage === 'shown' && !bare.startsWith('data:image/'))
          found.push(`image from the network ${where}`);
        continue;
      }
      if (stage === 'shown' && tag === PLACEHOLDER && name === 'title') continue;
      if (addressAttributes.has(local) && !(local === 'href' && value.trim().startsWith('#')))
        found.push(`address ${where}`);
      if (/\\|@import|image-set|cross-fade|image\(|src\(/i.test(value))
        found.push(`CSS that may load ${where}`);
      for (const match of value.matchAll(/url\s*\(\s*(['"]?)\s*([^'")\s]*)/gi))
        if (!match[2]?.startsWith('#')) found.push(`url() ${where}`);
      if (value.includes('tracker.clipmark.test')) found.push(`tracker address ${where}`);
    }
  }
  return [...new Set(found)];
}
