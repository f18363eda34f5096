// Printed dates → ISO 8601 with an offset: Vietnamese time lines (day first, UTC+7), other languages' forms.
import { describe, expect, it } from 'vitest';
import { UPDATED_LABEL } from '@/utils/article/date-words';
import {
  parseDateline,
  parseIsoDate,
  parsePrintedDate,
  parseVietnameseDate,
  sameInstant,
} from '@/utils/article/dates';
import { countryZone, offsetInZone } from '@/utils/article/time-zones';

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

  it.each([
    ['Thứ Hai, 30/10/2023 - 11:25', '2023-10-30T11:25:00+07:00'],
    ['30/10/2023 11:25 GMT+7', '2023-10-30T11:25:00+07:00'],
    ['11:25 30/10/2023', '2023-10-30T11:25:00+07:00'],
    ['Thứ năm, 12/1/2023, 10:45 (GMT+7)', '2023-01-12T10:45:00+07:00'],
    ['05-11-2022, 06:15', '2022-11-05T06:15:00+07:00'],
    ['05.11.2022', '2022-11-05T00:00:00+07:00'],
    ['ngày 5 tháng 2 năm 2020', '2020-02-05T00:00:00+07:00'],
    ['5 tháng 2, 2020', '2020-02-05T00:00:00+07:00'],
    ['11 giờ 25 phút, ngày 30/10/2023', '2023-10-30T11:25:00+07:00'],
    ['Thứ 2, ngày 30/10/2023 - 11 giờ 25 phút', '2023-10-30T11:25:00+07:00'],
    ['Cập nhật: 30/10/2023 11:25', '2023-10-30T11:25:00+07:00'],
    ['Cập nhật lúc 11:25 ngày 30/10/2023', '2023-10-30T11:25:00+07:00'],
    ['Đăng lúc 11:25, 30/10/2023', '2023-10-30T11:25:00+07:00'],
    ['8h02 30/10/2023', '2023-10-30T08:02:00+07:00'],
    ['30/10/2023 02:05 CH', '2023-10-30T14:05:00+07:00'],
    ['30/10/2023 12:05 SA', '2023-10-30T00:05:00+07:00'],
    ['30/10/2023 12:05 PM', '2023-10-30T12:05:00+07:00'],
    ['30/10/2023 11:25 AM', '2023-10-30T11:25:00+07:00'],
    ['Thứ Ba 16,03,2021', '2021-03-16T00:00:00+07:00'],
    ['T2, 30/10/2023 | 11:25', '2023-10-30T11:25:00+07:00'],
    ['CN, 29/10/2023 - 07:00', '2023-10-29T07:00:00+07:00'],
  ])('reads the form %s', (text, iso) => {
    expect(parseVietnameseDate(text, VN)).toBe(iso);
    expect(parseVietnameseDate(text.normalize('NFD'), VN)).toBe(iso);
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

describe('parsePrintedDate in other languages', () => {
  const PARIS = { timeZone: 'Europe/Paris', defaultOffset: '+00:00' };
  it.each([
    ['04.05.2015 à 13h36', '2015-05-04T13:36:00+02:00'],
    ['Publié le 04 mai 2015 à 13h36', '2015-05-04T13:36:00+02:00'],
    ['le 1er mai 2015', '2015-05-01T00:00:00+02:00'],
    ['04.01.2015 à 13h36', '2015-01-04T13:36:00+01:00'],
    ['19 November 2019', '2019-11-19T00:00:00+01:00'],
    ['19 Nov. 2019, 13:36', '2019-11-19T13:36:00+01:00'],
    ['November 19, 2019 at 3:05 p.m.', '2019-11-19T15:05:00+01:00'],
    ['19. November 2019, 13:36 Uhr', '2019-11-19T13:36:00+01:00'],
    ['19.11.2019, 13.36 Uhr', '2019-11-19T13:36:00+01:00'],
    ['19 de noviembre de 2019', '2019-11-19T00:00:00+01:00'],
    ['19 novembre 2019 alle 13:36', '2019-11-19T13:36:00+01:00'],
    ['19 de novembro de 2019', '2019-11-19T00:00:00+01:00'],
    ['2019年11月19日', '2019-11-19T00:00:00+01:00'],
    ['2019年11月19日 午後3時15分', '2019-11-19T15:15:00+01:00'],
    ['２０１９年１１月１９日 １５：１５', '2019-11-19T15:15:00+01:00'],
    ['2019년 11월 19일 오후 3:15', '2019-11-19T15:15:00+01:00'],
    ['19 พฤศจิกายน 2562 13:36 น.', '2019-11-19T13:36:00+01:00'],
  ])('reads %s in the zone given, summer time included', (text, iso) => {
    expect(parsePrintedDate(text, PARIS)).toBe(iso);
  });

  it('prefers a zone the text states: an offset, GMT, an abbreviation after the time', () => {
    expect(parsePrintedDate('Tue, 19 Nov 2019 06:05:32 +0000', PARIS)).toBe('2019-11-19T06:05:32+00:00');
    expect(parsePrintedDate('19 November 2019 06:05 GMT', PARIS)).toBe('2019-11-19T06:05:00+00:00');
    expect(parsePrintedDate('19 Nov 2019 13:36 CEST', PARIS)).toBe('2019-11-19T13:36:00+02:00');
    expect(parsePrintedDate('November 19, 2019 1:36 PM EST', PARIS)).toBe('2019-11-19T13:36:00-05:00');
  });

  it('reads US zones named without summer or winter time by the day: "ET", "PT"; only in capitals', () => {
    const us = { dayFirst: false, defaultOffset: '+00:00' };
    expect(parsePrintedDate('Published 6:40 a.m. ET Dec. 3, 2026', us)).toBe('2026-12-03T06:40:00-05:00');
    expect(parsePrintedDate('July 3, 2026 6:40 p.m. ET', us)).toBe('2026-07-03T18:40:00-04:00');
    expect(parsePrintedDate('July 3, 2026 6:40 p.m. PT', us)).toBe('2026-07-03T18:40:00-07:00');
    expect(parsePrintedDate('04.05.2015 à 13h36 et 15h12', { timeZone: 'Europe/Paris' })).toBe(
      '2015-05-04T13:36:00+02:00',
    );
  });

  it('takes "est" as a zone only right after a time, not as the French word', () => {
    expect(parsePrintedDate('Il est 13h, 04/12/2015', PARIS)).toBe('2015-12-04T00:00:00+01:00');
  });

  it('reads numeric dates month first only when told, and refuses an ambiguous one then', () => {
    const US = { dayFirst: false, defaultOffset: '-05:00' };
    expect(parsePrintedDate('11/19/2019 3:05 PM', US)).toBe('2019-11-19T15:05:00-05:00');
    expect(parsePrintedDate('19/11/2019', US)).toBe('2019-11-19T00:00:00-05:00');
    expect(parsePrintedDate('04/05/2015', US)).toBeNull();
    expect(parsePrintedDate('May 4, 2015', US)).toBe('2015-05-04T00:00:00-05:00');
    expect(parsePrintedDate('04/05/2015', { defaultOffset: '+00:00' })).toBe('2015-05-04T00:00:00+00:00');
  });

  it.each([
    ['19 Foo 2019'],
    ['November 2019'],
    ['19 November'],
    ['Tel. 0220.000.000'],
    ['Mã tin 20231030112512345'],
    ['1.250.000 đồng'],
    ['31 February 2020'],
  ])('finds no date in %j', (text) => {
    expect(parsePrintedDate(text, PARIS)).toBeNull();
  });
});

describe('parseDateline', () => {
  it('splits the publication and update times at the update label', () => {
    expect(
      parseDateline(
        'Le Monde | 04.05.2015 à 13h36 • Mis à jour le 04.05.2015 à 15h12 | Par Claire Dupont',
        { timeZone: 'Europe/Paris' },
        UPDATED_LABEL,
      ),
    ).toEqual({ published: '2015-05-04T13:36:00+02:00', modified: '2015-05-04T15:12:00+02:00' });
    expect(parseDateline('Đăng: 05/02/2020 08:02 | Cập nhật: 06/02/2020 09:10', VN, UPDATED_LABEL)).toEqual({
      published: FEB5,
      modified: '2020-02-06T09:10:00+07:00',
    });
  });

  it('takes a lone update time for both, as provincial papers print nothing else', () => {
    expect(parseDateline('Cập nhật: 05/02/2020 08:02', VN, UPDATED_LABEL)).toEqual({
      published: FEB5,
      modified: FEB5,
    });
  });
});

describe('time zones', () => {
  it('the zone of the site’s country, from its host or its locale', () => {
    expect(countryZone('www.lemonde.fr')).toBe('Europe/Paris');
    expect(countryZone('www.bbc.co.uk')).toBe('Europe/London');
    expect(countryZone('www.spiegel.de', 'de')).toBe('Europe/Berlin');
    expect(countryZone('www.example.com', 'de_DE')).toBe('Europe/Berlin');
    expect(countryZone('www.example.com', 'en')).toBeNull();
    expect(countryZone('www.example.com', 'pt-BR')).toBeNull();
    // A language spoken in one zone gives it when neither the host nor a region does.
    expect(countryZone('www.example.com', 'th')).toBe('Asia/Bangkok');
    expect(countryZone('www.example.com', 'ja')).toBe('Asia/Tokyo');
    expect(countryZone('www.example.com', 'zh-TW')).toBe('Asia/Taipei');
    expect(countryZone('www.example.com', 'zh')).toBe('Asia/Shanghai');
    // French without a country: Paris time (France, Belgium, Switzerland share it); with a region, the region's.
    expect(countryZone('www.example.com', 'fr')).toBe('Europe/Paris');
    expect(countryZone('www.example.com', 'fr-CA')).toBeNull();
    expect(countryZone('www.example.com', 'de')).toBe('Europe/Berlin');
    expect(countryZone('www.example.com', 'pl')).toBe('Europe/Warsaw');
    // Spoken across many zones: no guess.
    for (const language of ['es', 'pt', 'en', 'ar', 'ru'])
      expect(countryZone('www.example.com', language)).toBeNull();
  });

  it('works the offset out for the day, summer time included', () => {
    expect(offsetInZone('Europe/Paris', 2015, 5, 4, 13, 36)).toBe('+02:00');
    expect(offsetInZone('Europe/Paris', 2015, 1, 4, 13, 36)).toBe('+01:00');
    expect(offsetInZone('Europe/London', 2019, 11, 19, 6, 5)).toBe('+00:00');
    expect(offsetInZone('Asia/Kolkata', 2019, 11, 19, 6, 5)).toBe('+05:30');
    expect(offsetInZone('Not/AZone', 2019, 11, 19, 6, 5)).toBeNull();
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

  it('reads a space for the T and takes the zone from the options', () => {
    expect(parseIsoDate('2023-03-08 07:15', VN)).toBe('2023-03-08T07:15:00+07:00');
    expect(parseIsoDate('2015-05-04T13:36', { timeZone: 'Europe/Paris' })).toBe('2015-05-04T13:36:00+02:00');
  });
});

describe('sameInstant', () => {
  it('compares instants across offsets, to the second', () => {
    expect(sameInstant('2020-02-05T08:02:00+07:00', '2020-02-05T01:02:00.500Z')).toBe(true);
    expect(sameInstant('2020-02-05T08:02:00+07:00', '2020-02-05T08:02:00Z')).toBe(false);
    expect(sameInstant(null, FEB5)).toBe(false);
  });
});
