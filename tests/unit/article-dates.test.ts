// Day-first Vietnamese time lines → ISO 8601 with an offset.
import { describe, expect, it } from 'vitest';
import { parseIsoDate, parseVietnameseDate, sameInstant } from '@/utils/article/dates';

const VN = { defaultOffset: '+07:00' };
const FEB5 = '2020-02-05T08:02:00+07:00';

describe('parseVietnameseDate', () => {
  it.each([
    ['08:02, 05/02/2020'],
    ['Thứ Tư, 05/02/2020 - 08:02'],
    ['Thứ tư, 5/2/2020, 08:02 (GMT+7)'],
    ['5/2/2020, 08:02 (GMT+7)'],
    ['05/02/2020 08:02'],
    ['05-02-2020 08:02'],
    ['05.02.2020 8h02'],
    ['Cập nhật lúc 08h02 ngày 05/02/2020'],
    ['Ngày 5 tháng 2 năm 2020, 08:02'],
    ['THỨ TƯ, 05/02/2020 | 08:02'],
    ['Đăng lúc 8:02 SA, 05/02/2020'],
  ])('reads %s as 5 February, 08:02 at UTC+7', (text) => {
    expect(parseVietnameseDate(text, VN)).toBe(FEB5);
  });

  it('reads every weekday name, in any case', () => {
    for (const day of [
      'Thứ Hai',
      'Thứ Ba',
      'Thứ Tư',
      'Thứ Năm',
      'Thứ Sáu',
      'Thứ Bảy',
      'Chủ nhật',
      'CHỦ NHẬT',
      'thứ bảy',
    ]) {
      expect(parseVietnameseDate(`${day}, 05/02/2020 - 08:02`, VN)).toBe(FEB5);
    }
  });

  it('takes a date without a time at midnight', () => {
    expect(parseVietnameseDate('Cập nhật: 05/02/2020', VN)).toBe('2020-02-05T00:00:00+07:00');
  });

  it('reads the date before or after the time', () => {
    expect(parseVietnameseDate('05/02/2020, 08:02', VN)).toBe(FEB5);
    expect(parseVietnameseDate('08:02 - 05/02/2020', VN)).toBe(FEB5);
  });

  it('keeps a stated zone and uses the default otherwise', () => {
    expect(parseVietnameseDate('05/02/2020 08:02 GMT+07:00', VN)).toBe(FEB5);
    expect(parseVietnameseDate('05/02/2020 08:02 (UTC+9)', VN)).toBe('2020-02-05T08:02:00+09:00');
    expect(parseVietnameseDate('05/02/2020 08:02', { defaultOffset: '+00:00' })).toBe(
      '2020-02-05T08:02:00+00:00',
    );
  });

  it('defaults to UTC+7 without options', () => {
    expect(parseVietnameseDate('08:02, 05/02/2020')).toBe(FEB5);
  });

  it('reads afternoon markers', () => {
    expect(parseVietnameseDate('05/02/2020 3:15 CH', VN)).toBe('2020-02-05T15:15:00+07:00');
    expect(parseVietnameseDate('05/02/2020 3:15 PM', VN)).toBe('2020-02-05T15:15:00+07:00');
  });

  it('passes ISO strings through, with their offset', () => {
    expect(parseVietnameseDate('2020-02-05T08:02:00+07:00', VN)).toBe(FEB5);
    expect(parseVietnameseDate('2020-02-05T01:02:00Z', VN)).toBe('2020-02-05T01:02:00+00:00');
    expect(parseVietnameseDate('2020-02-05T08:02:00', VN)).toBe(FEB5);
    expect(parseVietnameseDate('2020-02-05 08:02', VN)).toBe(FEB5);
  });

  it('reads NFD text', () => {
    expect(parseVietnameseDate('Thứ Tư, 05/02/2020 - 08:02'.normalize('NFD'), VN)).toBe(FEB5);
  });

  it.each([
    ['31/02/2020'],
    ['29/02/2019'],
    ['05/13/2020'],
    ['00/02/2020'],
    ['05/02/2020 25:00'],
    ['05/02/2020 08:61'],
    ['Thứ Tư'],
    ['0228.3849386'],
    [''],
  ])('rejects %j', (text) => {
    expect(parseVietnameseDate(text, VN)).toBeNull();
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseVietnameseDate('29/02/2020', VN)).toBe('2020-02-29T00:00:00+07:00');
  });
});

describe('parseIsoDate', () => {
  it('drops fractions and normalises the zone', () => {
    expect(parseIsoDate('2015-03-27T13:07:55.096Z')).toBe('2015-03-27T13:07:55+00:00');
    expect(parseIsoDate('2026-11-09T14:20:00-0500')).toBe('2026-11-09T14:20:00-05:00');
  });

  it('rejects impossible dates', () => {
    expect(parseIsoDate('2020-02-31T00:00:00Z')).toBeNull();
  });
});

describe('sameInstant', () => {
  it('compares instants across offsets, to the second', () => {
    expect(sameInstant('2020-02-05T08:02:00+07:00', '2020-02-05T01:02:00.500Z')).toBe(true);
    expect(sameInstant('2020-02-05T08:02:00+07:00', '2020-02-05T08:02:00Z')).toBe(false);
    expect(sameInstant(null, FEB5)).toBe(false);
  });
});
