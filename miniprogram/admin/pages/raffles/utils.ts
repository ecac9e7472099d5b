import type { LiveListItem, RaffleSlot, StaffPrize, StaffRaffle } from '../../../../typings/contract/index';
import type { RaffleInput } from '../../../services/marketing-admin';
import { formatDateTime } from '../../../utils/time';
import type { PickedProduct } from '../../components/product-picker/index';
import { parseCount } from '../../utils/form';
import { MAX_UNITS_PER_DRAW } from '../../../utils/generated/limits';

/** Raffle rows for staff and the create form's input. Pure. */
const KIND_TEXT: Record<StaffRaffle['kind'], string> = { reservation: '预约抽奖', group_join: '进群抽奖' };
const STATE_TEXT: Record<StaffRaffle['state'], string> = { open: '进行中', closed: '待开奖', drawn: '已开奖' };
const SLOT_TEXT: Record<RaffleSlot['state'], string> = { open: '报名中', closed: '待开奖', drawing: '开奖中', drawn: '已开奖' };
const PRIZE_STATUS_TEXT: Record<StaffPrize['status'], string> = {
  pending: '发放中',
  granted: '已发放',
  awaiting_address: '待填地址',
  ordered: '已下单',
  failed: '发放失败',
  forfeited: '已作废',
};

export interface SlotRow {
  slot: number;
  drawText: string;
  state: RaffleSlot['state'];
  stateText: string;
  entryCount: number;
  winnerCount: number;
}

export interface RaffleRow {
  raffleId: string;
  title: string;
  kindText: string;
  stateText: string;
  prizesText: string;
  /** a draw is still to run */
  drawable: boolean;
  slots: SlotRow[];
}

export const slotRow = (s: RaffleSlot): SlotRow => ({
  slot: s.slot,
  drawText: formatDateTime(s.drawAt),
  state: s.state,
  stateText: SLOT_TEXT[s.state],
  entryCount: s.entryCount,
  winnerCount: s.winners.length,
});

export const raffleRow = (r: StaffRaffle): RaffleRow => ({
  raffleId: r.raffleId,
  title: r.title,
  kindText: KIND_TEXT[r.kind],
  stateText: STATE_TEXT[r.state],
  prizesText: r.prizes.map((p) => `${p.title} ×${p.stock}`).join('、'),
  drawable: r.slots.some((s) => s.state !== 'drawn'),
  slots: r.slots.map(slotRow),
});

export interface PrizeRow {
  prizeId: string;
  text: string;
  statusText: string;
}

export const prizeRow = (p: StaffPrize): PrizeRow => ({
  prizeId: p.prizeId,
  text: `第 ${p.slot} 轮 · ${p.title} · ${p.nickname}`,
  statusText: PRIZE_STATUS_TEXT[p.status] + (p.reason ? `（${p.reason}）` : ''),
});

export type DrawKind = 'once' | 'every';
export type PrizeKindChoice = 'points' | 'coupon' | 'goods';

export interface RaffleForm {
  liveId: string;
  kind: StaffRaffle['kind'];
  title: string;
  drawType: DrawKind;
  /** once: minutes after the live starts */
  afterMinutes: string;
  /** every: the interval */
  everyMinutes: 15 | 30 | 60 | 120 | 240;
  prizeKind: PrizeKindChoice;
  prizeTitle: string;
  prizeStock: string;
  points: string;
  templateId: string;
  /** goods: the product picked, and which of its SKUs is sent */
  goods: PickedProduct[];
  skuId: string;
}

export const emptyRaffleForm = (liveId = ''): RaffleForm => ({
  liveId,
  kind: 'reservation',
  title: '',
  drawType: 'once',
  afterMinutes: '15',
  everyMinutes: 60,
  prizeKind: 'points',
  prizeTitle: '',
  prizeStock: '3',
  points: '100',
  templateId: '',
  goods: [],
  skuId: '',
});

export function raffleInput(f: RaffleForm, lives: Array<Pick<LiveListItem, '_id' | 'startAt'>>): { ok: true; input: RaffleInput } | { ok: false; message: string } {
  const live = lives.find((l) => l._id === f.liveId);
  if (!live) return { ok: false, message: '请选择直播' };
  const title = f.title.trim();
  if (!title) return { ok: false, message: '请填写抽奖名称' };
  let draw: RaffleInput['draw'];
  if (f.drawType === 'once') {
    const after = parseCount(f.afterMinutes, 0, 24 * 60);
    if (after === null) return { ok: false, message: '开奖时间为开播后 0–1440 分钟' };
    draw = { type: 'once', at: live.startAt + after * 60_000 };
  } else {
    draw = { type: 'every', minutes: f.everyMinutes };
  }
  const stock = parseCount(f.prizeStock, 1, MAX_UNITS_PER_DRAW);
  if (stock === null) return { ok: false, message: `每轮奖品数为 1–${MAX_UNITS_PER_DRAW}` };
  // a goods prize is named after its product once picked
  if (f.prizeKind === 'goods' && !f.goods.length) return { ok: false, message: '请选择奖品商品' };
  const prizeTitle = f.prizeTitle.trim();
  if (!prizeTitle) return { ok: false, message: '请填写奖品名称' };
  let prize: RaffleInput['prizes'][number];
  if (f.prizeKind === 'points') {
    const points = parseCount(f.points, 1, 100_000);
    if (points === null) return { ok: false, message: '积分为 1–100000' };
    prize = { kind: 'points', title: prizeTitle, stock, points };
  } else if (f.prizeKind === 'goods') {
    const sku = f.goods[0]?.skus?.find((k) => k.skuId === f.skuId);
    if (!sku) return { ok: false, message: '请选择奖品规格' };
    if (sku.stock < stock) return { ok: false, message: `这个规格只有 ${sku.stock} 件库存，少于每轮份数` };
    prize = { kind: 'goods', title: prizeTitle, stock, skuId: sku.skuId };
  } else {
    const templateId = f.templateId.trim();
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(templateId)) return { ok: false, message: '请选择优惠券' };
    prize = { kind: 'coupon', title: prizeTitle, stock, couponTemplateId: templateId };
  }
  return { ok: true, input: { liveId: live._id, kind: f.kind, title, draw, prizes: [prize] } };
}
