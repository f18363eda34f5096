import { describe, expect, it } from 'vitest';
import { costOf } from '@/bench/lib/extension-profile';

const SCRIPT = 'chrome-extension://abc/content.js';
// Node 1 is the root, 2 a page function, 3 and 4 the script's top level and one of its functions.
const nodes = [
  { id: 1, callFrame: { url: '' } },
  { id: 2, callFrame: { url: 'https://example.com/app.js' } },
  { id: 3, callFrame: { url: SCRIPT } },
  { id: 4, callFrame: { url: SCRIPT } },
];

describe('costOf (content-load benchmark)', () => {
  it('counts a sample until the next one, for frames of the script only', () => {
    // Samples: page, script, script, root, script; each lasts until the next (the last one is not counted).
    const profile = { nodes, samples: [2, 3, 4, 1, 3, 1], timeDeltas: [0, 100, 200, 100, 100, 300] };
    expect(costOf(profile, SCRIPT).self).toBeCloseTo((200 + 100 + 300) / 1000);
    expect(costOf(profile, 'chrome-extension://other/content.js')).toEqual({ self: 0, counted: 0 });
  });

  it('counts every script of an extension given its origin (the content script and what it injects)', () => {
    const injected = [...nodes, { id: 5, callFrame: { url: 'chrome-extension://abc/page-tools.js' } }];
    const profile = { nodes: injected, samples: [3, 5, 2, 5, 1], timeDeltas: [0, 100, 200, 100, 100] };
    expect(costOf(profile, 'chrome-extension://abc/').self).toBeCloseTo((100 + 200 + 100) / 1000);
    expect(costOf(profile, SCRIPT).self).toBeCloseTo(0.1);
  });

  it('counted leaves out a long wait after a sample: samples × the median interval', () => {
    // The second script sample is followed by a 9 ms gap (the thread waited for a CPU).
    const profile = { nodes, samples: [3, 3, 2, 2, 2], timeDeltas: [0, 100, 9000, 100, 100] };
    const cost = costOf(profile, SCRIPT);
    expect(cost.self).toBeCloseTo(9.1);
    expect(cost.counted).toBeCloseTo(0.2);
  });
});
