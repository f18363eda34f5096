/** The few words exports write themselves (column headers, headings), in the interface languages. */
import type { ExportLang } from './types';

export interface Labels {
  quote: string;
  note: string;
  /** The user's note on the whole article (its page note). */
  articleNote: string;
  tags: string;
  color: string;
  title: string;
  site: string;
  url: string;
  byline: string;
  published: string;
  highlightedAt: string;
  highlights: string;
  noHighlights: string;
  notInText: string;
  savedArticle: string;
  /** The deep link of a highlight (Markdown). */
  openPassage: string;
  /** A citation's date when the article has none (APA's "n.d."). */
  noDate: string;
  untitled: string;
  summary: (articles: number, highlights: number) => string;
  exportedFrom: string;
}

const en: Labels = {
  quote: 'Quote',
  note: 'Note',
  articleNote: 'Article note',
  tags: 'Tags',
  color: 'Colour',
  title: 'Article title',
  site: 'Site',
  url: 'URL',
  byline: 'By',
  published: 'Published',
  highlightedAt: 'Highlighted at',
  highlights: 'Highlights',
  noHighlights: 'No highlights.',
  notInText: 'not found in the saved text',
  savedArticle: 'Saved article',
  openPassage: 'Open at the passage',
  noDate: 'n.d.',
  untitled: 'Untitled',
  summary: (a, h) => `${a} ${a === 1 ? 'article' : 'articles'}, ${h} ${h === 1 ? 'highlight' : 'highlights'}`,
  exportedFrom: 'Exported from Clipmark',
};

const vi: Labels = {
  quote: 'Trích dẫn',
  note: 'Ghi chú',
  articleNote: 'Ghi chú về bài',
  tags: 'Thẻ',
  color: 'Màu',
  title: 'Tiêu đề bài',
  site: 'Trang',
  url: 'URL',
  byline: 'Tác giả',
  published: 'Ngày đăng',
  highlightedAt: 'Thời điểm đánh dấu',
  highlights: 'Đoạn đánh dấu',
  noHighlights: 'Chưa có đoạn đánh dấu.',
  notInText: 'không tìm thấy trong bản lưu',
  savedArticle: 'Bài đã lưu',
  openPassage: 'Mở tới đoạn này',
  noDate: 'không rõ ngày',
  untitled: 'Không có tiêu đề',
  summary: (a, h) => `${a} bài, ${h} đoạn đánh dấu`,
  exportedFrom: 'Xuất từ Clipmark',
};

export function labelsFor(lang: ExportLang = 'en'): Labels {
  return lang === 'vi' ? vi : en;
}
