// A saved copy keeps the article, not what a stopped video player or a screen-reader label leaves behind
// (issue #20, item 6).
import { afterAll, describe, expect, it } from 'vitest';
import { extractArticle } from '@/utils/article/extract';
import { isPlayerFallback, removeMediaBoilerplate } from '@/utils/article/media-noise';
import { parsePage } from '../support/page-window';

const windows: { happyDOM: { close(): Promise<void> } }[] = [];
afterAll(async () => {
  await Promise.all(windows.map((w) => w.happyDOM.close()));
});

const PROSE = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Paragraph ${i + 1}: prosecutors in Sweden said the evidence had weakened over the years, and the case was closed after interviews with witnesses.</p>`,
  ).join('');

describe('isPlayerFallback', () => {
  it.each([
    'Media playback is unsupported on your device',
    'Media playback is not supported on this device.',
    'Your browser does not support the video tag.',
    'Your browser doesn’t support HTML5 video',
    'To play this video you need to enable JavaScript in your browser',
    'Please enable JavaScript to view this content',
    'This video is unavailable',
    'Trình duyệt của bạn không hỗ trợ video',
    'Trình duyệt của bạn không hỗ trợ phát video.',
    "La lecture de ce contenu multimédia n'est pas prise en charge sur votre appareil",
    'Ihr Browser unterstützt dieses Video nicht',
  ])('knows “%s”', (text) => {
    expect(isPlayerFallback(text)).toBe(true);
  });

  it.each([
    'Media playback is unsupported on your device, the BBC said, and viewers complained for weeks.',
    'Prosecutors said media playback is unsupported on your device was a common error.',
    'The video is the centre of the case.',
    'Trình duyệt mới hỗ trợ video 8K',
  ])('leaves a sentence of the article: “%s”', (text) => {
    expect(isPlayerFallback(text)).toBe(false);
  });
});

describe('removeMediaBoilerplate', () => {
  it('removes a player’s fallback and short visually-hidden labels, keeps captions and prose', () => {
    document.body.innerHTML = `
      <figure>
        <div class="player-with-placeholder">
          <img src="https://ichef.example/p07b8nx5.jpg" alt="">
          <div class="player-with-placeholder__caption">Media playback is unsupported on your device</div>
        </div>
        <figcaption><span class="off-screen">Media caption</span>Who is Julian Assange?</figcaption>
      </figure>
      <figure><img src="https://ichef.example/a.jpg" alt="Eva-Marie Persson">
        <span class="off-screen">Image copyright</span><span>EPA</span>
        <figcaption><span class="visually-hidden">Image caption</span> Eva-Marie Persson announced the decision</figcaption>
      </figure>
      <p>Sweden dropped the case. <span class="sr-only">This sentence is for screen readers. It stays.</span></p>
      <p><span style="position:absolute;clip:rect(0 0 0 0)">Advertisement</span>The investigation began in 2010.</p>
      <div>Media playback is unsupported on your device, the BBC said, and viewers complained.</div>`;
    removeMediaBoilerplate(document.body);
    const text = document.body.textContent?.replace(/\s+/g, ' ') ?? '';
    for (const gone of [
      'Media playback is unsupported on your device ',
      'Media caption',
      'Image copyright',
      'Image caption',
      'Advertisement',
    ])
      expect(text).not.toContain(gone);
    for (const kept of [
      'Who is Julian Assange?',
      'EPA',
      'Eva-Marie Persson announced the decision',
      'This sentence is for screen readers. It stays.',
      'The investigation began in 2010.',
      'Media playback is unsupported on your device, the BBC said',
    ])
      expect(text).toContain(kept);
    expect(document.querySelectorAll('img')).toHaveLength(2);
  });

  it('is applied before the copy is made: neither the saved HTML nor its text keeps them', () => {
    const url = 'https://www.bbc.com/news/world-europe-50487000';
    const { window, document: page } = parsePage(
      `<!doctype html><html lang="en"><head><title>Sweden drops Assange rape investigation</title></head><body>
      <article><h1>Sweden drops Assange rape investigation</h1>
      <figure><div><img src="https://ichef.example/lead.jpg" alt="">
        <div>Media playback is unsupported on your device</div></div>
        <figcaption><span class="off-screen">Media caption</span>Who is Julian Assange?</figcaption></figure>
      ${PROSE(8)}
      <p>Trình duyệt của bạn không hỗ trợ video.</p></article></body></html>`,
      url,
    );
    windows.push(window);
    const article = extractArticle(page, url);
    expect(article).not.toBeNull();
    for (const field of [article?.html ?? '', article?.text ?? '']) {
      expect(field).not.toMatch(/Media playback|Media caption|không hỗ trợ video/);
      expect(field).toContain('Who is Julian Assange?');
      expect(field).toContain('Paragraph 8');
    }
  });
});
