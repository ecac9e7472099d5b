import type { Broadcast, CouponRule, LiveCardView, LiveRaffleItem, LiveState, RaffleKind } from '../../../../typings/contract/index';
import { cardPrice } from '../../../utils/live-price';
import { formatYuan } from '../../../utils/money';
import { formatStart } from '../../../utils/time';

/**
 * The companion room's display rules, as pure functions of the data and a time (the server's
 * clock as the page estimates it).
 */

/** Low stock: at most 10 % of the stock the live began with, or at most 20 left. */
export const LOW_STOCK_PERCENT = 10;
export const LOW_STOCK_LEFT = 20;

export interface StockView {
  /** 0–100, for the bar's width */
  percent: number;
  low: boolean;
  soldOut: boolean;
  text: string;
}

export function stockView(stock: number, initialStock: number): StockView {
  const left = Math.max(0, stock);
  const base = Math.max(initialStock, left);
  const percent = base > 0 ? Math.min(100, Math.round((left * 100) / base)) : 0;
  if (left === 0) return { percent: 0, low: false, soldOut: true, text: '已抢光' };
  const low = left <= LOW_STOCK_LEFT || left * 100 <= base * LOW_STOCK_PERCENT;
  return { percent, low, soldOut: false, text: low ? `仅剩 ${left} 件，手慢无` : `剩余 ${left} 件` };
}

