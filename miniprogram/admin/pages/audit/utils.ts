import type { AuditEntry } from '../../../../typings/contract/index';
import { formatDateTime } from '../../../utils/time';
import { entityText, ROLE_TEXT, shortOpenid } from '../../utils/labels';

/** Audit entries as the trail lists them. Pure. */
export interface AuditRow {
  _id: string;
  timeText: string;
  actor: string;
  roleText: string;
  actionText: string;
  entityText: string;
  /** the fields that differ between before and after, e.g. "priceFen: 16900 → 15900" */
  changes: string[];
  beforeText: string;
  afterText: string;
  /** shown when the call was interrupted and only the request is known */
  outcomeText: string;
  open: boolean;
}

const show = (v: unknown): string => (v === undefined ? '—' : JSON.stringify(v));

/** The top-level fields that changed (added, removed or different), in a stable order. */
export function changedFields(before: unknown, after: unknown): string[] {
  const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
  const a = obj(before);
  const b = obj(after);
  if (!a || !b) return JSON.stringify(before) === JSON.stringify(after) ? [] : [`${show(before)} → ${show(after)}`];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => `${k}: ${show(a[k])} → ${show(b[k])}`);
}

export const auditRow = (e: AuditEntry): AuditRow => ({
  _id: e._id,
  timeText: formatDateTime(e.createdAt),
  actor: shortOpenid(e.actor),
  roleText: e.role ? ROLE_TEXT[e.role] : '',
  actionText: `${e.fn}.${e.action}`,
  entityText: `${entityText(e.entity)} ${e.entityId}`,
  changes: changedFields(e.before, e.after),
  beforeText: JSON.stringify(e.before ?? null, null, 2),
  afterText: JSON.stringify(e.after ?? null, null, 2),
  outcomeText: e.outcome === 'unknown' ? `结果未确认：操作中途中断，修改前后未知。请求内容 ${JSON.stringify(e.input ?? null)}` : '',
  open: false,
});
