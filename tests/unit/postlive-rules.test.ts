import { NEW_MEMBER_PACK, packDueAt, packTasks, pickBundle, type Bundle } from '../../cloudfunctions/core/modules/postlive/offers';
import { bestSellersLookedAt, segmentAudience, type OrderFact } from '../../cloudfunctions/core/modules/postlive/segment';
import type { LiveCard } from '../../cloudfunctions/core/schema';
import { dueAtFor, tasksForEvent } from '../../cloudfunctions/core/modules/sop/rules';
import type { SopRuleDoc, UserEventDoc } from '../../cloudfunctions/core/schema';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 2026-11-24 10:00 Shanghai */
const T0 = Date.UTC(2026, 10, 24, 2, 0);
const L = 'live-1';

const order = (userId: string, status: string, createdAt: number, liveId: string | null = L): OrderFact => ({ userId, status, createdAt, liveId });

describe('post-live segmentation on a fixture with known buyers, non-buyers and repeat buyers', () => {
  const facts = {
    liveId: L,
    reservers: ['a', 'b', 'c', 'i'],
    viewers: ['b', 'd', 'e', 'f', 'h'],
    orders: [
      order('a', 'completed', T0 - 40 * DAY, null), // bought before, not in this live
      order('b', 'paid', T0 - HOUR, 'other-live'), // bought in another live
      order('c', 'refunded', T0 - HOUR), // refunded: not a buyer
      order('d', 'paid', T0 - HOUR), // first order ever, in this live
      order('e', 'completed', T0 - 30 * DAY, null),
      order('e', 'paid', T0 - HOUR), // bought before, and now in this live
      order('f', 'created', T0 - HOUR), // never paid
      order('g', 'shipped', T0 - HOUR), // bought through a card without reserving or a heartbeat
      order('h', 'paid', T0 - 2 * HOUR),
      order('h', 'paid', T0 - HOUR), // two orders in this live: still first-time
      order('i', 'refunded', T0 - 10 * DAY, null),
      order('i', 'paid', T0 - HOUR), // an earlier refunded order does not make a customer
    ],
  };

  it('gives exactly these sets, a partition of the audience', () => {
    expect(segmentAudience(facts)).toEqual({
      nonBuyers: ['a', 'b', 'c', 'f'],
      firstTime: ['d', 'g', 'h', 'i'],
      repeat: ['e'],
    });
  });

  it('an empty live has no segments', () => {
    expect(segmentAudience({ liveId: L, reservers: [], viewers: [], orders: [] })).toEqual({ nonBuyers: [], firstTime: [], repeat: [] });
  });
});

describe("the live's best sellers a viewer looked at", () => {
  const card = (cardId: string, productId: string, order: number): LiveCard => ({ cardId, productId, livePriceFen: 100, order });
  const cards = [card('c1', 'foundation', 0), card('c2', 'powder', 1), card('c3', 'lipstick', 2), card('c4', 'serum', 3)];
  const sales = new Map([['lipstick', 50], ['foundation', 30], ['powder', 10]]);
  const all = new Set(['foundation', 'powder', 'lipstick', 'serum']);

  it('the tapped cards, best selling first', () => {
    expect(bestSellersLookedAt(cards, { c2: 5, c1: 1, c4: 2 }, sales, all)).toEqual(['foundation', 'powder', 'serum']);
  });
  it('no taps: the live’s best sellers', () => {
    expect(bestSellersLookedAt(cards, {}, sales, all, 2)).toEqual(['lipstick', 'foundation']);
  });
  it('only products still on sale', () => {
    expect(bestSellersLookedAt(cards, { c1: 1, c2: 1 }, sales, new Set(['powder']))).toEqual(['powder']);
  });
});

