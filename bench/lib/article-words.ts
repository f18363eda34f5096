/**
 * Words and sentences for the generated benchmark article: Vietnamese news prose (NFC) with English sentences
 * mixed in, plus stock sentences that news sites repeat, so some quotes occur many times on the page.
 */

const VI =
  'của|và|là|có|được|cho|với|trong|các|những|một|này|đã|sẽ|đang|không|người|theo|về|từ|để|khi|tại|đến|như|cũng|nhiều|năm|ngày|tháng|hơn|trên|sau|vào|ra|nhằm|việc|đó|còn|phải|rất|đồng thời|tuy nhiên|ngoài ra|hiện nay|xây dựng|tổ chức|kinh tế|phát triển|nhân dân|tỉnh|thành phố|Hà Nội|Nam Định|giáo dục|y tế|nông nghiệp|lúa gạo|nông dân|doanh nghiệp|đầu tư|tăng trưởng|ngân hàng|thị trường|xuất khẩu|hạ tầng|giao thông|dự án|vốn|ngân sách|cán bộ|hội nghị|quyết định|chính sách|môi trường|thiên tai|bão|lũ lụt|công nghệ|chuyển đổi số|học sinh|sinh viên|trường học|bệnh viện|bác sĩ|sức khỏe|văn hóa|du lịch|lễ hội|thể thao|người dân|cuộc sống|gia đình|trẻ em|lao động|việc làm|tiền lương|năng lượng|điện|giá cả|sản xuất|nhà máy|khu công nghiệp|đường sắt|nhà ở|đô thị|nông thôn mới|hợp tác xã|sản phẩm|thương hiệu|kiểm tra|xử lý|vi phạm|cơ quan|đơn vị|hệ thống|giải pháp|mục tiêu|kế hoạch|nhiệm vụ|kết quả|hiệu quả|chất lượng|tiến độ|khó khăn|thách thức|cơ hội|đổi mới|thủ tục|đất đai|thủy sản|chăn nuôi|trồng trọt|lò sấy|vụ mùa|sân phơi|xã viên|ban quản trị|mặt đường|trấu ép|độ ẩm|tấn lúa|tỷ đồng|nghìn đồng|liên thôn|phụ phẩm|khu dân cư|địa phương|công suất|vận hành|thu hoạch|cơ giới hóa'.split(
    '|',
  );
const EN =
  'the|of|and|to|a|in|is|that|for|on|with|as|was|by|it|are|from|at|be|this|have|has|not|but|they|will|more|said|its|an|their|which|after|new|also|than|been|were|over|about|could|would|government|economy|climate|supply|inflation|interest|rates|central|bank|election|minister|policy|market|investors|growth|trade|exports|energy|prices|technology|data|privacy|security|health|hospital|education|students|housing|workers|wages|companies|regulation|court|police|city|country|region|report|study|researchers|community|families|children|water|drought|floods|storm|agriculture|farmers|rice|infrastructure|transport|railway|port|shipping|factory|battery|tourism|culture|football|Vietnam|Hanoi|province|cooperative|harvest|kiln|drying|husk|moisture|capacity|villagers|season'.split(
    '|',
  );

/** Sentences many paragraphs share (bylines, boilerplate): a quote of one of them occurs dozens of times. */
export const STOCK = [
  'Theo Báo Nam Định điện tử, đây là kết quả của quá trình chuẩn bị kỹ lưỡng.',
  'Ông Trần Văn Lộc, Giám đốc hợp tác xã, cho biết như vậy.',
  'Thời gian tới, tỉnh sẽ tiếp tục theo dõi sát tình hình.',
  'According to the provincial statistics office, the figures are preliminary.',
  'The project is expected to be completed by the end of next year.',
  'Xem thêm: Nông dân Nam Định thử nghiệm lò sấy lúa mới.',
];

/** mulberry32: a small seeded PRNG, so every run measures the same page. */
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

export type Random = () => number;

export const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
export const between = (r: Random, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function number(r: Random): string {
  const n = between(r, 1, 999);
  return r() < 0.5 ? String(n) : `${n},${between(r, 1, 9)}`;
}

/** One sentence, ~60–200 characters: Vietnamese 70 %, English 30 %; commas and figures here and there. */
export function sentence(r: Random): string {
  const vi = r() < 0.7;
  const words: string[] = [];
  const count = vi ? between(r, 10, 30) : between(r, 8, 24);
  for (let i = 0; i < count; i++) {
    let w = r() < 0.06 ? number(r) : pick(r, vi ? VI : EN);
    if (i > 1 && i < count - 1 && r() < 0.08) w += ',';
    words.push(w);
  }
  return `${capitalise(words.join(' '))}.`;
}

/** A different word of the same script for an edit inside a quote ("tăng" → "giảm" style). */
export function replacementFor(r: Random, word: string): string {
  const list = /^[a-zA-Z]+$/.test(word) ? EN : VI;
  for (;;) {
    const w = pick(r, list);
    if (w !== word && !w.includes(' ')) return w;
  }
}
