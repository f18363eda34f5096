/**
 * A synthetic but realistic highlight library for the search benchmark: Vietnamese news (80 %) and English
 * (20 %), common words Zipf-distributed, a long tail of generated syllables and names, ~15 % of pages serving
 * NFD text, tags, notes and colours. Deterministic for a seed.
 */
import { HIGHLIGHT_COLORS } from '../utils/colors';
import type { SearchDoc } from '../utils/search/types';

const VI_FUNCTION =
  'của|và|là|có|được|cho|với|trong|các|những|một|này|đã|sẽ|đang|không|người|theo|về|từ|để|khi|tại|đến|như|cũng|nhiều|năm|ngày|tháng|hơn|trên|sau|vào|ra|nhằm|việc|đó|còn|phải|rất|đồng thời|bên cạnh đó|tuy nhiên|ngoài ra|hiện nay|thời gian qua|trong thời gian tới|nhất là|đặc biệt'.split(
    '|',
  );
const VI_CONTENT =
  'xây dựng|Đảng|tổ chức|kinh tế|phát triển|chính phủ|thủ tướng|nhân dân|tỉnh|thành phố|Hà Nội|Nam Định|Thành phố Hồ Chí Minh|Đà Nẵng|giáo dục|y tế|nông nghiệp|lúa gạo|nông dân|doanh nghiệp|đầu tư|tăng trưởng|ngân hàng|lãi suất|thị trường|chứng khoán|bất động sản|giá vàng|xuất khẩu|nhập khẩu|hạ tầng|giao thông|đường cao tốc|dự án|vốn|ngân sách|thuế|cán bộ|đảng viên|hội nghị|quyết định|nghị quyết|chỉ thị|chính sách|pháp luật|quốc hội|đại biểu|bầu cử|an ninh|quốc phòng|biển đảo|môi trường|biến đổi khí hậu|thiên tai|bão|lũ lụt|hạn hán|công nghệ|chuyển đổi số|trí tuệ nhân tạo|điện thoại|mạng xã hội|học sinh|sinh viên|giáo viên|trường học|kỳ thi|tốt nghiệp|đại học|bệnh viện|bác sĩ|bệnh nhân|dịch bệnh|vắc xin|sức khỏe|văn hóa|du lịch|lễ hội|di sản|thể thao|bóng đá|đội tuyển|huấn luyện viên|người dân|cuộc sống|gia đình|trẻ em|phụ nữ|người cao tuổi|lao động|việc làm|tiền lương|bảo hiểm xã hội|năng lượng|điện|xăng dầu|giá cả|lạm phát|sản xuất|công nghiệp|nhà máy|khu công nghiệp|cảng biển|sân bay|đường sắt|nhà ở|đô thị|nông thôn mới|miền Bắc|miền Trung|miền Nam|Việt Nam|Trung Quốc|Hoa Kỳ|Nhật Bản|Hàn Quốc|châu Âu|hợp tác|quan hệ|ngoại giao|hiệp định|thương mại|tổng bí thư|chủ tịch|bộ trưởng|ủy ban|xã|huyện|phường|quận|cơ quan|cơ sở|đơn vị|hệ thống|phương án|giải pháp|mục tiêu|kế hoạch|nhiệm vụ|trách nhiệm|kết quả|hiệu quả|chất lượng|tiến độ|khó khăn|thách thức|cơ hội|tiềm năng|đổi mới|cải cách|hành chính|thủ tục|đất đai|tài nguyên|khoáng sản|rừng|thủy sản|chăn nuôi|trồng trọt|hợp tác xã|sản phẩm|thương hiệu|người tiêu dùng|an toàn thực phẩm|phòng chống|tham nhũng|lãng phí|kiểm tra|thanh tra|xử lý|vi phạm|tòa án|công an|điều tra|tai nạn|cháy|cứu hộ|bán|bạn|bàn|bản|bận'.split(
    '|',
  );