describe('the 7-day new-member pack', () => {
  it('day 1 at once, days 3 and 7 at 10:00 Shanghai', () => {
    const paidAt = Date.UTC(2026, 10, 24, 13, 30); // 21:30 Shanghai
    expect(packDueAt(paidAt, 1)).toBe(paidAt);
    expect(packDueAt(paidAt, 3)).toBe(Date.UTC(2026, 10, 26, 2, 0));
    expect(packDueAt(paidAt, 7)).toBe(Date.UTC(2026, 10, 30, 2, 0));
  });

  it('one coupon a day and points where the day has them, keyed per member', () => {
    const tasks = packTasks('u1', L, T0, T0);
    expect(tasks.map((t) => [t._id, t.action, t.dueAt])).toEqual([
      ['newmember:u1:d1:coupon', { kind: 'grant_coupon', templateId: NEW_MEMBER_PACK[0].templateId }, T0],
      ['newmember:u1:d1:points', { kind: 'grant_points', points: 50, label: '新人礼包第 1 天' }, T0],
      ['newmember:u1:d3:coupon', { kind: 'grant_coupon', templateId: 'tpl-newmember-d3' }, T0 + 2 * DAY],
      ['newmember:u1:d7:coupon', { kind: 'grant_coupon', templateId: 'tpl-newmember-d7' }, T0 + 6 * DAY],
      ['newmember:u1:d7:points', { kind: 'grant_points', points: 100, label: '新人礼包第 7 天' }, T0 + 6 * DAY],
    ]);
    expect(tasks.every((t) => !t.capped && t.ruleId === null && t.status === 'pending')).toBe(true);
  });
});

describe('bundle coupon for a repeat buyer', () => {
  const bundles: Bundle[] = [
    { templateId: 'tpl-b', title: '买过粉底液，散粉 8 折', boughtProductIds: ['foundation'], offerProductIds: ['powder'] },
    { templateId: 'tpl-a', title: '买过精华，面霜 9 折', boughtProductIds: ['serum'], offerProductIds: ['cream'] },
  ];
  it.each([
    ['bought foundation → loose powder', ['foundation', 'lipstick'], 'tpl-b'],
    ['bought both triggers → the first by template id', ['foundation', 'serum'], 'tpl-a'],
    ['already has the powder → the other bundle', ['foundation', 'powder', 'serum'], 'tpl-a'],
    ['bought neither', ['lipstick'], null],
  ])('%s', (_name, bought, expected) => {
    expect(pickBundle(new Set(bought as string[]), bundles)?.templateId ?? null).toBe(expected);
  });
});

describe('SOP triggers', () => {
  const rule = (over: Partial<SopRuleDoc>): SopRuleDoc => ({
    _id: 'r',
    name: 'r',
    trigger: { kind: 'event', event: 'cart_add' },
    condition: null,
    delayMinutes: 0,
    action: { kind: 'staff_task', title: 't' },
    cooldownHours: 24,
    enabled: true,
    createdBy: 's',
    createdAt: 0,
    updatedAt: 0,
    ...over,
  });
  const event = (type: UserEventDoc['type'], ref: string | null = null): UserEventDoc => ({ _id: `e-${type}`, userId: 'u', type, at: T0, ref, processedAt: null });

  it.each<[string, Partial<SopRuleDoc>, UserEventDoc, number | null]>([
    ['event: at once', {}, event('cart_add'), T0],
    ['event with a delay', { delayMinutes: 30 }, event('cart_add'), T0 + 30 * MINUTE],
    ['another event', {}, event('order_paid'), null],
    ['time after an event: 24 h', { trigger: { kind: 'time_after_event', event: 'cart_add', minutes: 1440 } }, event('cart_add'), T0 + DAY],
    ['tag added: that tag', { trigger: { kind: 'tag_added', tag: 'core_fan' } }, event('tag_added', 'core_fan'), T0],
    ['tag added: another tag', { trigger: { kind: 'tag_added', tag: 'core_fan' } }, event('tag_added', 'other'), null],
    ['disabled', { enabled: false }, event('cart_add'), null],
  ])('%s', (_name, over, e, expected) => {
    expect(dueAtFor(rule(over), e)).toBe(expected);
  });

  it('one step per rule an event starts, keyed by rule and event', () => {
    const tasks = tasksForEvent([rule({ _id: 'r1' }), rule({ _id: 'r2', trigger: { kind: 'event', event: 'order_paid' } })], event('cart_add'), T0);
    expect(tasks.map((t) => [t._id, t.dueAt, t.capped, t.source])).toEqual([['r1:e-cart_add', T0, true, 'sop:r1']]);
  });
});
