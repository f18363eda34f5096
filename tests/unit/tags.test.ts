import { describe, expect, it } from 'vitest';
import { MAX_TAG_LENGTH, parseTags } from '@/utils/tag-names';

describe('parseTags', () => {
  it('splits on commas, trims and collapses spaces', () => {
    expect(parseTags(' kinh tế,  nông   nghiệp ,,lúa ')).toEqual(['kinh tế', 'nông nghiệp', 'lúa']);
  });

  it('treats NFD and NFC spellings and letter case as one tag, keeping the first spelling', () => {
    const nfd = 'Nông nghiệp'.normalize('NFD');
    expect(parseTags(`Nông nghiệp, ${nfd}, nông nghiệp`)).toEqual(['Nông nghiệp']);
    expect(parseTags(nfd)[0]).toBe('Nông nghiệp'.normalize('NFC'));
  });

  it('gives nothing for empty input and bounds tag length', () => {
    expect(parseTags(' , ')).toEqual([]);
    expect(parseTags('x'.repeat(200))[0]).toHaveLength(MAX_TAG_LENGTH);
  });
});