const EN_FUNCTION =
  'the|of|and|to|a|in|is|that|for|on|with|as|was|by|it|are|from|at|be|this|have|has|not|but|they|will|more|said|its|an|their|which|after|new|also|than|been|were|over|about|could|would'.split(
    '|',
  );
const EN_CONTENT =
  'government|economy|climate change|supply chain|inflation|interest rates|central bank|election|president|minister|parliament|policy|market|stocks|investors|growth|trade|exports|tariffs|energy|oil prices|renewable|emissions|technology|artificial intelligence|data|privacy|security|war|ceasefire|refugees|health|hospital|vaccine|education|students|university|housing|prices|workers|wages|unemployment|companies|profits|startup|regulation|court|judge|police|investigation|crime|city|country|region|report|study|researchers|scientists|community|families|children|water|drought|floods|storm|agriculture|farmers|rice|food security|infrastructure|transport|railway|airport|port|shipping|manufacturing|factory|semiconductor|battery|electric vehicles|tourism|culture|football|sport|Vietnam|Hanoi|China|United States|Europe|Japan|Korea|Asia|Pacific|diplomacy|agreement|summit|negotiations|sanctions|budget|debt|tax|spending|reform|corruption|protest|rights|media|social media|internet|economic|economics|econometrics'.split(
    '|',
  );
const TAGS =
  'xây dựng Đảng|xây dựng|kinh tế|nông nghiệp|giáo dục|y tế|Nam Định|chuyển đổi số|môi trường|pháp luật|văn hóa|du lịch|thể thao|quốc tế|đọc sau|quan trọng|trích dẫn|số liệu|chính sách|đất đai|giao thông|lao động|economy|climate|policy|tech|AI|health|to-read|quote|data|research|trade|energy|Vietnam|elections|housing|finance'.split(
    '|',
  );
const VI_SITES =
  'vnexpress.net|tuoitre.vn|thanhnien.vn|dantri.com.vn|vietnamnet.vn|nhandan.vn|baonamdinh.vn|www.baonamdinh.vn|baochinhphu.vn|vov.vn|vtv.vn|laodong.vn|tienphong.vn|znews.vn|cafef.vn|vneconomy.vn|hanoimoi.vn|sggp.org.vn|plo.vn|baoquangninh.vn|qdnd.vn'.split(
    '|',
  );
const EN_SITES =
  'www.bbc.com|www.theguardian.com|www.reuters.com|apnews.com|www.nytimes.com|e.vnexpress.net|vietnamnews.vn|www.economist.com|www.ft.com'.split(
    '|',
  );
const ONSETS = 'b|c|ch|d|đ|g|gi|h|kh|l|m|n|ng|nh|ph|qu|s|t|th|tr|v|x|'.split('|');
const RHYMES =
  'a|ai|ao|an|ang|anh|ăn|âm|ân|âu|ây|e|em|en|eo|ê|ên|i|im|in|inh|iêu|iên|o|oa|oai|oan|oi|om|on|ong|ô|ôi|ông|ơ|ơi|ơn|u|ua|uân|ui|um|un|ung|uyên|ư|ưa|ưng|ươi|ương'.split(
    '|',
  );
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];

