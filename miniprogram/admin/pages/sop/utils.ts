import type { SopAction, SopRule, SopTrigger, UserEventType } from '../../../../typings/contract/index';
import type { SopRuleInput } from '../../../services/crm-admin';
import { parseCount } from '../../utils/form';

/** SOP rules as staff read and write them. Pure. */
export const EVENT_TEXT: Record<UserEventType, string> = { cart_add: '加购', order_paid: '付款', live_reserved: '预约直播' };

/** Pages a subscribe message may open (the contract's MESSAGE_PAGES). */
export const MESSAGE_PAGES: Array<{ page: 'pages/home/index' | 'pages/cart/index' | 'pages/me/index' | 'pages/live/index'; label: string }> = [
  { page: 'pages/home/index', label: '首页' },
  { page: 'pages/cart/index', label: '购物车' },
  { page: 'pages/me/index', label: '我的' },
  { page: 'pages/live/index', label: '直播' },
];

export function triggerText(t: SopTrigger): string {
  if (t.kind === 'event') return `${EVENT_TEXT[t.event]}时`;
  if (t.kind === 'tag_added') return `打上标签 ${t.tag} 时`;
  const hours = t.minutes % 60 === 0 ? `${t.minutes / 60} 小时` : `${t.minutes} 分钟`;
  return `${EVENT_TEXT[t.event]}后 ${hours}`;
}

export function actionText(a: SopAction): string {
  switch (a.kind) {
    case 'subscribe':
      return `订阅消息「${a.title}」：${a.text}`;
    case 'sms':
      return `短信：${a.text}`;
    case 'grant_coupon':
      return `发券 ${a.templateId}`;
    case 'grant_points':
      return `送 ${a.points} 积分（${a.label}）`;
    case 'add_tag':
      return `打标签 ${a.tag}（${a.ttlDays} 天）`;
    case 'staff_task':
      return `店员跟进：${a.title}`;
  }
}

export interface SopRow {
  ruleId: string;
  name: string;
  triggerText: string;
  conditionText: string;
  actionText: string;
  timingText: string;
  tasksText: string;
  enabled: boolean;
}

export const sopRow = (r: SopRule): SopRow => ({
  ruleId: r.ruleId,
  name: r.name,
  triggerText: triggerText(r.trigger),
  conditionText: r.conditionText ?? '',
  actionText: actionText(r.action),
  timingText: `${r.delayMinutes ? `延迟 ${r.delayMinutes} 分钟 · ` : ''}同一用户 ${r.cooldownHours} 小时内最多一次`,
  tasksText: `待执行 ${r.tasks.pending} · 完成 ${r.tasks.done} · 跳过 ${r.tasks.skipped} · 失败 ${r.tasks.failed}`,
  enabled: r.enabled,
});

/** The same rule with `enabled` changed, as saveSopRule takes it. */
export const toggled = (r: SopRule): SopRuleInput => ({
  ruleId: r.ruleId,
  name: r.name,
  trigger: r.trigger,
  condition: r.condition,
  delayMinutes: r.delayMinutes,
  action: r.action,
  cooldownHours: r.cooldownHours,
  enabled: !r.enabled,
});

export type TriggerKind = SopTrigger['kind'];
export type ActionKind = 'staff_task' | 'subscribe' | 'grant_points' | 'add_tag' | 'sms' | 'grant_coupon';

export interface SopForm {
  name: string;
  triggerKind: TriggerKind;
  event: UserEventType;
  tag: string;
  afterMinutes: string;
  actionKind: ActionKind;
  title: string;
  text: string;
  page: (typeof MESSAGE_PAGES)[number]['page'];
  points: string;
  label: string;
  actionTag: string;
  ttlDays: string;
  templateId: string;
  delayMinutes: string;
  cooldownHours: string;
}

export const emptySopForm = (): SopForm => ({
  name: '',
  triggerKind: 'time_after_event',
  event: 'cart_add',
  tag: '',
  afterMinutes: '1440',
  actionKind: 'staff_task',
  title: '',
  text: '',
  page: 'pages/cart/index',
  points: '50',
  label: '',
  actionTag: '',
  ttlDays: '30',
  templateId: '',
  delayMinutes: '0',
  cooldownHours: '72',
});

const TAG = /^[a-z][a-z0-9_]{0,31}$/;
const within = (s: string, max: number) => s.trim().length >= 1 && s.trim().length <= max;

export function sopInput(f: SopForm): { ok: true; input: SopRuleInput } | { ok: false; message: string } {
  if (!within(f.name, 30)) return { ok: false, message: '请填写规则名称（最多 30 字）' };
  let trigger: SopTrigger;
  if (f.triggerKind === 'event') trigger = { kind: 'event', event: f.event };
  else if (f.triggerKind === 'tag_added') {
    if (!TAG.test(f.tag.trim())) return { ok: false, message: '请填写标签键（小写字母开头）' };
    trigger = { kind: 'tag_added', tag: f.tag.trim() };
  } else {
    const minutes = parseCount(f.afterMinutes, 1, 43_200);
    if (minutes === null) return { ok: false, message: '事件后 1–43200 分钟' };
    trigger = { kind: 'time_after_event', event: f.event, minutes };
  }
  let action: SopAction;
  switch (f.actionKind) {
    case 'staff_task':
      if (!within(f.title, 40)) return { ok: false, message: '请填写跟进任务（最多 40 字）' };
      action = { kind: 'staff_task', title: f.title.trim() };
      break;
    case 'subscribe':
      if (!within(f.title, 20) || !within(f.text, 20)) return { ok: false, message: '订阅消息的标题和内容各 1–20 字' };
      action = { kind: 'subscribe', title: f.title.trim(), text: f.text.trim(), page: f.page };
      break;
    case 'sms':
      // the platform adds the shop's name, the link and 回 T 退订: ours is at most 30 characters
      if (!within(f.text, 30)) return { ok: false, message: '短信内容 1–30 字（签名、链接和退订说明由平台添加）' };
      action = { kind: 'sms', text: f.text.trim() };
      break;
    case 'grant_points': {
      const points = parseCount(f.points, 1, 10_000);
      if (points === null || !within(f.label, 20)) return { ok: false, message: '积分 1–10000，并填写说明（最多 20 字）' };
      action = { kind: 'grant_points', points, label: f.label.trim() };
      break;
    }
    case 'add_tag': {
      const ttlDays = parseCount(f.ttlDays, 1, 365);
      if (!TAG.test(f.actionTag.trim()) || ttlDays === null) return { ok: false, message: '请填写标签键和 1–365 天有效期' };
      action = { kind: 'add_tag', tag: f.actionTag.trim(), ttlDays };
      break;
    }
    case 'grant_coupon':
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(f.templateId.trim())) return { ok: false, message: '请选择优惠券' };
      action = { kind: 'grant_coupon', templateId: f.templateId.trim() };
      break;
  }
  const delayMinutes = parseCount(f.delayMinutes, 0, 10_080);
  if (delayMinutes === null) return { ok: false, message: '延迟 0–10080 分钟' };
  const cooldownHours = parseCount(f.cooldownHours, 0, 720);
  if (cooldownHours === null) return { ok: false, message: '间隔 0–720 小时' };
  return { ok: true, input: { name: f.name.trim(), trigger, action, delayMinutes, cooldownHours } };
}
