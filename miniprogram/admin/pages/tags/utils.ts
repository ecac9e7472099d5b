import type { BooleanFact, CompareOp, NumberFact, RuleExpr, TagRule } from '../../../../typings/contract/index';
import { formatDateTime } from '../../../utils/time';

/**
 * Rules as staff build them: a list of conditions joined by AND or OR. The facts and operators
 * are the contract's (typings/contract/crm.ts), listed here because the mini program imports types
 * only; the Record types make the compiler check the lists are whole.
 */
export const NUMBER_FACT_LABEL: Record<NumberFact, string> = {
  watch_minutes: '观看分钟数（30 天）',
  lives_watched: '观看直播场次',
  card_taps: '点商品卡次数',
  comments: '评论次数',
  keyword_hits: '关键词评论次数',
  add_to_cart: '加购次数',
  consult_taps: '咨询次数',
  interactions: '互动次数',
  cart_lines: '购物车商品数',
  cart_unpaid_hours: '加购未付款小时数',
  paid_orders: '已付款订单数',
  days_since_last_paid: '距上次付款天数',
  reservations: '预约次数',
};

export const BOOLEAN_FACT_LABEL: Record<BooleanFact, string> = { cart_unpaid: '购物车有未付款商品' };

export const OP_LABEL: Record<CompareOp, string> = { gte: '≥', gt: '>', lte: '≤', lt: '<', eq: '=', ne: '≠' };

export interface FactOption {
  fact: NumberFact | BooleanFact;
  label: string;
  boolean: boolean;
}

export const FACTS: FactOption[] = [
  ...(Object.keys(NUMBER_FACT_LABEL) as NumberFact[]).map((fact) => ({ fact, label: NUMBER_FACT_LABEL[fact], boolean: false })),
  ...(Object.keys(BOOLEAN_FACT_LABEL) as BooleanFact[]).map((fact) => ({ fact, label: BOOLEAN_FACT_LABEL[fact], boolean: true })),
];

export const OPS = (Object.keys(OP_LABEL) as CompareOp[]).map((op) => ({ op, label: OP_LABEL[op] }));

export interface Condition {
  factIndex: number;
  op: CompareOp;
  /** a number, or 'true' / 'false' for a yes/no fact */
  value: string;
}

export const newCondition = (): Condition => ({ factIndex: 0, op: 'gte', value: '' });

export function conditionExpr(c: Condition): RuleExpr | null {
  const fact = FACTS[c.factIndex];
  if (!fact) return null;
  if (fact.boolean) return { op: 'is', fact: fact.fact as BooleanFact, value: c.value !== 'false' };
  const t = c.value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return { op: c.op, fact: fact.fact as NumberFact, value: Number(t) };
}

/** One condition stands alone; several are joined by `all` (AND) or `any` (OR). */
export function buildExpr(conditions: Condition[], join: 'all' | 'any'): { ok: true; expr: RuleExpr } | { ok: false; index: number; message: string } {
  if (!conditions.length) return { ok: false, index: -1, message: '至少要有一个条件' };
  const exprs: RuleExpr[] = [];
  for (const [index, c] of conditions.entries()) {
    const e = conditionExpr(c);
    if (!e) return { ok: false, index, message: `第 ${index + 1} 个条件：请填写数字` };
    exprs.push(e);
  }
  return { ok: true, expr: exprs.length === 1 ? exprs[0] : { op: join, of: exprs } };
}

export const TAG_KEY = /^[a-z][a-z0-9_]{0,31}$/;

export interface RuleRow {
  ruleId: string;
  tag: string;
  label: string;
  text: string;
  detail: string;
  enabled: boolean;
  taggedUsers: number;
}

export const ruleRow = (r: TagRule): RuleRow => ({
  ruleId: r.ruleId,
  tag: r.tag,
  label: r.label,
  text: r.text,
  detail: `有效 ${r.ttlDays} 天${r.removeWhenFalse ? ' · 不满足即移除' : ''} · 更新于 ${formatDateTime(r.updatedAt)}`,
  enabled: r.enabled,
  taggedUsers: r.taggedUsers,
});
