/**
 * What a video or audio player leaves in a copy of an article once it is not running: its fallback message
 * ("Media playback is unsupported on your device", "Your browser does not support the video tag") and the labels
 * written only for screen readers ("Media caption", "Image copyright") that read as stray words once the page's
 * styles are gone. Found by what they say and by the visually-hidden convention, not by one site's classes;
 * removed from a clone of the page before Readability sees it, so neither the saved copy nor the exports keep
 * them. Nothing long is removed: a fallback is one short sentence, a label a few words.
 */

/** A player's fallback, the whole text of its element (lower case, spaces collapsed). In several languages. */
const PLAYER_FALLBACK = new RegExp(
  [
    // English
    `media playback is (?:not |un)?supported(?: (?:on|by) (?:your|this) (?:device|browser))?`,
    `(?:your|this) (?:browser|device) (?:does not|doesn't|can ?not) (?:support|play) (?:the |this )?(?:html5 )?(?:video|audio|media)(?: (?:tag|element|file|playback))?`,
    `(?:to (?:play|view|watch) this (?:video|content|media),? )?(?:please )?(?:you (?:need|must|have) (?:to )?)?enable javascript(?: in your browser)?(?: to (?:play|view|watch) (?:this )?(?:video|content|media))?`,
    `(?:this )?(?:video|audio|media) (?:is (?:not |un)available|(?:can ?not|could not) be (?:played|loaded))(?: on (?:your|this) device)?`,
    `(?:the )?(?:video|audio|media) (?:player )?is loading`,
    // Vietnamese
    `trình duyệt (?:của bạn )?không hỗ trợ (?:phát )?(?:video|âm thanh|audio|định dạng này)`,
    `(?:video|clip) (?:đang (?:được )?tải|không (?:thể )?(?:phát|xem) được)`,
    // French, German, Spanish, Portuguese (BBC's services and common players)
    `la lecture de ce (?:contenu|média) (?:multimédia )?n'est pas (?:prise en charge|supportée) (?:sur|par) (?:votre|cet) (?:appareil|navigateur)`,
    `votre navigateur ne (?:prend pas en charge|supporte pas) (?:la |les )?(?:vidéos?|lecture)`,
    `ihr browser unterstützt (?:dieses |das )?(?:video|audio)(?:-?format| nicht)?(?: nicht)?`,
    `tu navegador no (?:admite|soporta) (?:la reproducción de )?(?:video|vídeo|audio)`,
    `(?:seu|o seu) (?:navegador|dispositivo) não (?:suporta|é compatível com) (?:a reprodução de )?(?:vídeo|áudio|multimédia)`,
  ].join('|'),
  'u',
);
const WHOLE_FALLBACK = new RegExp(`^(?:${PLAYER_FALLBACK.source})[.!]?$`, 'u');

/** Class names of the visually-hidden convention (Bootstrap, WordPress, GOV.UK, BBC, A11Y Project …). */
const HIDDEN_CLASS =
  /(?:^|\s)(?:sr-only|visually-?hidden|visuallyhidden|off-?screen|screen-?reader-(?:text|only)|a11y-hidden|hidden-visually|u-(?:visually-)?hidden-visually|is-visually-hidden|element-invisible|assistive-text)(?:$|\s)/i;
/** A hiding inline style: clipped to nothing or moved off screen. */
const HIDDEN_STYLE =
  /clip\s*:\s*rect\(\s*0|clip-path\s*:\s*inset\(\s*50%|(?:left|text-indent)\s*:\s*-\d{4,}px/i;

const KEEP_INSIDE = 'img, picture, video, audio, iframe, figure, p, a';
const TEXT_BLOCKS = new Set(['DIV', 'P', 'SPAN', 'FIGCAPTION', 'SMALL', 'EM', 'I', 'B', 'STRONG', 'LABEL']);

function textOf(el: Element): string {
  return (el.textContent ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** True when `text` is all a player's fallback says ("Media playback is unsupported on your device"). */
export function isPlayerFallback(text: string): boolean {
  const normal = text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase().replace(/[’]/g, "'");
  return normal.length <= 140 && WHOLE_FALLBACK.test(normal);
}

/** Removes players' fallback messages and short screen-reader-only labels from `root` (a clone: this edits it). */
export function removeMediaBoilerplate(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (!(root as Node).contains(el)) continue; // inside something removed already
    const tag = el.tagName.toUpperCase();
    if (!TEXT_BLOCKS.has(tag)) continue;
    const cls = el.getAttribute('class') ?? '';
    const style = el.getAttribute('style') ?? '';
    if (HIDDEN_CLASS.test(cls) || HIDDEN_STYLE.test(style)) {
      // A label ("Media caption", "Image source, Reuters"), never a sentence of the article.
      const text = textOf(el);
      if (text.length <= 40 && !/[.!?…。]\s*\S/.test(text) && el.querySelector('p, img, a') === null)
        el.remove();
      continue;
    }
    // The element that says it, not a wrapper holding the player's picture or more of the article.
    if (el.children.length > 2 || el.querySelector(KEEP_INSIDE)) continue;
    if (isPlayerFallback(el.textContent ?? '')) el.remove();
  }
}