/** mulberry32: a small seeded PRNG, so every run measures the same library. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateCorpus(highlights: number, articles: number, seed = 42): SearchDoc[] {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  // Zipf-like: low indexes much more often, so a few words are everywhere and most are rare.
  const zipf = <T>(list: readonly T[]): T => list[Math.floor(r() ** 2.2 * list.length)] as T;
  const syllable = () => {
    const rhyme = pick(RHYMES);
    const vowel = rhyme.search(/[aăâeêioôơuưy]/);
    const tone = pick(TONES);
    return (pick(ONSETS) + rhyme.slice(0, vowel + 1) + tone + rhyme.slice(vowel + 1)).normalize('NFC');
  };
  const tail = Array.from({ length: 6000 }, () => (r() < 0.5 ? syllable() : `${syllable()} ${syllable()}`));
  const enTail = Array.from(
    { length: 4000 },
    () =>
      syllable().normalize('NFD').replace(/\p{M}/gu, '') +
      pick(['ton', 'ley', 'ford', 'er', 'ia', 'ex', 'on']),
  );
  const viWord = () => {
    const x = r();
    if (x < 0.4) return zipf(VI_FUNCTION);
    if (x < 0.88) return zipf(VI_CONTENT);
    if (x < 0.93)
      return `${pick(SURNAMES)} ${syllable()} ${syllable()}`.replace(/^./, (c) => c.toUpperCase());
    if (x < 0.96) return String(Math.floor(r() * 3000));
    return pick(tail);
  };
  const enWord = () => {
    const x = r();
    if (x < 0.45) return zipf(EN_FUNCTION);
    if (x < 0.92) return zipf(EN_CONTENT);
    if (x < 0.96) return String(Math.floor(r() * 3000));
    return pick(enTail);
  };
  const sentence = (vi: boolean, min: number, max: number) => {
    const words: string[] = [];
    const len = min + Math.floor(r() * (max - min));
    for (let n = 0; n < len; ) {
      const w = vi ? viWord() : enWord();
      words.push(w);
      n += w.split(' ').length;
    }
    const s = words.join(' ');
    return `${s[0]?.toUpperCase()}${s.slice(1)}.`;
  };
  const start = new Date(2025, 0, 1).getTime();
  const span = new Date(2026, 11, 31).getTime() - start;
  const pages = Array.from({ length: articles }, (_, i) => {
    const vi = r() < 0.8;
    const nfd = r() < 0.15; // some sites serve decomposed Vietnamese
    const site = vi ? pick(VI_SITES) : pick(EN_SITES);
    const title = sentence(vi, 8, 18).slice(0, -1);
    return {
      vi,
      nfd,
      site,
      url: `https://${site}/${vi ? 'thoi-su' : 'news'}/article-${i}.html`,
      title: nfd ? title.normalize('NFD') : title,
      time: start + Math.floor(r() * span),
    };
  });
  const docs: SearchDoc[] = [];
  for (let i = 0; i < highlights; i++) {
    // Each page gets a run of highlights, so pages have ~highlights/articles of them on average.
    const page = pages[Math.min(articles - 1, Math.floor((i / highlights) * articles + r() * 0.999))];
    if (!page) break;
    const sentences = 1 + Math.floor(r() * r() * 3);
    let quote = Array.from({ length: sentences }, () => sentence(page.vi, 10, 40)).join(' ');
    let note = r() < 0.3 ? sentence(r() < 0.85 ? page.vi : !page.vi, 4, 25) : '';
    if (page.nfd) [quote, note] = [quote.normalize('NFD'), note.normalize('NFD')];
    const tags =
      r() < 0.6 ? Array.from(new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => zipf(TAGS)))) : [];
    docs.push({
      id: `h-${i.toString(36).padStart(6, '0')}-${Math.floor(r() * 1e9).toString(36)}`,
      url: page.url,
      site: page.site,
      title: page.title,
      quote,
      note,
      tags,
      color: r() < 0.5 ? 'yellow' : pick(HIGHLIGHT_COLORS),
      createdAt: page.time + Math.floor(r() * 30 * 86_400_000),
    });
  }
  return docs;
}

/** Typical queries: with and without diacritics, one word and several, phrases, filters, a prefix. */
export const QUERIES = [
  'to chuc',
  'tổ chức',
  'xay dung dang',
  '"xây dựng Đảng"',
  '"xay dung dang" site:baonamdinh.vn',
  'tang truong tag:"kinh tế"',
  'nông nghiệp site:baonamdinh.vn',
  'giao duc color:yellow',
  'chinh phu after:2026-01-01 before:2026-02-01',
  'y te date:2025-11',
  'climate change',
  '"supply chain"',
  'phat trien -"ha noi"',
  'tag:economy color:blue',
  'Đảng',
  'dang',
  'econ',
  'thủ tướng chính phủ',
  'nam dinh lua gao',
  'chuyen doi so tag:chuyen-doi-so',
];
