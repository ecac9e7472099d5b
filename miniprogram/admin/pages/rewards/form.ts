import type { InputFor, StaffReward } from '../../../../typings/contract/index';
import { parseCount } from '../../utils/form';

/** The rewards screen as pure functions: a row, what an edit sends, what a new reward sends. */

export interface RewardRow {
  rewardId: string;
  title: string;
  gives: string;
  pointsCost: number;
  costText: string;
  stockText: string;
  status: 'on' | 'off';
  statusText: string;
}

export const rewardRow = (r: StaffReward): RewardRow => ({
  rewardId: r.rewardId,
  title: r.title,
  gives: r.gives,
  pointsCost: r.pointsCost,
  costText: `${r.pointsCost} 积分`,
  stockText: `库存 ${r.stock} · 已兑 ${r.redeemed}`,
  status: r.status,
  statusText: r.status === 'on' ? '兑换中' : '已停兑',
});

export interface EditForm {
  rewardId: string;
  title: string;
  pointsCost: string;
  /** a signed amount to add to the stock ('' for none) */
  stockAdd: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function editRequest(f: EditForm): Checked<InputFor<'admin', 'updateReward'>> {
  const title = f.title.trim();
  if (!title || title.length > 40) return { ok: false, message: '名称 1–40 个字' };
  const pointsCost = parseCount(f.pointsCost, 1, 10_000_000);
  if (pointsCost === null) return { ok: false, message: '所需积分请填 1 以上的整数' };
  let stock: { mode: 'add'; quantity: number } | undefined;
  if (f.stockAdd.trim()) {
    const quantity = parseCount(f.stockAdd, -1_000_000, 1_000_000);
    if (quantity === null || quantity === 0) return { ok: false, message: '库存增减请填整数，如 50 或 -10' };
    stock = { mode: 'add', quantity };
  }
  return { ok: true, value: { rewardId: f.rewardId, title, pointsCost, ...(stock ? { stock } : {}) } };
}

export type NewKind = 'coupon' | 'privilege';

export interface NewForm {
  kind: NewKind;
  title: string;
  pointsCost: string;
  stock: string;
  templateId: string;
  privilegeDays: string;
}

export const emptyNewForm = (): NewForm => ({ kind: 'coupon', title: '', pointsCost: '', stock: '100', templateId: '', privilegeDays: '30' });

export function createRequest(f: NewForm): Checked<InputFor<'admin', 'createReward'>> {
  const title = f.title.trim();
  if (!title || title.length > 40) return { ok: false, message: '名称 1–40 个字' };
  const pointsCost = parseCount(f.pointsCost, 1, 10_000_000);
  if (pointsCost === null) return { ok: false, message: '所需积分请填 1 以上的整数' };
  const stock = parseCount(f.stock, 0, 1_000_000);
  if (stock === null) return { ok: false, message: '库存请填 0 或正整数' };
  if (f.kind === 'coupon') {
    if (!f.templateId) return { ok: false, message: '请选择兑换的优惠券' };
    return { ok: true, value: { title, kind: 'coupon', pointsCost, stock, couponTemplateId: f.templateId } };
  }
  const days = parseCount(f.privilegeDays, 1, 366);
  if (days === null) return { ok: false, message: '有效天数 1–366' };
  return { ok: true, value: { title, kind: 'privilege', pointsCost, stock, privilege: 'live_priority', privilegeDays: days } };
}
