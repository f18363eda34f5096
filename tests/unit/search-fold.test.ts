import { describe, expect, it } from 'vitest';
import { exactToken, foldTag, foldText, hasDiacritics, matchRanges, tokenize } from '@/utils/search/fold';

const NFC = 'Tổ chức xây dựng Đảng';
const NFD = NFC.normalize('NFD');

describe('foldText', () => {
  it('folds NFC and NFD Vietnamese to the same plain lower-case text', () => {
    expect(NFD).not.toBe(NFC); // the test means something only if the bytes differ
    expect(foldText(NFC)).toBe('to chuc xay dung dang');
    expect(foldText(NFD)).toBe('to chuc xay dung dang');
  });

  it('folds đ and Đ explicitly (they have no decomposition), and the look-alike eth', () => {
    expect('đ'.normalize('NFD')).toBe('đ');
    expect(foldText('Đường đi')).toBe('duong di');
    expect(foldText('ĐẢNG')).toBe('dang');
    expect(foldText('Ðảng')).toBe('dang'); // U+00D0, as some sites emit it
  });

  it('lower-cases mixed case and collapses whitespace', () => {
    expect(foldText('  Tổ\tCHỨC \n  Cán Bộ ')).toBe('to chuc can bo');
    expect(foldText('Tổ chức')).toBe(foldText('to chuc'));
    expect(foldText('TỔ CHỨC')).toBe('to chuc');
  });

  it('strips every Vietnamese tone and vowel mark', () => {
    expect(foldText('àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ')).toBe(
      'aaaaa aaaaaa aaaaaa eeeee eeeeee iiiii ooooo oooooo oooooo uuuuu uuuuuu yyyyy',
    );
  });
});

describe('tokens', () => {
  it('keeps offsets into the original string, NFD included', () => {
    const tokens = tokenize(NFD);
    expect(tokens.map((t) => t.folded)).toEqual(['to', 'chuc', 'xay', 'dung', 'dang']);
    const second = tokens[1];
    expect(second && NFD.slice(second.start, second.end)).toBe('chức'.normalize('NFD'));
  });

  it('splits on punctuation and keeps digits', () => {
    expect(tokenize('COVID-19, “Hà Nội”!').map((t) => t.folded)).toEqual(['covid', '19', 'ha', 'noi']);
  });

  it('exactToken keeps accents, hasDiacritics tells typed accents apart', () => {
    expect(exactToken('Tổ'.normalize('NFD'))).toBe('tổ');
    expect(hasDiacritics('bán')).toBe(true);
    expect(hasDiacritics('đi')).toBe(true);
    expect(hasDiacritics('Ban')).toBe(false);
  });

  it('foldTag makes tag keys independent of case, accents and separators', () => {
    expect(foldTag('Kinh tế')).toBe('kinh te');
    expect(foldTag('kinh-te')).toBe('kinh te');
    expect(foldTag(' XÂY  DỰNG '.normalize('NFD'))).toBe('xay dung');
  });
});

describe('matchRanges', () => {
  it('finds folded terms in accented text, prefixes marked with *', () => {
    const text = 'Công tác tổ chức cán bộ';
    const ranges = matchRanges(text, ['to', 'chuc', 'ca*']);
    expect(ranges.map(([a, b]) => text.slice(a, b))).toEqual(['tổ', 'chức', 'cán']);
  });

  it('works on NFD text without splitting a letter from its marks', () => {
    const ranges = matchRanges(NFD, ['dang']);
    expect(ranges).toHaveLength(1);
    const [start, end] = ranges[0] ?? [0, 0];
    expect(NFD.slice(start, end).normalize('NFC')).toBe('Đảng');
  });
});
