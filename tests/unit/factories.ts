/** Small factories for test data: `fakeX(overrides)`. */
import type { MessageMap } from '@/utils/messages';

export const ARTICLE_URL = 'https://baonamdinh.vn/channel/5085/202611/hop-tac-xa-dong-tien-2561234/';

export function fakeDraft(
  overrides: Partial<MessageMap['highlight.create']['request']> = {},
): MessageMap['highlight.create']['request'] {
  return {
    url: ARTICLE_URL,
    pageTitle: 'Hợp tác xã Đồng Tiến đưa lò sấy lúa mới vào hoạt động',
    quote: { type: 'TextQuoteSelector', exact: 'lò sấy lúa', prefix: 'đưa ', suffix: ' mới' },
    position: { type: 'TextPositionSelector', start: 100, end: 110 },
    color: 'yellow',
    tags: ['nông nghiệp'],
    ...overrides,
  };
}
