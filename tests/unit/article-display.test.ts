import { describe, expect, it } from 'vitest';
import { formatArticleDate } from '@/utils/article-display';

describe('formatArticleDate', () => {
  it('shows the time the paper printed, in its own offset, day first in Vietnamese', () => {
    const iso = '2020-02-05T08:02:00+07:00';
    expect(formatArticleDate(iso, 'vi')).toBe('08:02, 05/02/2020 (GMT+7)');
    expect(formatArticleDate(iso, 'en')).toBe('5 Feb 2020, 08:02 (GMT+7)');
    // Not converted to the reader's zone: 00:30 in Hà Nội is still the 6th.
    expect(formatArticleDate('2020-02-06T00:30:00+07:00', 'en-US')).toBe('6 Feb 2020, 00:30 (GMT+7)');
  });

  it('names other offsets and UTC', () => {
    expect(formatArticleDate('2015-03-05T14:00:00Z', 'en')).toBe('5 Mar 2015, 14:00 (GMT)');
    expect(formatArticleDate('2015-12-31T23:59:59.500-05:00', 'en')).toBe('31 Dec 2015, 23:59 (GMT-5)');
    expect(formatArticleDate('2015-03-05T14:00:00+05:30', 'vi')).toBe('14:00, 05/03/2015 (GMT+5:30)');
  });

  it('shows nothing for a missing or malformed date', () => {
    for (const bad of [null, undefined, '', '05/02/2020', '2020-02-05', 'not a date']) {
      expect(formatArticleDate(bad, 'en')).toBeNull();
    }
  });
});
