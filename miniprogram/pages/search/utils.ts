import type { ProductSort } from '../../../typings/contract/index';
import { yuan } from '../../utils/money';

/** What the search page keeps in wx storage: the shopper's own keywords, newest first. */
export const SEARCH_HISTORY_KEY = 'searchHistory';
export const SEARCH_HISTORY_MAX = 10;
/** A keyword is as long as the server takes (listProducts `keyword` ≤ 40). */
export const KEYWORD_MAX_CHARS = 40;
/** Typing pauses this long before suggestions are asked for. */
export const SUGGEST_DELAY_MS = 300;
export const SUGGESTION_COUNT = 8;

/** The keyword as searched: trimmed, inner spaces as one, at most 40 characters; '' for none. */
export const cleanKeyword = (raw: string): string => raw.trim().replace(/\s+/g, ' ').slice(0, KEYWORD_MAX_CHARS).trim();

const sameWord = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** 搜索历史 after searching `keyword`: it first, once (letter case aside), at most SEARCH_HISTORY_MAX. */
export function pushKeyword(history: readonly string[], keyword: string): string[] {
  const word = cleanKeyword(keyword);
  if (!word) return [...history];
  return [word, ...history.filter((w) => !sameWord(w, word))].slice(0, SEARCH_HISTORY_MAX);
}

/** What storage held, as a history: keywords only, cleaned, each once, at most SEARCH_HISTORY_MAX. */
export function readHistory(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  const history: string[] = [];
  for (const value of stored) {
    const word = typeof value === 'string' ? cleanKeyword(value) : '';
    if (word && !history.some((w) => sameWord(w, word))) history.push(word);
  }
  return history.slice(0, SEARCH_HISTORY_MAX);
}

/** The sort tabs: 综合, 销量, 价格 (a second tap on 价格 turns its direction). */
export type SortTab = 'relevance' | 'sales' | 'price';

export function nextSort(current: ProductSort, tapped: SortTab): ProductSort {
  if (tapped !== 'price') return tapped;
  return current === 'price_asc' ? 'price_desc' : 'price_asc';
}

export interface SortTabView {
  key: SortTab;
  title: string;
  active: boolean;
  /** 价格's direction when it is the sort: ↑ low to high, ↓ high to low */
  arrow: string;
}

export function sortTabs(current: ProductSort): SortTabView[] {
  const price = current === 'price_asc' || current === 'price_desc';
  return [
    { key: 'relevance', title: '综合', active: current === 'relevance', arrow: '' },
    { key: 'sales', title: '销量', active: current === 'sales', arrow: '' },
    { key: 'price', title: '价格', active: price, arrow: current === 'price_asc' ? '↑' : current === 'price_desc' ? '↓' : '' },
  ];
}

export interface PriceRange {
  minPriceFen?: number;
  maxPriceFen?: number;
}

/** "12", "12.5", "12.50" yuan as fen, by integer maths; null for anything else. */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{1,6})(?:\.(\d{0,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * 价格区间 from the two fields (yuan): an empty field leaves that end open, ends typed the wrong
 * way round are swapped; null when a field is not a price.
 */
export function priceRange(minText: string, maxText: string): PriceRange | null {
  const ends: Array<number | undefined> = [];
  for (const text of [minText, maxText]) {
    if (!text.trim()) ends.push(undefined);
    else {
      const fen = yuanToFen(text);
      if (fen === null) return null;
      ends.push(fen);
    }
  }
  let [min, max] = ends;
  if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min];
  return { ...(min !== undefined ? { minPriceFen: min } : {}), ...(max !== undefined ? { maxPriceFen: max } : {}) };
}

/** 5000 → "50", 1250 → "12.5", 1205 → "12.05" */
const yuanText = (fen: number) => yuan(fen).replace(/\.00$/, '').replace(/(\.\d)0$/, '$1');

/** The filter tab's label for a range: "¥50-200", "¥50以上", "¥200以下"; '' for no range. */
export function rangeLabel(range: PriceRange): string {
  const { minPriceFen: min, maxPriceFen: max } = range;
  if (min !== undefined && max !== undefined) return `¥${yuanText(min)}-${yuanText(max)}`;
  if (min !== undefined) return `¥${yuanText(min)}以上`;
  if (max !== undefined) return `¥${yuanText(max)}以下`;
  return '';
}

/** The range back in the fields, as the shopper would type it. */
export const rangeFields = (range: PriceRange) => ({
  minText: range.minPriceFen !== undefined ? yuanText(range.minPriceFen) : '',
  maxText: range.maxPriceFen !== undefined ? yuanText(range.maxPriceFen) : '',
});

/** A suggestion: the title with the typed part picked out. */
export interface Suggestion {
  word: string;
  head: string;
  hit: string;
  tail: string;
}

/** Suggestions from the titles that match, each once, the typed part found case-insensitively. */
export function suggestions(titles: readonly string[], keyword: string): Suggestion[] {
  const typed = cleanKeyword(keyword).toLowerCase();
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const word of titles) {
    if (seen.has(word) || out.length === SUGGESTION_COUNT) continue;
    seen.add(word);
    const at = typed ? word.toLowerCase().indexOf(typed) : -1;
    out.push(at < 0 ? { word, head: word, hit: '', tail: '' } : { word, head: word.slice(0, at), hit: word.slice(at, at + typed.length), tail: word.slice(at + typed.length) });
  }
  return out;
}
