import type { LiveMetrics, RangeMetrics } from '../../typings/contract';
import type { LiveStatsDoc, ReservationDoc } from '../../cloudfunctions/core/schema';
import type { OrderDoc } from '../../cloudfunctions/core/schema';
import type { WecomJoinDoc } from '../../cloudfunctions/core/schema';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * Every metric of docs/METRICS.md on a fixture written for it, with the arithmetic by hand.
 *
 * The live `fx-live` runs 2026-12-04 20:00–23:00 Shanghai (S to S+3h); cards: p-foundation, p-powder.
 *
 * user | arrived  | reservation          | watch/taps | WeCom (this live) | live order                      | other
 * u1   | S−100d   | S−1d                 | 30 min / 2 | —                 | paid S+1h, 12900, live_card     | paid S−50d organic 8000; paid S+10d organic p-powder 9900
 * u2   | S−2d     | S−1d (invite)        | 15 min / 1 | —                 | paid S+2h, 19900, invite        | visit 12-06
 * u3   | S−3d     | S−1d                 | —          | —                 | —                               | joined the group via another live S−2.5d; visit 12-20
 * u4   | S−1d     | S−12h, cancelled S−1h| 5 min / 0  | add_contact, first| created S+2.5h, unpaid          | visit 12-05
 * u5   | S+1h     | —                    | 40 min / 3 | add_contact S+2h, first | paid S+1.5h, 12900, live_card, later refunded | visit 12-11
 * u6   | S−200d   | —                    | —          | add_contact, but added via another live at S−20d | — |
 * b1   | S−20d    | —                    | —          | —                 | —                               | paid S−15d 5000; paid S+20d 3000
 * b2   | S−30d    | —                    | —          | —                 | —                               |
 * b3   | S−40d    | —                    | —          | —                 | —                               | paid S−35d 7000
 * b4   | S−10d    | S−1d                 | —          | —                 | —                               |
 */
const H = 3600_000;
const D = 24 * H;
const S = Date.UTC(2026, 11, 4, 12, 0, 0); // 2026-12-04 20:00 Shanghai
const E = S + 3 * H;
const LIVE = 'fx-live';

function order(id: string, userId: string, o: { createdAt: number; paidAt: number | null; fen: number; kind: OrderDoc['source']['kind']; liveId?: string; productId: string; status?: OrderDoc['status']; refundedFen?: number }): OrderDoc {
  return {
    ...(o.refundedFen ? { refunded: { amountFen: o.refundedFen, points: 0, lines: [] } } : {}),
    _id: id,
    userId,
    status: o.status ?? (o.paidAt ? 'paid' : 'created'),
    lines: [{ skuId: `${o.productId}-1`, productId: o.productId, title: o.productId, image: '', specs: {}, quantity: 1, unitPriceFen: o.fen, listPriceFen: o.fen, lineTotalFen: o.fen }],
    price: { goodsFen: o.fen, discountFen: 0, shippingFen: 0, payableFen: o.fen, discounts: [] },
    address: { userName: 'x', telNumber: '13800000000', provinceName: 'x', cityName: 'x', countyName: 'x', detailInfo: 'x' },
    couponId: null,
    source: { kind: o.kind, ...(o.liveId ? { liveId: o.liveId, ...(o.kind === 'live_card' ? { cardId: 'card-1' } : {}) } : {}) },
    createdAt: o.createdAt,
    expiresAt: o.createdAt + 30 * 60_000,
    paidAt: o.paidAt,
    shippedAt: null,
    completedAt: null,
    closedAt: null,
    tracking: null,
    transactionId: o.paidAt ? `tx-${id}` : null,
    paymentMethod: 'local',
    refund: null,
    stockReturnedAt: null,
    paidEffectsAt: o.paidAt,
  } as OrderDoc;
}

