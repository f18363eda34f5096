/** One day-first style for every date the interface shows (utils/dates.ts), issue 20 item 9. */
import { describe, expect, it } from 'vitest';
import { formatArticleDate } from '@/utils/article-display';
import { dayPattern, formatDateTime, formatDay, formatDayInput, parseDayInput } from '@/utils/dates';
import { formatSavedDate } from '@/utils/reader/display';

// 9 November 2026, 07:45 in Hà Nội (UTC+7).
const AT = Date.UTC(2026, 10, 9, 0, 45);

describe('dates in the interface', () => {
  it('writes day and time day first, in one style per language', () => {
    expect(formatDateTime(AT, 'vi', 'Asia/Ho_Chi_Minh')).toBe('07:45, 09/11/2026');
    expect(formatDateTime(AT, 'en', 'Asia/Ho_Chi_Minh')).toBe('9 Nov 2026, 07:45');
    expect(formatDateTime(AT, 'vi-VN', 'UTC')).toBe('00:45, 09/11/2026');
    expect(formatDay(AT, 'vi', 'Asia/Ho_Chi_Minh')).toBe('09/11/2026');
    expect(formatDay(AT, 'en', 'Asia/Ho_Chi_Minh')).toBe('9 Nov 2026');
  });

  it('is the style of the paper dates, the saved-copy dates and the date filters alike', () => {
    expect(formatArticleDate('2026-11-09T07:45:00+07:00', 'vi')).toBe('07:45, 09/11/2026 (GMT+7)');
    expect(formatSavedDate(AT, 'vi', 'Asia/Ho_Chi_Minh')).toBe('07:45, 09/11/2026');
    expect(formatArticleDate('2026-11-09T07:45:00+07:00', 'en')).toBe('9 Nov 2026, 07:45 (GMT+7)');
    expect(formatSavedDate(AT, 'en', 'Asia/Ho_Chi_Minh')).toBe('9 Nov 2026, 07:45');
  });

  it('reads a typed day, day first or ISO, and refuses days that do not exist', () => {
    expect(parseDayInput('9/11/2026')).toBe('2026-11-09');
    expect(parseDayInput(' 09.11.2026 ')).toBe('2026-11-09');
    expect(parseDayInput('2026-11-09')).toBe('2026-11-09');
    expect(parseDayInput('')).toBe('');
    expect(parseDayInput('31/02/2026')).toBeNull();
    expect(parseDayInput('11/2026')).toBeNull();
    expect(parseDayInput('hôm qua')).toBeNull();
    expect(parseDayInput(formatDayInput('2026-11-09'))).toBe('2026-11-09');
    expect(formatDayInput('2026-11-09')).toBe('09/11/2026');
    expect(dayPattern('vi')).toBe('nn/tt/nnnn');
    expect(dayPattern('en')).toBe('dd/mm/yyyy');
  });
});
