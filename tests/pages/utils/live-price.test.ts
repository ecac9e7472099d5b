import { cardPrice, liveStartsText, upcomingPriceText } from '../../../miniprogram/utils/live-price';

// 2026-11-24 10:00 in Shanghai; the live starts at 20:00 that evening
const NOW = Date.UTC(2026, 10, 24, 2, 0, 0);
const START = NOW + 10 * 3600_000;
const DAY = 24 * 3600_000;
const card = { livePriceFen: 12900, priceFen: 16900 };

describe('a live card price at each stage of its live', () => {
  it('before the live: the live price, struck regular price, and when it starts applying', () => {
    expect(cardPrice('scheduled', card, START, NOW)).toEqual({ priceFen: 12900, originalFen: 16900, label: '直播价', note: '20:00 开播后生效' });
    expect(cardPrice('scheduled', card, START + DAY, NOW).note).toBe('明天 20:00 开播后生效');
  });

  it('during the live: the live price with nothing to wait for; after it: the regular price alone', () => {
    expect(cardPrice('live', card, START, NOW)).toEqual({ priceFen: 12900, originalFen: 16900, label: '直播价', note: '' });
    expect(cardPrice('ended', card, START, NOW)).toEqual({ priceFen: 16900, originalFen: 0, label: '', note: '' });
  });

  it('the product page line drops whole-yuan cents and keeps the others', () => {
    expect(upcomingPriceText(12900, START, NOW)).toBe('直播价 ¥129 · 20:00 开播后生效');
    expect(upcomingPriceText(12950, START + 2 * DAY, NOW)).toBe('直播价 ¥129.50 · 11月26日 20:00 开播后生效');
    expect(liveStartsText(START, NOW)).toBe('20:00 开播后生效');
  });
});