async function fixture(rt: TestRuntime) {
  const db = rt.db;
  const user = (id: string, createdAt: number) => db.collection('users').insert({ _id: id, openid: id, nickname: id, createdAt, lastSeenAt: createdAt });
  await db.collection('staff').insert({ _id: 'boss', role: 'owner', createdAt: S - 400 * D });
  await user('boss', S - 400 * D);
  for (const [id, at] of [['u1', S - 100 * D], ['u2', S - 2 * D], ['u3', S - 3 * D], ['u4', S - D], ['u5', S + H], ['u6', S - 200 * D], ['b1', S - 20 * D], ['b2', S - 30 * D], ['b3', S - 40 * D], ['b4', S - 10 * D]] as const) {
    await user(id, at);
  }
  await db.collection('lives').insert({
    _id: LIVE,
    title: '底妆专场',
    cover: '',
    startAt: S,
    endAt: E,
    cards: [
      { cardId: 'card-1', productId: 'p-foundation', livePriceFen: 12900, order: 0 },
      { cardId: 'card-2', productId: 'p-powder', livePriceFen: 9900, order: 1 },
    ],
    createdAt: S - 5 * D,
  });
  const reservation = (userId: string, createdAt: number, status: 'active' | 'cancelled' = 'active', updatedAt = createdAt): ReservationDoc => ({
    _id: `${LIVE}:${userId}`,
    liveId: LIVE,
    userId,
    status,
    inviteCode: null,
    channelsState: null,
    beforeStart: true,
    createdAt,
    updatedAt,
    remindedAt: null,
  });
  for (const r of [reservation('u1', S - D), reservation('u2', S - D), reservation('u3', S - D), reservation('u4', S - 12 * H, 'cancelled', S - H), reservation('b4', S - D)]) {
    await db.collection('reservations').insert(r);
  }
  const stats = (userId: string, watchMinutes: number, cardTaps: number): LiveStatsDoc => ({
    _id: `${LIVE}:${userId}`,
    liveId: LIVE,
    userId,
    watchMinutes,
    lastSlot: 0,
    cardTaps,
    comments: 0,
    keywordHits: 0,
    addToCart: 0,
    consultTaps: 0,
    firstAt: S + H,
    lastAt: S + 2 * H,
  });
  for (const s of [stats('u1', 30, 2), stats('u2', 15, 1), stats('u4', 5, 0), stats('u5', 40, 3)]) await db.collection('live_stats').insert(s);
  const join = (type: WecomJoinDoc['type'], liveId: string, userId: string, at: number): WecomJoinDoc => ({
    _id: `${type}:${liveId}:wm_${userId}`,
    type,
    liveId,
    externalUserId: `wm_${userId}`,
    userId,
    state: `lv_${liveId}`,
    at,
    createdAt: at,
  });
  for (const j of [
    join('join_group', 'fx-old', 'u3', S - 2.5 * D),
    join('add_contact', LIVE, 'u4', S + 0.5 * H),
    join('add_contact', LIVE, 'u5', S + 2 * H),
    join('add_contact', 'fx-old', 'u6', S - 20 * D),
    join('add_contact', LIVE, 'u6', S + H),
  ]) {
    await db.collection('wecom_joins').insert(j);
  }
  const orders = [
    order('o1-old', 'u1', { createdAt: S - 50 * D, paidAt: S - 50 * D, fen: 8000, kind: 'organic', productId: 'p-serum' }),
    // a partial refund (after-sale) of 3000 settled on u1's live order
    order('o1-live', 'u1', { createdAt: S + 0.9 * H, paidAt: S + H, fen: 12900, kind: 'live_card', liveId: LIVE, productId: 'p-foundation', refundedFen: 3000 }),
    order('o1-again', 'u1', { createdAt: S + 10 * D, paidAt: S + 10 * D, fen: 9900, kind: 'organic', productId: 'p-powder' }),
    order('o2-live', 'u2', { createdAt: S + 1.9 * H, paidAt: S + 2 * H, fen: 19900, kind: 'invite', liveId: LIVE, productId: 'p-gift-base' }),
    order('o4-live', 'u4', { createdAt: S + 2.5 * H, paidAt: null, fen: 12900, kind: 'live_card', liveId: LIVE, productId: 'p-foundation' }),
    order('o5-live', 'u5', { createdAt: S + 1.4 * H, paidAt: S + 1.5 * H, fen: 12900, kind: 'live_card', liveId: LIVE, productId: 'p-foundation', status: 'refunded' }),
    order('ob1-a', 'b1', { createdAt: S - 15 * D, paidAt: S - 15 * D, fen: 5000, kind: 'organic', productId: 'p-toner' }),
    order('ob1-b', 'b1', { createdAt: S + 20 * D, paidAt: S + 20 * D, fen: 3000, kind: 'organic', productId: 'p-toner' }),
    order('ob3', 'b3', { createdAt: S - 35 * D, paidAt: S - 35 * D, fen: 7000, kind: 'organic', productId: 'p-toner' }),
  ];
  for (const o of orders) await db.collection('orders').insert(o);
  const visit = (userId: string, day: string) => db.collection('visits').insert({ _id: `${userId}:${day}`, userId, day, at: 0 });
  await visit('u2', '2026-12-06');
  await visit('u3', '2026-12-20');
  await visit('u4', '2026-12-05');
  await visit('u5', '2026-12-11');
}