/** "back in mm:ss" (or "h:mm:ss" from an hour); '' when there is no re-run ahead. */
export function rerunText(rerunAt: number | null, now: number): string {
  if (rerunAt === null || rerunAt <= now) return '';
  const total = Math.ceil((rerunAt - now) / 1000);
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** How long after its re-run time a card still says it is back. */
export const RERUN_BACK_MS = 10 * 60_000;

/**
 * A card's re-run line: "mm:ss 后返场" ahead of it; "已返场" for a while after it (or, when the
 * stock has not come back yet, that it is being restocked); '' otherwise.
 */
export function rerunLabel(rerunAt: number | null, now: number, soldOut: boolean): string {
  if (rerunAt === null) return '';
  if (rerunAt > now) return `${rerunText(rerunAt, now)} 后返场`;
  if (now - rerunAt >= RERUN_BACK_MS) return '';
  return soldOut ? '补货中，稍后再来' : '已返场';
}

export const ROLE_TEXT: Record<'traffic' | 'trust', string> = { traffic: '引流款', trust: '信任款' };

export interface RoomCardView {
  cardId: string;
  productId: string;
  title: string;
  image: string;
  priceFen: number;
  /** struck through; 0 for none */
  originalFen: number;
  /** "直播价", '' after the live */
  priceLabel: string;
  /** before the live: when the live price starts */
  priceNote: string;
  stock: StockView;
  rerunAt: number | null;
  /** the re-run line (rerunLabel); '' when none */
  rerun: string;
  consult: boolean;
}

/** A card as the room shows it at its live's stage (`live`: the live's state and start). */
export function roomCardView(card: LiveCardView, image: string, live: { state: LiveState; startAt: number }, now: number): RoomCardView {
  const price = cardPrice(live.state, card, live.startAt, now);
  const stock = stockView(card.stock, card.initialStock);
  return {
    cardId: card.cardId,
    productId: card.productId,
    title: card.title,
    image,
    priceFen: price.priceFen,
    originalFen: price.originalFen,
    priceLabel: price.label,
    priceNote: price.note,
    stock,
    rerunAt: card.rerunAt,
    rerun: rerunLabel(card.rerunAt, now, stock.soldOut),
    consult: card.consult,
  };
}

/** The cards' patch: by index when the same cards are in the same order, so only changed cards travel. */
export function cardsPatch(current: RoomCardView[], next: RoomCardView[]): Record<string, unknown> {
  const same = current.length === next.length && current.every((c, i) => c.cardId === next[i].cardId);
  if (!same) return { cards: next };
  const patch: Record<string, unknown> = {};
  next.forEach((card, i) => {
    if (JSON.stringify(card) !== JSON.stringify(current[i])) patch[`cards[${i}]`] = card;
  });
  return patch;
}

/**
 * The cards' re-run lines at `now`, as a patch of the lines that changed (`cards[i].rerun`), and
 * whether a re-run came due since `lastTick`: such a card says it is back and its stock is to be
 * read again at once (the stock shown is from before the re-run; the read corrects the line if
 * none came back).
 */
export function rerunPatch(cards: RoomCardView[], now: number, lastTick: number): { patch: Record<string, string>; due: boolean } {
  const patch: Record<string, string> = {};
  let due = false;
  cards.forEach((card, i) => {
    if (card.rerunAt === null) return;
    const cameDue = card.rerunAt <= now && card.rerunAt > lastTick;
    const text = cameDue ? rerunLabel(card.rerunAt, now, false) : rerunLabel(card.rerunAt, now, card.stock.soldOut);
    if (cameDue) due = true;
    if (text === card.rerun) return;
    patch[`cards[${i}].rerun`] = text;
  });
  return { patch, due };
}

/**
 * What a raffle asks of the viewer, from what they have done: a reserver is told only the fan
 * group is missing, an eligible viewer that they may enter.
 */
export function raffleHint(kind: RaffleKind, eligible: boolean, reserved: boolean, liveState: LiveState): string {
  if (kind === 'reservation') {
    if (eligible) return '你已预约，可参与抽奖';
    if (reserved) return '仅限开播前预约的用户参与';
    return liveState === 'scheduled' ? '预约直播即可参与' : '仅限开播前预约的用户参与';
  }
  if (eligible) return '你已加入粉丝群，可参与抽奖';
  return reserved ? '你已预约，还差加入粉丝群即可参与' : '加入粉丝群即可参与';
}

export interface RaffleView {
  raffleId: string;
  title: string;
  prize: string;
  drawText: string;
  entryCount: number;
  entered: boolean;
  open: boolean;
  eligible: boolean;
  /** what is left for the viewer to enter, or that they may */
  hint: string;
}

/** A live raffle as the room lists it, for a viewer who has (`reserved`) or has not reserved the live. */
export function raffleView(r: LiveRaffleItem, now: number, reserved: boolean, liveState: LiveState): RaffleView {
  return {
    raffleId: r.raffleId,
    title: r.title,
    prize: r.prizes.map((p) => `${p.title}×${p.stock}`).join('、'),
    drawText: r.nextDrawAt ? `${formatStart(r.nextDrawAt, now)} 开奖` : r.state === 'drawn' ? '已开奖' : '',
    entryCount: r.entryCount,
    entered: r.entered,
    open: r.state === 'open',
    eligible: r.eligible,
    hint: r.entered || r.state !== 'open' ? '' : raffleHint(r.kind, r.eligible, reserved, liveState),
  };
}

/** The broadcast to show: the newest one still showing that the viewer has not closed. */
export function currentBroadcast(items: Broadcast[], now: number, dismissed: ReadonlySet<string>): Broadcast | null {
  let best: Broadcast | null = null;
  for (const b of items) {
    if (b.expiresAt <= now || dismissed.has(b._id)) continue;
    if (!best || b.createdAt > best.createdAt) best = b;
  }
  return best;
}

export const BROADCAST_LABEL: Record<Broadcast['kind'], string> = {
  stock_warning: '库存告急',
  rerun: '即将返场',
  coupon_drop: '发券啦',
  notice: '直播间公告',
};

export interface BannerView {
  id: string;
  kind: Broadcast['kind'];
  label: string;
  text: string;
  /** the card a stock warning or re-run is about, '' for none */
  cardId: string;
  /** the coupon a coupon drop hands out, '' for none */
  couponTemplateId: string;
}

export const bannerView = (b: Broadcast | null): BannerView | null =>
  b ? { id: b._id, kind: b.kind, label: BROADCAST_LABEL[b.kind], text: b.text, cardId: b.cardId ?? '', couponTemplateId: b.couponTemplateId ?? '' } : null;

/** 8.5折 from 15 % off. */
const discountText = (percentOff: number) => `${(100 - percentOff) / 10}折`;

/** A coupon's value in a few characters: "¥50 无门槛", "满199减30", "8.5折". */
export function couponValueText(rule: CouponRule): string {
  switch (rule.kind) {
    case 'no_threshold':
      return `${formatYuan(rule.valueFen)} 无门槛`;
    case 'threshold': {
      const tier = rule.tiers[0];
      const short = (fen: number) => formatYuan(fen).replace(/^¥/, '').replace(/\.00$/, '');
      return tier ? `满${short(tier.thresholdFen)}减${short(tier.valueFen)}` : '';
    }
    case 'discount':
      return discountText(rule.percentOff);
    case 'related':
      return `回购 ${discountText(rule.percentOff)}`;
    default:
      return '';
  }
}

/** Question statuses as the viewer reads them. */
export const QUESTION_STATUS_TEXT = { open: '待回答', picked: '主播已看到', answered: '已回答' } as const;
