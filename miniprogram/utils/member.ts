import { PRIORITY_LEAD_MINUTES } from './generated/limits';
import type { PointsBalance, PointsEntry, PrivilegeKind, Tier } from '../../typings/contract/index';
import { formatYuan } from './money';
import { formatDateTime } from './time';

/** How the member system reads: tiers and their progress, privileges, ledger entries. */

/** "2026-12-31" in China time, for an instant that ends a day (24:00 reads as that day). */
export const dayOf = (endMs: number): string => formatDateTime(endMs - 1).slice(0, 10);

/** Points per yuan from the tier's percent: 100 → "1", 120 → "1.2", 150 → "1.5". */
const rate = (percent: number): string => String(percent / 100);

/** The tier's benefits as short tags, in a fixed order. */
export function tierBenefits(tier: Pick<Tier, 'pointsPercent' | 'memberPrice' | 'priorityAccess'>): string[] {
  const out = [tier.pointsPercent === 100 ? '每消费 1 元得 1 积分' : `积分 ${rate(tier.pointsPercent)} 倍`];
  if (tier.memberPrice) out.push('会员价');
  if (tier.priorityAccess) out.push('直播优先入场');
  return out;
}

export interface TierView {
  tierId: string;
  tierName: string;
  /** 0–100, the bar's width */
  percent: number;
  /** "再消费 ¥336.00 升级为银卡会员" or, at the top, "已是最高等级" */
  progressText: string;
  /** "近 12 个月消费 ¥664.00" */
  spendText: string;
  benefits: string[];
}

export function tierView(b: Pick<PointsBalance, 'tier' | 'nextTier' | 'progress'>): TierView {
  const { spendFen, targetFen, percent } = b.progress;
  const progressText =
    b.nextTier && targetFen !== null ? `再消费 ${formatYuan(Math.max(0, targetFen - spendFen))} 升级为${b.nextTier.name}` : '已是最高等级';
  return {
    tierId: b.tier.id,
    tierName: b.tier.name,
    percent: Math.max(0, Math.min(100, Math.round(percent))),
    progressText,
    spendText: `近 12 个月消费 ${formatYuan(spendFen)}`,
    benefits: tierBenefits(b.tier),
  };
}

/** "120 积分将于 2026-12-31 过期", or '' when nothing expires this year. */
export const expiringText = (expiring: PointsBalance['expiring']): string =>
  expiring && expiring.points > 0 ? `${expiring.points} 积分将于 ${dayOf(expiring.at)} 过期` : '';

/** What each privilege does, for the points store. */
export const PRIVILEGE_EFFECT: Record<PrivilegeKind, string> = {
  live_priority: `开播前 ${PRIORITY_LEAD_MINUTES} 分钟领直播券`,
  new_product_trial: '',
};

export const PRIVILEGE_TEXT: Record<PrivilegeKind, string> = {
  live_priority: '直播优先入场',
  new_product_trial: '新品试用资格',
};

/** "直播优先入场 · 至 2026-12-24" */
export const privilegeText = (p: { kind: PrivilegeKind; until: number }): string => `${PRIVILEGE_TEXT[p.kind]} · 至 ${dayOf(p.until)}`;

export interface LedgerRow {
  _id: string;
  label: string;
  timeText: string;
  /** "+138" / "-500" */
  deltaText: string;
  gain: boolean;
}

export const ledgerRow = (e: PointsEntry): LedgerRow => ({
  _id: e._id,
  label: e.label,
  timeText: formatDateTime(e.createdAt),
  deltaText: e.delta > 0 ? `+${e.delta}` : String(e.delta),
  gain: e.delta > 0,
});