describe('metrics, each on its fixture', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime({ seed: false, now: S + 40 * D });
    await fixture(rt);
  });
  afterEach(() => rt.close());

  it('liveMetrics equals the hand-computed values', async () => {
    const r = await rt.as('boss')<LiveMetrics>('admin', 'liveMetrics', { liveId: LIVE });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toEqual({
      liveId: LIVE,
      title: '底妆专场',
      startAt: S,
      endAt: E,
      // counted reservations: u1 u2 u3 b4 (u4 cancelled before the start); private when reserving: u1 (paid before), u3 (WeCom before) → 2/4
      privateDomainReservationShare: { numerator: 2, denominator: 4, value: 0.5 },
      // add_contact through this live: u4 (first ever), u5 (first ever), u6 (added via another live before) → 2
      newWecomFriends: 2,
      // paid live orders: u1, u2, u5 → 3; private: u1 (paid before), u2 (invite) → 2/3
      privateDomainOrderShare: { numerator: 2, denominator: 3, value: 0.6667 },
      // buyers u1 u2 u5; u1 paid p-powder (a live card product) organically 10 days later → 1/3
      liveProductRepurchaseRate: { numerator: 1, denominator: 3, value: 0.3333 },
      // acquired = reserved or watched, arrived S−7d…E: u2 u3 u4 u5 (u1, b4 arrived earlier);
      // visits on 12-05…12-11: u2 (12-06), u4 (12-05), u5 (12-11) → 3/4
      retention7d: { numerator: 3, denominator: 4, value: 0.75 },
      clv30: {
        // u2 19900 + u3 0 + u4 0 (unpaid) + u5 0 (refunded) = 19900 over 4 → 4975
        liveAcquired: { users: 4, totalFen: 19900, averageFen: 4975 },
        // arrived S−37d…S−7d, not in the live: b1 (5000 within 30 days of arriving; 3000 at +40 days excluded), b2 (0) → 5000 / 2 = 2500
        baseline: { users: 2, totalFen: 5000, averageFen: 2500 },
        ratio: 1.99,
        complete: true,
      },
      funnel: [
        { stage: 'reserved', users: 4 }, // u1 u2 u3 b4
        { stage: 'watched', users: 2 }, // u1 u2
        { stage: 'tapped', users: 2 }, // u1 u2
        { stage: 'ordered', users: 2 }, // u1 u2
        { stage: 'paid', users: 2 }, // u1 u2
        { stage: 'repurchased', users: 1 }, // u1
      ],
      // live orders u1 u2 u4 u5; paid u1 u2 u5; GMV 12900 + 19900 + 12900; refunded u1's 3000 and u5's 12900
      orders: { count: 4, paid: 3, gmvFen: 45700, refundedFen: 15900, netGmvFen: 29800 },
      computedAt: S + 40 * D,
    });
  });

  it('the CLV window is reported incomplete before 30 days have passed', async () => {
    rt.clock.set(S + 10 * D);
    const r = await rt.as('boss')<LiveMetrics>('admin', 'liveMetrics', { liveId: LIVE });
    expect(r.ok && r.data.clv30.complete).toBe(false);
  });

  it('rangeMetrics totals the lives in the range and gives a daily series', async () => {
    const r = await rt.as('boss')<RangeMetrics>('admin', 'rangeMetrics', { from: S - D, to: S + 2 * D });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.lives.map((l) => l.liveId)).toEqual([LIVE]);
    expect(r.data.totals).toEqual({
      privateDomainReservationShare: { numerator: 2, denominator: 4, value: 0.5 },
      newWecomFriends: 2,
      privateDomainOrderShare: { numerator: 2, denominator: 3, value: 0.6667 },
      liveProductRepurchaseRate: { numerator: 1, denominator: 3, value: 0.3333 },
      retention7d: { numerator: 3, denominator: 4, value: 0.75 },
      clv30: { liveAcquired: { users: 4, totalFen: 19900, averageFen: 4975 }, baseline: { users: 2, totalFen: 5000, averageFen: 2500 }, ratio: 1.99 },
    });
    expect(r.data.daily).toEqual([
      // 12-03 from 20:00: u1 u2 u3 b4 reserved at S−1d
      { day: '2026-12-03', orders: 0, paidOrders: 0, gmvFen: 0, refundedFen: 0, netGmvFen: 0, reservations: 4 },
      // 12-04: u4 reserved at 08:00; orders of u1 u2 u4 u5; paid u1 u2 u5
      { day: '2026-12-04', orders: 4, paidOrders: 3, gmvFen: 45700, refundedFen: 15900, netGmvFen: 29800, reservations: 1 },
      { day: '2026-12-05', orders: 0, paidOrders: 0, gmvFen: 0, refundedFen: 0, netGmvFen: 0, reservations: 0 },
      { day: '2026-12-06', orders: 0, paidOrders: 0, gmvFen: 0, refundedFen: 0, netGmvFen: 0, reservations: 0 },
    ]);
  });

  it('only staff read metrics; a range over 92 days is refused', async () => {
    expect(await rt.as('u1')('admin', 'liveMetrics', { liveId: LIVE })).toEqual({ ok: false, error: { code: 'NOT_STAFF', message: 'Staff only' } });
    const r = await rt.as('boss')('admin', 'rangeMetrics', { from: S, to: S + 93 * D });
    expect(r.ok ? null : [r.error.code, r.error.field]).toEqual(['INVALID_INPUT', 'to']);
  });
});
