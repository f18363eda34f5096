/**
 * The happy-dom half of the anchoring benchmark (the unit tests' DOM). Ours is timed twice per run: up to
 * offsets (`readPageText` + `anchorAll`, repeated, median) and once more with DOM Ranges, because a Range costs
 * a walk over the whole document in happy-dom and would otherwise hide everything else. The peer runs on a
 * stratified sample (see `lib/anchoring-sample.ts`); the floor reads `textContent` once and calls `indexOf`.
 */
import { Window } from 'happy-dom';
import {
  type Accuracy,
  asSaved,
  makeSelectors,
  type OursTiming,
  type QuoteSet,
  runFloor,
  runOurs,
  runPeer,
  score,
} from './lib/anchoring-run';
import { type Extrapolated, extrapolate, peerSample } from './lib/anchoring-sample';
import type { BenchPage, ScenarioId } from './lib/article-page';

export interface HappyDomScenario {
  /** readPageText + anchorAll for all quotes, one entry per repetition. */
  offsets: OursTiming[];
  /** One run through `rangeFromOffsets`. */
  withRanges: OursTiming;
  floor: number[];
  floorFound: number;
  peer: Extrapolated;
  peerErrors: number;
  accuracy: { ours: Accuracy; peer: Accuracy };
}
export interface HappyDomResult {
  textLength: number;
  selectors: QuoteSet;
  scenarios: Partial<Record<ScenarioId, HappyDomScenario>>;
}

/** A full collection before each timed run, so one approach's garbage is not collected on another's time. */
const gc = () => (globalThis as { gc?: () => void }).gc?.();

function open(html: string) {
  const window = new Window({
    url: 'https://baonamdinh.vn/bench/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
    },
  });
  window.document.write(html);
  return { doc: window.document as unknown as Document, close: () => window.happyDOM.close() };
}

export async function runHappyDom(
  page: BenchPage,
  scenarios: readonly ScenarioId[],
  { reps = 5, peerSampleSize = 30 } = {},
): Promise<HappyDomResult> {
  const original = open(page.original.html);
  const textLength = original.doc.body.textContent?.length ?? 0;
  const selectors = asSaved(makeSelectors(original.doc, page.original.truth));
  await original.close();
  const ids = page.original.truth.map((_, i) => i);
  const result: HappyDomResult = { textLength, selectors, scenarios: {} };

  for (const id of scenarios) {
    const version = page.versions[id];
    const { doc, close } = open(version.html);
    const offsets: OursTiming[] = [];
    const floor: number[] = [];
    let floorFound = 0;
    for (let rep = 0; rep < reps; rep++) {
      gc();
      offsets.push(runOurs(doc, selectors.ours, 'offsets').ms);
      gc();
      const f = runFloor(doc, selectors.peer);
      floor.push(f.ms);
      floorFound = f.found;
    }
    gc();
    const full = runOurs(doc, selectors.ours, 'ranges');
    const oursAccuracy = score(doc, version.truth, full.ranges);

    const sample = peerSample(ids, version.edited, peerSampleSize);
    gc();
    const peer = runPeer(
      doc,
      sample.map((i) => selectors.peer[i] ?? { exact: '', prefix: '', suffix: '' }),
      false,
    );
    const peerAccuracy = score(
      doc,
      sample.map((i) => version.truth[i] ?? { p: 0, start: 0, end: 0 }),
      peer.ranges,
    );
    result.scenarios[id] = {
      offsets,
      withRanges: full.ms,
      floor,
      floorFound,
      peer: extrapolate(ids, version.edited, sample, peer.perQuote),
      peerErrors: peer.errors,
      accuracy: { ours: oursAccuracy, peer: peerAccuracy },
    };
    await close();
  }
  return result;
}
