import type { PostLiveProgress } from '../../typings/contract';
import { reservationId, statsId, type LiveDoc } from '../../cloudfunctions/core/schema';
import { addCredit } from '../../cloudfunctions/core/modules/messaging/consent';
import { templateId } from '../../cloudfunctions/core/modules/messaging/templates';
import type { OrderDoc } from '../../cloudfunctions/core/schema';
import { priceOrder } from '../../cloudfunctions/core/modules/orders/pricing';
import { orderLine } from '../../cloudfunctions/core/modules/orders/rules';
import { runPostLiveJob, stepKey } from '../../cloudfunctions/core/flows/postlive';
import { COMEBACK_TEMPLATE, NEW_MEMBER_PACK, packDueAt } from '../../cloudfunctions/core/modules/postlive/offers';
import { TEMPLATE_POWDER } from '../../scripts/seed/marketing';
import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const LIVE = 'live-pl';
const CARDS: Array<[cardId: string, productId: string]> = [
  ['card-1', 'p-foundation'],
  ['card-2', 'p-powder'],
  ['card-3', 'p-lipstick'],
  ['card-4', 'p-serum'],
];

/** A live that ended an hour before T0, with its audience and orders, written straight to the database. */
class Fixture {
  constructor(readonly rt: TestRuntime) {}

  async live(over: Partial<LiveDoc> = {}) {
    await this.rt.db.collection('lives').insert({
      _id: LIVE,
      title: '底妆专场复盘',
      cover: '',
      startAt: T0 - 4 * HOUR,
      endAt: T0 - HOUR,
      cards: CARDS.map(([cardId, productId], order) => ({ cardId, productId, livePriceFen: 100, order })),
      createdAt: T0 - 5 * DAY,
      ...over,
    });
  }

  async reserve(userId: string) {
    await this.rt.db.collection('reservations').insert({
      _id: reservationId(LIVE, userId),
      liveId: LIVE,
      userId,
      status: 'active',
      inviteCode: null,
      channelsState: null,
      beforeStart: true,
      createdAt: T0 - DAY,
      updatedAt: T0 - DAY,
      remindedAt: null,
    });
  }

  async watch(userId: string, tappedCards: Record<string, number> = {}, watchMinutes = 20) {
    const cardTaps = Object.values(tappedCards).reduce((a, b) => a + b, 0);
    await this.rt.db.collection('live_stats').insert({
      _id: statsId(LIVE, userId),
      liveId: LIVE,
      userId,
      watchMinutes,
      lastSlot: 0,
      cardTaps,
      tappedCards,
      comments: 0,
      keywordHits: 0,
      addToCart: 0,
      consultTaps: 0,
      firstAt: T0 - 3 * HOUR,
      lastAt: T0 - 2 * HOUR,
    });
  }

  async order(id: string, userId: string, productId: string, at: number, o: { live?: boolean; status?: OrderDoc['status'] } = {}) {
    const sku = (await this.rt.db.collection('skus').get(`${productId}-1`))!;
    const product = (await this.rt.db.collection('products').get(productId))!;
    const lines = [orderLine(sku, product, 1, null)];
    const status = o.status ?? 'paid';
    const paid = status !== 'created';
    await this.rt.db.collection('orders').insert({
      _id: id,
      userId,
      status,
      lines,
      price: priceOrder(lines, []),
      address: null as never,
      couponId: null,
      source: o.live === false ? { kind: 'organic' } : { kind: 'live_card', liveId: LIVE, cardId: CARDS.find(([, p]) => p === productId)?.[0] ?? 'card-1' },
      createdAt: at,
      expiresAt: at + 30 * MINUTE,
      paidAt: paid ? at + MINUTE : null,
      shippedAt: null,
      completedAt: null,
      closedAt: null,
      tracking: null,
      transactionId: paid ? `tx-${id}` : null,
      paymentMethod: 'local',
      refund: null,
      stockReturnedAt: null,
      paidEffectsAt: paid ? at + MINUTE : null,
    });
  }

