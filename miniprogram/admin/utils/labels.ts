import type { OutboxEntry, StaffRole } from '../../../typings/contract/index';

/** Chinese names for what staff screens list. */
export const ROLE_TEXT: Record<StaffRole, string> = { owner: '店主', operator: '运营', cs: '客服' };

export const STAFF_ROLE_OPTIONS: Array<{ role: StaffRole; label: string }> = [
  { role: 'owner', label: '店主' },
  { role: 'operator', label: '运营' },
  { role: 'cs', label: '客服' },
];

export { ORDER_STATUS_TEXT, SOURCE_TEXT } from './generated/order-labels';

/** What an audit entry changed, in staff's words (the raw entity name for anything not listed). */
export const ENTITY_TEXT: Record<string, string> = {
  after_sale: '售后',
  broadcast: '直播间推送',
  clip: '精彩片段',
  coupon_template: '优惠券模板',
  fission_task: '邀请有礼',
  live: '直播',
  live_card: '直播商品卡',
  order: '订单',
  order_settings: '售后与收货设置',
  post: '内容',
  postlive_job: '直播后跟进',
  product: '商品',
  question: '观众提问',
  raffle: '抽奖',
  raffle_slot: '抽奖名额',
  redemption: '积分兑换',
  review: '评价',
  review_settings: '评价积分',
  reward: '积分商城商品',
  settings: '店铺设置',
  sku: '商品规格',
  sop_rule: 'SOP 规则',
  staff: '店员',
  staff_invite: '店员邀请',
  staff_task: '跟进任务',
  tag_rule: '标签规则',
  member_account: '顾客积分',
  export: '数据导出',
  user_tag: '顾客标签',
};

export const entityText = (entity: string): string => ENTITY_TEXT[entity] ?? entity;

/** Why a message was sent, from its outbox source (`order:<id>`, `live:<id>`, …). */
const MESSAGE_SOURCE_TEXT: Record<string, string> = {
  order: '订单',
  aftersale: '售后',
  live: '直播提醒',
  newmember: '新人礼',
  postlive: '直播后跟进',
  raffle: '抽奖',
  restock: '到货提醒',
  sop: 'SOP',
};

export function messageSourceText(source: string): string {
  const i = source.indexOf(':');
  const kind = i < 0 ? source : source.slice(0, i);
  const label = MESSAGE_SOURCE_TEXT[kind];
  return label ? `${label}${i < 0 ? '' : ` ${source.slice(i + 1)}`}` : source;
}

/** An openid as staff screens show it: enough to tell people apart, not the whole id. */
export const shortOpenid = (openid: string): string => (openid.length > 12 ? `${openid.slice(0, 6)}…${openid.slice(-4)}` : openid);

export const OUTBOX_STATUS_TEXT: Record<OutboxEntry['status'], string> = { pending: '待发送', sent: '已发送', skipped: '未发送', deferred: '顺延', failed: '失败' };

/** Why a message was skipped, held or failed (the platform's own answer shows as it came). */
export const OUTBOX_REASON_TEXT: Record<string, string> = {
  no_consent_credit: '用户没有可用的订阅授权',
  cap_daily: '超过每日上限',
  cap_sms: '超过短信上限',
  quiet_hours: '免打扰时段',
  no_phone: '没有手机号',
  opted_out: '已退订短信',
  expired: '已过时效（如直播已结束）',
  no_longer_relevant: '发送时已不需要（直播已结束）',
};
