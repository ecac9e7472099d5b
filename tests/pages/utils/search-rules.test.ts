import {
  cleanKeyword,
  nextSort,
  priceRange,
  pushKeyword,
  rangeFields,
  rangeLabel,
  readHistory,
  SEARCH_HISTORY_MAX,
  sortTabs,
  suggestions,
  yuanToFen,
} from '../../../miniprogram/pages/search/utils';
import { dayHeading, dayKey } from '../../../miniprogram/utils/time';

describe('search history (搜索历史)', () => {
  it('puts a keyword first, trimmed, once whatever its letter case', () => {
    expect(pushKeyword(['口红', 'SPF', '面膜'], '  spf ')).toEqual(['spf', '口红', '面膜']);
    expect(pushKeyword(['口红'], '口红')).toEqual(['口红']);
    expect(pushKeyword([], '眼影  盘')).toEqual(['眼影 盘']);
  });

  it('keeps the newest ten, dropping the oldest', () => {
    const ten = Array.from({ length: SEARCH_HISTORY_MAX }, (_, i) => `词${i}`);
    const next = pushKeyword(ten, '新词');
    expect(next).toHaveLength(SEARCH_HISTORY_MAX);
    expect(next[0]).toBe('新词');
    expect(next).not.toContain('词9');
    expect(ten).toHaveLength(SEARCH_HISTORY_MAX);
  });

  it('adds nothing for a blank keyword', () => {
    expect(pushKeyword(['口红'], '   ')).toEqual(['口红']);
  });

  it('reads what storage held as keywords only, each once, ten at most', () => {
    expect(readHistory('')).toEqual([]);
    expect(readHistory({ a: 1 })).toEqual([]);
    expect(readHistory(['口红', 7, null, ' 口红 ', 'Spf', 'SPF', ''])).toEqual(['口红', 'Spf']);
    expect(readHistory(Array.from({ length: 15 }, (_, i) => `w${i}`))).toHaveLength(SEARCH_HISTORY_MAX);
  });

  it('cuts a keyword to what the server takes', () => {
    expect(cleanKeyword('x'.repeat(50))).toHaveLength(40);
  });
});

describe('sorting (综合 / 销量 / 价格)', () => {
  it('turns 价格 up, then down, then up again; the others are what they say', () => {
    expect(nextSort('relevance', 'price')).toBe('price_asc');
    expect(nextSort('price_asc', 'price')).toBe('price_desc');
    expect(nextSort('price_desc', 'price')).toBe('price_asc');
    expect(nextSort('price_desc', 'sales')).toBe('sales');
    expect(nextSort('sales', 'relevance')).toBe('relevance');
  });

  it('marks the tab chosen, with the price direction', () => {
    expect(sortTabs('price_desc')).toEqual([
      { key: 'relevance', title: '综合', active: false, arrow: '' },
      { key: 'sales', title: '销量', active: false, arrow: '' },
      { key: 'price', title: '价格', active: true, arrow: '↓' },
    ]);
    expect(sortTabs('relevance').map((t) => t.active)).toEqual([true, false, false]);
    expect(sortTabs('price_asc')[2].arrow).toBe('↑');
  });
});

describe('price range (价格区间)', () => {
  it('reads yuan as fen without floating point', () => {
    expect(yuanToFen('12')).toBe(1200);
    expect(yuanToFen('12.5')).toBe(1250);
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('12.')).toBe(1200);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-1')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
    expect(yuanToFen('1234567')).toBeNull();
  });

  it('leaves an empty end open, swaps ends the wrong way round, refuses what is not a price', () => {
    expect(priceRange('50', '200')).toEqual({ minPriceFen: 5000, maxPriceFen: 20000 });
    expect(priceRange('200', '50')).toEqual({ minPriceFen: 5000, maxPriceFen: 20000 });
    expect(priceRange('', '99.9')).toEqual({ maxPriceFen: 9990 });
    expect(priceRange(' 0 ', '')).toEqual({ minPriceFen: 0 });
    expect(priceRange('', '')).toEqual({});
    expect(priceRange('5元', '')).toBeNull();
  });

  it('labels the range on the filter tab and gives it back to the fields', () => {
    expect(rangeLabel({ minPriceFen: 5000, maxPriceFen: 20000 })).toBe('¥50-200');
    expect(rangeLabel({ minPriceFen: 1250 })).toBe('¥12.5以上');
    expect(rangeLabel({ maxPriceFen: 1205 })).toBe('¥12.05以下');
    expect(rangeLabel({})).toBe('');
    expect(rangeFields({ minPriceFen: 0, maxPriceFen: 9990 })).toEqual({ minText: '0', maxText: '99.9' });
    expect(rangeFields({})).toEqual({ minText: '', maxText: '' });
  });
});

describe('suggestions', () => {
  it('picks out the typed part of each title, ignoring case, each title once, eight at most', () => {
    expect(suggestions(['清透防晒乳 SPF50+', '防晒喷雾', '清透防晒乳 SPF50+'], 'spf')).toEqual([
      { word: '清透防晒乳 SPF50+', head: '清透防晒乳 ', hit: 'SPF', tail: '50+' },
      { word: '防晒喷雾', head: '防晒喷雾', hit: '', tail: '' },
    ]);
    expect(suggestions(Array.from({ length: 12 }, (_, i) => `口红${i}`), '口红')).toHaveLength(8);
  });
});

describe('day headings (足迹)', () => {
  const NOW = Date.UTC(2026, 10, 24, 2, 0, 0); // 10:00 in Shanghai
  const shanghai = (year: number, month: number, day: number, hour: number) => Date.UTC(year, month - 1, day, hour - 8);

  it('names today and yesterday in China time, else the date, with the year when it is another', () => {
    expect(dayHeading(shanghai(2026, 11, 24, 0), NOW)).toBe('今天');
    expect(dayHeading(shanghai(2026, 11, 23, 23), NOW)).toBe('昨天');
    expect(dayHeading(shanghai(2026, 11, 20, 12), NOW)).toBe('11月20日');
    expect(dayHeading(shanghai(2025, 12, 31, 12), NOW)).toBe('2025年12月31日');
  });

  it('keys the day in China time, not the machine’s', () => {
    expect(dayKey(shanghai(2026, 11, 24, 1))).toBe('2026-11-24');
    expect(dayKey(shanghai(2026, 11, 23, 23))).toBe('2026-11-23');
  });
});
