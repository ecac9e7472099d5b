import type { CouponRule, StaffCouponTemplate } from '../../../../typings/contract/coupons';
import type { CouponTemplateInput } from '../../../services/marketing-admin';
import { formatYuan } from '../../../utils/money';
import { parseCount, parseYuan } from '../../utils/form';
import type { PickedProduct } from '../../components/product-picker/index';

/** The coupon template form: what staff type, checked and turned into createCouponTemplate's input. Pure. */
export type FormKind = 'no_threshold' | 'threshold' | 'discount' | 'related';
export type Eligibility = 'anyone' | 'reservers' | 'viewers' | 'group_join' | 'system';

export interface CouponForm {
  title: string;
  kind: FormKind;
  /** yuan */
  value: string;
  /** yuan */
  threshold: string;
  percentOff: string;
  /** yuan */
  cap: string;
  totalStock: string;
  perUserLimit: string;
  validDays: string;
  liveId: string;
  eligibility: Eligibility;
  stackable: boolean;
  /** related: bought before (any of them) */
  relatedProducts: PickedProduct[];
  /** what it takes off: these products only (none: the whole shop; related: required) */
  scopeProducts: PickedProduct[];
}

export const emptyForm = (): CouponForm => ({
  title: '',
  kind: 'no_threshold',
  value: '',
  threshold: '',
  percentOff: '',
  cap: '',
  totalStock: '100',
  perUserLimit: '1',
  validDays: '7',
  liveId: '',
  eligibility: 'anyone',
  stackable: false,
  relatedProducts: [],
  scopeProducts: [],
});

export const KIND_OPTIONS: Array<{ kind: FormKind; label: string }> = [
  { kind: 'no_threshold', label: '无门槛' },
  { kind: 'threshold', label: '满减' },
  { kind: 'discount', label: '折扣' },
  { kind: 'related', label: '回购券' },
];

export const ELIGIBILITY_OPTIONS: Array<{ eligibility: Eligibility; label: string }> = [
  { eligibility: 'anyone', label: '所有人' },
  { eligibility: 'reservers', label: '预约用户' },
  { eligibility: 'viewers', label: '观看用户' },
  { eligibility: 'group_join', label: '进群用户' },
  { eligibility: 'system', label: '仅系统发放' },
];

export type FormResult = { ok: true; input: CouponTemplateInput } | { ok: false; field: keyof CouponForm; message: string };

const fail = (field: keyof CouponForm, message: string): FormResult => ({ ok: false, field, message });

export function templateInput(f: CouponForm): FormResult {
  const title = f.title.trim();
  if (!title || title.length > 40) return fail('title', '请填写券名称（最多 40 字）');
  const input: CouponTemplateInput = { title, kind: f.kind, totalStock: 0, perUserLimit: 0 };
  if (f.kind === 'no_threshold' || f.kind === 'threshold') {
    const value = parseYuan(f.value);
    if (value === null || value <= 0) return fail('value', '请填写减免金额（元）');
    input.valueFen = value;
    if (f.kind === 'threshold') {
      const threshold = parseYuan(f.threshold);
      if (threshold === null || threshold <= 0) return fail('threshold', '请填写使用门槛（元）');
      if (value >= threshold) return fail('value', '减免金额要小于门槛');
      input.thresholdFen = threshold;
    }
  } else {
    if (f.kind === 'related' && !f.relatedProducts.length) return fail('relatedProducts', '请选择买过哪些商品的顾客可用');
    if (f.kind === 'related' && !f.scopeProducts.length) return fail('scopeProducts', '请选择这张券用于哪些商品');
    const percentOff = parseCount(f.percentOff, 1, 99);
    if (percentOff === null) return fail('percentOff', '请填写 1–99 的折扣力度（8 折填 20）');
    input.percentOff = percentOff;
    if (f.cap.trim()) {
      const cap = parseYuan(f.cap);
      if (cap === null || cap <= 0) return fail('cap', '最多优惠金额要大于 0');
      input.capFen = cap;
    }
    if (f.threshold.trim()) {
      const threshold = parseYuan(f.threshold);
      if (threshold === null || threshold <= 0) return fail('threshold', '门槛要大于 0');
      input.thresholdFen = threshold;
    }
  }
  const totalStock = parseCount(f.totalStock, 1, 10_000_000);
  if (totalStock === null) return fail('totalStock', '发行量为 1–10000000');
  const perUserLimit = parseCount(f.perUserLimit, 1, 100);
  if (perUserLimit === null) return fail('perUserLimit', '每人限领 1–100 张');
  const validDays = parseCount(f.validDays, 1, 366);
  if (validDays === null) return fail('validDays', '领取后有效 1–366 天');
  input.totalStock = totalStock;
  input.perUserLimit = perUserLimit;
  input.validDays = validDays;
  if ((f.eligibility === 'reservers' || f.eligibility === 'viewers' || f.eligibility === 'group_join') && !f.liveId) return fail('liveId', '请选择这张券属于哪场直播');
  if (f.kind === 'related') input.relatedProductIds = f.relatedProducts.map((p) => p.productId);
  if (f.scopeProducts.length) input.scope = { productIds: f.scopeProducts.map((p) => p.productId) };
  if (f.liveId) input.liveId = f.liveId;
  if (f.eligibility !== 'anyone') input.eligibility = f.eligibility;
  if (f.stackable) input.stackable = true;
  return { ok: true, input };
}