  credit(userId: string) {
    return addCredit(this.rt.db, userId, templateId('marketing'), T0 - DAY);
  }

  /** The known audience: five who did not buy, two first-time buyers, one repeat buyer. */
  async standard() {
    await this.live();
    for (const u of ['pl-r1', 'pl-r2', 'pl-rep']) await this.reserve(u);
    await this.watch('pl-v1', { 'card-2': 2, 'card-3': 1 });
    await this.watch('pl-v2');
    await this.watch('pl-new');
    await this.watch('pl-rep', { 'card-1': 1 });
    await this.watch('pl-unpaid');
    await this.order('o-new', 'pl-new', 'p-foundation', T0 - 2 * HOUR);
    await this.order('o-rep-before', 'pl-rep', 'p-foundation', T0 - 40 * DAY, { live: false, status: 'completed' });
    await this.order('o-rep', 'pl-rep', 'p-lipstick', T0 - 150 * MINUTE);
    await this.order('o-card', 'pl-card', 'p-serum', T0 - 140 * MINUTE);
    await this.order('o-unpaid', 'pl-unpaid', 'p-powder', T0 - 130 * MINUTE, { status: 'created' });
    for (const u of ['pl-r1', 'pl-v1', 'pl-v2', 'pl-new', 'pl-rep', 'pl-unpaid', 'pl-card']) await this.credit(u);
  }
}

const NON_BUYERS = ['pl-r1', 'pl-r2', 'pl-unpaid', 'pl-v1', 'pl-v2'];
const FIRST_TIME = ['pl-card', 'pl-new'];
const REPEAT = ['pl-rep'];
const AUDIENCE = [...NON_BUYERS, ...FIRST_TIME, ...REPEAT].sort();

const outboxOf = (rt: TestRuntime) => rt.db.collection('outbox').find({ source: `postlive:${LIVE}` }, { sort: [['_id', 'asc']] });
const couponsOf = (rt: TestRuntime, templateId: string) => rt.db.collection('coupons').find({ templateId }, { sort: [['userId', 'asc']] });

