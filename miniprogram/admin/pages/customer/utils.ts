import type { CustomerProfile, CustomerTag } from '../../../../typings/contract/index';
import { formatYuan } from '../../../utils/money';
import { formatDateTime } from '../../../utils/time';
import { ORDER_STATUS_TEXT, OUTBOX_REASON_TEXT, OUTBOX_STATUS_TEXT } from '../../utils/labels';

const SOURCE_TEXT: Record<CustomerTag['source'], string> = { rule: '规则', sop: 'SOP', staff: '手动' };

export interface TagChip {
  tag: string;
  label: string;
  sourceText: string;
  /** staff added it: staff may remove it */
  manual: boolean;
  untilText: string;
}

export const tagChips = (tags: CustomerTag[]): TagChip[] =>
  tags.map((t) => ({ tag: t.tag, label: t.label, sourceText: SOURCE_TEXT[t.source], manual: t.source === 'staff', untilText: `${formatDateTime(t.expiresAt).slice(0, 10)} 到期` }));

const day = (ms: number) => formatDateTime(ms).slice(0, 10);

/** The profile as the screen shows it: every amount and time already in words. */
export function profileView(p: CustomerProfile) {
  return {
    head: {
      nickname: p.nickname,
      phone: p.phone ?? '未留手机号',
      tierName: p.tierName,
      joinedText: `${day(p.joinedAt)} 加入`,
      seenText: `最近访问 ${formatDateTime(p.lastSeenAt)}`,
    },
    spend: {
      paid: formatYuan(p.spend.paidFen),
      refunded: formatYuan(p.spend.refundedFen),
      net: formatYuan(p.spend.netFen),
      orders: p.paidOrders,
    },
    points: p.points,
    tags: tagChips(p.tags),
    orders: p.orders.map((o) => ({
      orderId: o.orderId,
      title: o.title,
      statusText: ORDER_STATUS_TEXT[o.status] ?? o.status,
      amountText: o.refundedFen ? `${formatYuan(o.payableFen)}（已退 ${formatYuan(o.refundedFen)}）` : formatYuan(o.payableFen),
      timeText: formatDateTime(o.createdAt),
    })),
    ledger: p.ledger.map((e, i) => ({ key: `${e.createdAt}-${i}`, deltaText: e.delta > 0 ? `+${e.delta}` : String(e.delta), plus: e.delta > 0, label: e.label, timeText: formatDateTime(e.createdAt) })),
    lives: p.lives.map((l) => ({ liveId: l.liveId, title: l.title, text: `${day(l.startAt)} · 观看 ${l.watchMinutes} 分钟 · 点商品 ${l.cardTaps} 次` })),
    referral: p.referral.inviter ? `由 ${p.referral.inviter} 邀请（${day(p.referral.boundAt!)}）` : '自然进店',
    invitees: p.referral.invitees,
    consents: p.consents.map((c) => ({ templateId: c.templateId, title: c.title, credits: c.credits })),
    messages: p.messages.map((m) => ({
      messageId: m.messageId,
      text: `${m.channel === 'sms' ? '短信' : '订阅消息'} · ${m.kind === 'marketing' ? '营销' : '服务'}`,
      statusText: OUTBOX_STATUS_TEXT[m.status as keyof typeof OUTBOX_STATUS_TEXT] ?? m.status,
      reasonText: m.reason ? (OUTBOX_REASON_TEXT[m.reason] ?? m.reason) : '',
      timeText: formatDateTime(m.createdAt),
    })),
  };
}

export type ProfileView = ReturnType<typeof profileView>;

/** What the points form sends, or why it cannot: a whole number 1–100000 and a reason. */
export function parseAdjustment(sign: 1 | -1, amount: string, reason: string, max: number): { ok: true; delta: number; reason: string } | { ok: false; error: string } {
  const text = amount.trim();
  if (!/^\d+$/.test(text) || Number(text) < 1) return { ok: false, error: '请填写积分数（正整数）' };
  if (Number(text) > max) return { ok: false, error: `一次最多调整 ${max} 积分` };
  const why = reason.trim();
  if (!why) return { ok: false, error: '请填写调整原因' };
  return { ok: true, delta: sign * Number(text), reason: why };
}