/** A listed template's rule as one line. */
export function ruleSummary(rule: CouponRule): string {
  switch (rule.kind) {
    case 'no_threshold':
      return `${formatYuan(rule.valueFen)} 无门槛`;
    case 'threshold':
      return rule.tiers.map((t) => `满 ${formatYuan(t.thresholdFen)} 减 ${formatYuan(t.valueFen)}`).join('，');
    default: {
      const text = `${(100 - rule.percentOff) / 10} 折`;
      const capped = rule.capFen ? `${text}，最多减 ${formatYuan(rule.capFen)}` : text;
      return rule.kind === 'related' ? `回购券 ${capped}` : capped;
    }
  }
}

export interface TemplateRow {
  templateId: string;
  title: string;
  summary: string;
  claimText: string;
  stopped: boolean;
}

/** A template in the list: its rule, how many of its stock are out, and whether claims stopped. */
export const templateRow = (t: StaffCouponTemplate): TemplateRow => ({
  templateId: t.templateId,
  title: t.title,
  summary: `${ruleSummary(t.rule)} · 已发 ${t.issued}/${t.totalStock}${t.stoppedAt !== null ? ' · 已停发' : ''}`,
  claimText: `每人限领 ${t.perUserLimit} 张 · ${t.claimEnd === null ? '领取不限时' : `${shanghaiDayOf(t.claimEnd)} 截止领取`}`,
  stopped: t.stoppedAt !== null,
});

/** The server names a field of its input; the form's field that holds it. */
export function formFieldOf(serverField: string | undefined): keyof CouponForm | null {
  const map: Record<string, keyof CouponForm> = {
    title: 'title',
    valueFen: 'value',
    thresholdFen: 'threshold',
    percentOff: 'percentOff',
    capFen: 'cap',
    totalStock: 'totalStock',
    perUserLimit: 'perUserLimit',
    validDays: 'validDays',
    liveId: 'liveId',
    eligibility: 'eligibility',
    relatedProductIds: 'relatedProducts',
    scope: 'scopeProducts',
  };
  return serverField ? map[serverField.split('.')[0]] ?? null : null;
}

/** The edit form of a template that exists: only what may change after claims. */
export interface EditForm {
  templateId: string;
  title: string;
  totalStock: string;
  perUserLimit: string;
  /** Shanghai day claiming ends (at its end), '' for no end */
  claimEndDay: string;
  /** the day it ended on when the form opened: an unchanged end is not sent again */
  claimEndDayWas: string;
  issued: number;
}

export type EditResult =
  | { ok: true; input: { templateId: string; title: string; totalStock: number; perUserLimit: number; claimEnd?: number | null } }
  | { ok: false; field: keyof EditForm; message: string };

/** The end of a Shanghai day (YYYY-MM-DD) in epoch ms, the day given as the day claiming ends. */
export const shanghaiDayEnd = (day: string): number => Date.parse(`${day}T23:59:59+08:00`);

export const shanghaiDayOf = (ms: number): string => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

export const editFormOf = (t: StaffCouponTemplate): EditForm => ({
  templateId: t.templateId,
  title: t.title,
  totalStock: String(t.totalStock),
  perUserLimit: String(t.perUserLimit),
  claimEndDay: t.claimEnd === null ? '' : shanghaiDayOf(t.claimEnd),
  claimEndDayWas: t.claimEnd === null ? '' : shanghaiDayOf(t.claimEnd),
  issued: t.issued,
});

export function editInput(f: EditForm): EditResult {
  const title = f.title.trim();
  if (!title || title.length > 40) return { ok: false, field: 'title', message: '请填写券名称（最多 40 字）' };
  const totalStock = parseCount(f.totalStock, 1, 10_000_000);
  if (totalStock === null) return { ok: false, field: 'totalStock', message: '发行量为 1–10000000' };
  if (totalStock < f.issued) return { ok: false, field: 'totalStock', message: `已发出 ${f.issued} 张，发行量不能更少` };
  const perUserLimit = parseCount(f.perUserLimit, 1, 100);
  if (perUserLimit === null) return { ok: false, field: 'perUserLimit', message: '每人限领 1–100 张' };
  const input: Extract<EditResult, { ok: true }>['input'] = { templateId: f.templateId, title, totalStock, perUserLimit };
  if (f.claimEndDay !== f.claimEndDayWas) input.claimEnd = f.claimEndDay ? shanghaiDayEnd(f.claimEndDay) : null;
  return { ok: true, input };
}
