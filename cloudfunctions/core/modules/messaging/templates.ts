/**
 * Subscribe-message templates by purpose. The ids are the ones configured in the mini program
 * console; in the cloud they come from the function's environment (TPL_*), locally from these
 * defaults, which miniprogram/config.ts mirrors so the client asks consent for the same ids.
 */
export const TEMPLATE_DEFAULTS = {
  liveStart: 'local-tpl-live-start',
  raffleResult: 'local-tpl-raffle-result',
  orderUpdate: 'local-tpl-order-update',
  marketing: 'local-tpl-marketing',
  restock: 'local-tpl-restock',
  newOrder: 'local-tpl-new-order',
} as const;

export type TemplatePurpose = keyof typeof TEMPLATE_DEFAULTS;

const ENV_KEYS: Record<TemplatePurpose, string> = {
  liveStart: 'TPL_LIVE_START',
  raffleResult: 'TPL_RAFFLE_RESULT',
  orderUpdate: 'TPL_ORDER_UPDATE',
  marketing: 'TPL_MARKETING',
  restock: 'TPL_RESTOCK',
  newOrder: 'TPL_NEW_ORDER',
};

export function templateId(purpose: TemplatePurpose, env: Record<string, string | undefined> = process.env): string {
  return env[ENV_KEYS[purpose]] || TEMPLATE_DEFAULTS[purpose];
}

/**
 * A subscribe template's keywords (关键词) as they must be chosen in the mini program console, each
 * with its WeChat type: a send must fill exactly these, or WeChat refuses it (47003).
 */
export type KeywordType = 'thing' | 'time' | 'phrase' | 'character_string';

/** WeChat's length limits per keyword type (thing: 20 characters; phrase: 5; character_string: 32). */
export const KEYWORD_MAX: Record<KeywordType, number> = { thing: 20, time: 40, phrase: 5, character_string: 32 };

export interface TemplateSpec {
  /** the console title to pick */
  title: string;
  keywords: Record<string, KeywordType>;
  /** the sends that use it; a template no send uses is not offered to shoppers */
  usedBy: string[];
  /** what it tells the shopper, as 消息提醒 lists it (or the staff member, on the staff home) */
  note: string;
  /** who is asked for it: shoppers (消息提醒 lists it), or staff only (the staff home asks) */
  audience: 'shopper' | 'staff';
}

/** Every subscribe template the shop sends, declared once. */
export const TEMPLATES: Record<TemplatePurpose, TemplateSpec> = {
  liveStart: {
    title: '直播开始提醒',
    keywords: { thing1: 'thing', time2: 'time', thing3: 'thing' },
    usedBy: ['reminders: a reserved live is about to start'],
    note: '预约的直播开播前提醒你',
    audience: 'shopper',
  },
  raffleResult: {
    title: '中奖结果通知',
    keywords: { thing1: 'thing', thing2: 'thing', thing3: 'thing' },
    usedBy: ['raffle draw: the winner'],
    note: '参与的抽奖开奖后告诉你结果',
    audience: 'shopper',
  },
  orderUpdate: {
    title: '订单状态通知',
    keywords: { character_string1: 'character_string', thing2: 'thing', phrase3: 'phrase' },
    usedBy: ['order notices: paid, shipped, refunded', 'after-sale: the shop asked for more, rejected, approved, exchanged'],
    note: '订单发货、退款进度',
    audience: 'shopper',
  },
  marketing: {
    title: '活动通知',
    keywords: { thing1: 'thing', thing2: 'thing', thing3: 'thing' },
    usedBy: ['post-live follow-up (non-buyers, first-time buyers, repeat buyers)', 'SOP subscribe steps'],
    note: '直播后的专属优惠与活动',
    audience: 'shopper',
  },
  restock: {
    title: '到货提醒',
    keywords: { thing1: 'thing', thing2: 'thing', thing3: 'thing' },
    usedBy: ['restock: a sold-out SKU is back'],
    note: '想要的商品补货后通知你',
    audience: 'shopper',
  },
  newOrder: {
    title: '新订单通知',
    keywords: { character_string1: 'character_string', thing2: 'thing', thing3: 'thing', time4: 'time' },
    usedBy: ['order notices: a paid order, to each staff member who may ship it and turned the alert on'],
    note: '有新的已支付订单时提醒你发货',
    audience: 'staff',
  },
};

/** The purpose a configured template id serves, or null for an id the shop does not send. */
export function purposeOf(id: string, env: Record<string, string | undefined> = process.env): TemplatePurpose | null {
  return (Object.keys(TEMPLATE_DEFAULTS) as TemplatePurpose[]).find((p) => templateId(p, env) === id) ?? null;
}

/** A send whose keywords are not its template's: a defect in the code that builds it, never sent. */
export class TemplateMismatch extends Error {
  constructor(purpose: string, detail: string) {
    super(`subscribe template ${purpose}: ${detail}`);
    this.name = 'TemplateMismatch';
  }
}

/**
 * WeChat's `time` value: 24-hour time, optionally after a date written 年月日, or two such joined by
 * `~` (the documented examples: "15:01", "2019年10月1日 15:01"); anything else is refused (47003).
 */
const MOMENT = String.raw`(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日 ?)?\d{1,2}:\d{2}`;
export const TIME_VALUE = new RegExp(`^${MOMENT}(?:~${MOMENT})?$`);

/**
 * The data of a subscribe send, checked against its template: exactly its keywords, none empty,
 * each value cut to its type's limit (a longer thing would be refused by WeChat), a time in the
 * form WeChat takes.
 */
export function subscribeData(purpose: TemplatePurpose, params: Record<string, string>): Record<string, string> {
  const spec = TEMPLATES[purpose];
  const want = Object.keys(spec.keywords).sort();
  const got = Object.keys(params).sort();
  if (want.join(',') !== got.join(',')) throw new TemplateMismatch(purpose, `sends ${got.join(',') || 'nothing'}, the template has ${want.join(',')}`);
  return Object.fromEntries(
    want.map((k) => {
      const value = [...params[k].trim()];
      if (!value.length) throw new TemplateMismatch(purpose, `${k} is empty`);
      if (spec.keywords[k] === 'time' && !TIME_VALUE.test(value.join(''))) throw new TemplateMismatch(purpose, `${k} is not a WeChat time: ${value.join('')}`);
      return [k, value.slice(0, KEYWORD_MAX[spec.keywords[k]]).join('')];
    }),
  );
}
