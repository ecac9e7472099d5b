import type { LiveState } from '../../typings/contract/index';
import { formatYuan } from './money';
import { clockTime, formatStart } from './time';

/**
 * How a live card's price reads at each stage of its live: the live price while it is on; before
 * it, the live price with when it starts applying (the product still sells at its regular price);
 * after it, the regular price alone.
 */

/** "20:00 开播后生效" today, "明天 20:00 开播后生效" on another day. */
export function liveStartsText(startAt: number, now: number): string {
  const today = formatStart(startAt, now).startsWith('今天');
  return `${today ? clockTime(startAt) : formatStart(startAt, now)} 开播后生效`;
}

/** "直播价 ¥129 · 20:00 开播后生效": the line a product page shows when landing from a card before its live. */
export function upcomingPriceText(livePriceFen: number, startAt: number, now: number): string {
  return `直播价 ${formatYuan(livePriceFen).replace(/\.00$/, '')} · ${liveStartsText(startAt, now)}`;
}

export interface CardPriceView {
  priceFen: number;
  /** struck through when above `priceFen`; 0 for none */
  originalFen: number;
  /** "直播价", or '' once the live is over */
  label: string;
  /** when the live price starts applying, before the live; else '' */
  note: string;
}

export function cardPrice(state: LiveState, card: { livePriceFen: number; priceFen: number }, startAt: number, now: number): CardPriceView {
  if (state === 'ended') return { priceFen: card.priceFen, originalFen: 0, label: '', note: '' };
  return {
    priceFen: card.livePriceFen,
    originalFen: card.priceFen,
    label: '直播价',
    note: state === 'scheduled' ? liveStartsText(startAt, now) : '',
  };
}