describe('the post-live job', () => {
  let rt: TestRuntime;
  let fx: Fixture;
  beforeEach(async () => {
    rt = await testRuntime();
    fx = new Fixture(rt);
  });
  afterEach(() => rt.close());

  it('segments the audience and gives each user their follow-up, once', async () => {
    await fx.standard();
    const run = await rt.runTimer('sop', 'runPostLive');
    expect(run).toEqual({ ok: true, data: { lives: 1, processed: 8, expired: 0 } });

    const progress = await rt.as('demo-staff')<PostLiveProgress>('admin', 'postLiveProgress', { liveId: LIVE });
    expect(progress.ok && progress.data).toEqual({
      liveId: LIVE,
      status: 'done',
      processed: 8,
      // 3 reservations + 5 viewers + 4 orders in the live
      audienceUpTo: 3 + 5 + 4,
      segments: { nonBuyers: 5, firstTime: 2, repeat: 1 },
      messages: { sent: 7, skipped: 1, deferred: 0, failed: 0, pending: 0 },
      windowEndsAt: T0 - HOUR + DAY,
      startedAt: T0,
      updatedAt: T0,
      finishedAt: T0,
      runs: 1,
    });

    // one message per audience member; the one without a consent credit is skipped with the reason
    const outbox = await outboxOf(rt);
    expect(outbox.map((m) => m._id)).toEqual(AUDIENCE.map((u) => stepKey(LIVE, u, 'msg')).sort());
    expect(outbox.filter((m) => m.status === 'skipped').map((m) => [m.userId, m.reason])).toEqual([['pl-r2', 'no_consent_credit']]);

    // did not buy: the best sellers they looked at (tapped powder and lipstick; lipstick sold in the live) and a coupon
    const v1 = outbox.find((m) => m.userId === 'pl-v1')!;
    expect(v1.params).toEqual({ thing1: '底妆专场复盘', thing2: '丝绒哑光口红、轻盈定妆散粉', thing3: '直播回放专享 满199减30已到账' });
    expect(v1.page).toBe('pages/product/index?id=p-lipstick');
    expect(v1.kind).toBe('marketing');
    const comeback = await couponsOf(rt, COMEBACK_TEMPLATE);
    expect(comeback.map((c) => [c.userId, c.grantKey])).toEqual(NON_BUYERS.map((u) => [u, stepKey(LIVE, u, 'coupon')]));
    expect((await rt.db.collection('coupon_templates').get(COMEBACK_TEMPLATE))!.issued).toBe(5);

    // first order in this live: welcome and the 7-day pack as persisted steps
    const welcome = outbox.find((m) => m.userId === 'pl-new')!;
    expect(welcome.params.thing1).toBe('欢迎成为会员');
    const pack = await rt.db.collection('sop_tasks').find({ source: `newmember:${LIVE}` }, { sort: [['_id', 'asc']] });
    expect(pack.map((t) => t._id)).toEqual(
      FIRST_TIME.flatMap((u) => [`newmember:${u}:d1:coupon`, `newmember:${u}:d1:points`, `newmember:${u}:d3:coupon`, `newmember:${u}:d7:coupon`, `newmember:${u}:d7:points`]).sort(),
    );

    // bought before: foundation then → loose powder at 20 % off
    const bundle = await couponsOf(rt, TEMPLATE_POWDER);
    expect(bundle.filter((c) => c.grantKey?.startsWith('postlive:')).map((c) => c.userId)).toEqual(['pl-rep']);
    const rep = outbox.find((m) => m.userId === 'pl-rep')!;
    expect(rep.params.thing3).toBe('买过粉底液，散粉 8 折');
    expect(rep.page).toBe('pages/product/index?id=p-powder');

    // a second run finds the job done and gives nothing again
    expect(await rt.runTimer('sop', 'runPostLive')).toEqual({ ok: true, data: { lives: 1, processed: 0, expired: 0 } });
    expect(await outboxOf(rt)).toHaveLength(8);
    expect((await rt.db.collection('coupon_templates').get(COMEBACK_TEMPLATE))!.issued).toBe(5);
  });

  it('interrupted half-way and run again: every user messaged once, every coupon granted once', async () => {
    await fx.standard();
    const extra = Array.from({ length: 30 }, (_, i) => `pl-x${String(i).padStart(2, '0')}`);
    for (const u of extra) {
      await fx.watch(u);
      await fx.credit(u);
    }
    const deps = { db: rt.db, messaging: rt.ports.messaging, clock: rt.clock, now: T0 };
    const live = (await rt.db.collection('lives').get(LIVE))!;
    const crash = (userId: string, index: number) => {
      if (index === 10) throw new Error(`crash before ${userId}`);
    };
    await expect(runPostLiveJob(deps, live, { pageSize: 4, onUser: crash })).rejects.toThrow('crash before');
    const halfway = (await rt.db.collection('jobs').get(`postlive:${LIVE}`))!;
    // the pages before the crash are recorded; the crashed page will be done again
    expect([halfway.status, halfway.leaseUntil]).toEqual(['running', 0]);
    expect(halfway.processed).toBeGreaterThan(0);
    expect(halfway.processed).toBeLessThanOrEqual(10);
    expect(await outboxOf(rt)).toHaveLength(10);

    const done = await runPostLiveJob(deps, live, { pageSize: 4 });
    expect([done!.status, done!.processed, done!.runs]).toEqual(['done', AUDIENCE.length + extra.length, 2]);
    const outbox = await outboxOf(rt);
    expect(outbox.map((m) => m.userId).sort()).toEqual([...AUDIENCE, ...extra].sort());
    const delivered = rt.messaging.delivered.flatMap((d) => (d.kind === 'subscribe' ? [d.message.openid] : []));
    expect(new Set(delivered).size).toBe(delivered.length);
    const comeback = await couponsOf(rt, COMEBACK_TEMPLATE);
    expect(comeback.map((c) => c.userId)).toEqual([...NON_BUYERS, ...extra].sort());
    expect((await rt.db.collection('coupon_templates').get(COMEBACK_TEMPLATE))!.issued).toBe(NON_BUYERS.length + extra.length);
  });

  it('two runners at once: one holds the lease, nothing is given twice', async () => {
    await fx.standard();
    const live = (await rt.db.collection('lives').get(LIVE))!;
    const deps = { db: rt.db, messaging: rt.ports.messaging, clock: rt.clock, now: T0 };
    await Promise.all([runPostLiveJob(deps, live, { pageSize: 2 }), runPostLiveJob(deps, live, { pageSize: 2 })]);
    await runPostLiveJob(deps, live, { pageSize: 2 });
    expect(await outboxOf(rt)).toHaveLength(8);
    expect(await couponsOf(rt, COMEBACK_TEMPLATE)).toHaveLength(5);
  });

  it('releases the new-member pack on days 1, 3 and 7', async () => {
    await fx.standard();
    await rt.runTimer('sop', 'runPostLive');
    const paidAt = T0 - 2 * HOUR + MINUTE;
    const couponOf = async (tpl: string) => (await rt.db.collection('coupons').find({ userId: 'pl-new', templateId: tpl })).length;
    const points = async (day: number) => !!(await rt.db.collection('points_entries').get(`sop:newmember:pl-new:d${day}:points`));
    const [d1, d3, d7] = NEW_MEMBER_PACK;

    await rt.runTimer('sop', 'runSop');
    expect([await couponOf(d1.templateId), await points(1), await couponOf(d3.templateId), await couponOf(d7.templateId)]).toEqual([1, true, 0, 0]);

    rt.clock.set(packDueAt(paidAt, 3) - MINUTE);
    await rt.runTimer('sop', 'runSop');
    expect(await couponOf(d3.templateId)).toBe(0);
    rt.clock.set(packDueAt(paidAt, 3));
    await rt.runTimer('sop', 'runSop');
    expect(await couponOf(d3.templateId)).toBe(1);

    rt.clock.set(packDueAt(paidAt, 7));
    await rt.runTimer('sop', 'runSop');
    await rt.runTimer('sop', 'runSop');
    expect([await couponOf(d1.templateId), await couponOf(d3.templateId), await couponOf(d7.templateId), await points(7)]).toEqual([1, 1, 1, true]);
    const tasks = await rt.db.collection('sop_tasks').find({ userId: 'pl-new' });
    expect(tasks.map((t) => t.status)).toEqual(tasks.map(() => 'done'));
  });

  it('staff: only an ended live, only within 24 h; customer service may not run it', async () => {
    await fx.standard();
    await rt.db.collection('lives').update({ _id: LIVE }, { $set: { endAt: T0 + HOUR } });
    const staff = rt.as('demo-staff');
    expect(await staff('admin', 'runPostLive', { liveId: LIVE })).toMatchObject({ ok: false, error: { code: 'LIVE_NOT_ENDED' } });
    expect(await staff('admin', 'runPostLive', { liveId: 'nope' })).toMatchObject({ ok: false, error: { code: 'LIVE_NOT_FOUND' } });

    await rt.db.collection('staff').insert({ _id: 'cs-1', role: 'cs', createdAt: 0 });
    rt.clock.set(T0 + 2 * HOUR);
    expect(await rt.as('cs-1')('admin', 'runPostLive', { liveId: LIVE })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const r = await staff<PostLiveProgress>('admin', 'runPostLive', { liveId: LIVE });
    expect(r.ok && [r.data.status, r.data.processed]).toEqual(['done', 8]);
    expect(await rt.db.collection('audit').count({ entity: 'postlive_job', entityId: LIVE })).toBe(1);

    rt.clock.set(T0 + HOUR + DAY + 1);
    expect(await staff<PostLiveProgress>('admin', 'runPostLive', { liveId: LIVE })).toMatchObject({ ok: true, data: { status: 'done' } });
  });

  it('a live found more than 24 h after its end is not followed up', async () => {
    await fx.standard();
    rt.clock.set(T0 + DAY);
    expect(await rt.as('demo-staff')('admin', 'runPostLive', { liveId: LIVE })).toMatchObject({ ok: false, error: { code: 'POSTLIVE_WINDOW_CLOSED' } });
    expect(await rt.runTimer('sop', 'runPostLive')).toMatchObject({ ok: true, data: { processed: 0, expired: 0 } });
    expect(await outboxOf(rt)).toHaveLength(0);
    const p = await rt.as('demo-staff')<PostLiveProgress>('admin', 'postLiveProgress', { liveId: LIVE });
    expect(p.ok && p.data.status).toBe('not_started');
  });

  it('core fans are tagged as the audience is walked', async () => {
    await fx.live();
    await fx.watch('pl-fan', { 'card-1': 4, 'card-2': 3 }, 45);
    await fx.watch('pl-quiet', {}, 45);
    await rt.runTimer('sop', 'runPostLive');
    const r = await rt.as('demo-staff')<{ items: Array<{ userId: string; source: string }> }>('admin', 'usersByTag', { tag: 'core_fan' });
    expect(r.ok && r.data.items.filter((i) => i.userId.startsWith('pl-')).map((i) => [i.userId, i.source])).toEqual([['pl-fan', 'rule:tag-core-fan']]);
  });
});

describe('reserve → watch → no order → post-live, through the API', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('a reserver who gave the room’s consents and did not buy gets the follow-up the next morning', async () => {
    const at = (hours: number) => T0 + hours * HOUR; // T0 is 10:00 Shanghai
    const created = await rt.as('demo-staff')<{ liveId: string }>('admin', 'createLive', {
      title: '晚场底妆',
      startAt: at(10), // 20:00
      endAt: at(11.5), // 21:30
      cards: [{ productId: 'p-foundation', livePriceFen: 12900 }],
    });
    if (!created.ok) throw new Error(created.error.code);
    const { liveId } = created.data;
    // reserving from the live page asks for the start reminder and 活动通知 in one dialog
    const consents = { [templateId('liveStart')]: 'accept', [templateId('marketing')]: 'accept' };
    expect(await rt.as('flow-fan')('live', 'reserve', { liveId, consents })).toMatchObject({ ok: true });

    // watches ten minutes, buys nothing
    for (let minute = 1; minute <= 10; minute++) {
      rt.clock.set(at(10) + minute * MINUTE);
      const now = rt.clock.now();
      const r = await rt.as('flow-fan')('live', 'track', {
        batchId: `flow-watch-${minute}`,
        events: [now - 30_000, now].map((t) => ({ type: 'heartbeat' as const, liveId, at: t })),
      });
      expect(r).toMatchObject({ ok: true });
    }

    // the job runs after the live, inside quiet hours: the follow-up waits for 08:00
    rt.clock.set(at(12.5)); // 22:30
    expect(await rt.runTimer('sop', 'runPostLive')).toMatchObject({ ok: true, data: { lives: 1 } });
    const mine = () => rt.db.collection('outbox').find({ source: `postlive:${liveId}`, userId: 'flow-fan' });
    expect((await mine()).map((m) => [m.status, m.reason])).toEqual([['deferred', 'quiet_hours']]);

    rt.clock.set(at(22)); // 08:00 the next day
    await rt.runTimer('sop', 'flushOutbox');
    expect((await mine()).map((m) => [m.status, m.reason, m.template])).toEqual([['sent', null, templateId('marketing')]]);
    expect(rt.messaging.delivered.filter((d) => d.kind === 'subscribe' && d.message.openid === 'flow-fan' && d.message.templateId === templateId('marketing'))).toHaveLength(1);
  });
});
