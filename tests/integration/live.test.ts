import { RATE_BUDGETS } from '../../cloudfunctions/core/kernel/rate-limit';
import type { LiveDetail, Product } from '../../typings/contract';
import { templateId } from '../../cloudfunctions/core/modules/messaging/templates';
import { parseEntry } from '../../miniprogram/utils/attribution';
import { TONIGHT_LIVE } from '../../scripts/seed/seed';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

const live = (rt: TestRuntime) => rt.db.collection('lives').get(TONIGHT_LIVE);

/** Moves the clock into tonight's live (it starts at 20:00 Shanghai). */
async function duringLive(rt: TestRuntime) {
  rt.clock.set((await live(rt))!.startAt + 30 * 60_000);
}

async function addressFor(rt: TestRuntime, openid: string) {
  const r = await rt.as(openid)<{ addressId: string }>('mall', 'saveAddress', {
    userName: '王五',
    telNumber: '13700001111',
    provinceName: '广东省',
    cityName: '深圳市',
    countyName: '南山区',
    detailInfo: '科技园 1 号',
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.data.addressId;
}

describe('reservations', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('reserving twice at once makes one reservation; cancel then reserve again works', async () => {
    // within the caller's rate budget, leaving one reservation for the end of the test
    const burst = RATE_BUDGETS['live.reserve'].limit - 1;
    const results = await Promise.all(Array.from({ length: burst }, () => rt.as('fan-1')('live', 'reserve', { liveId: TONIGHT_LIVE })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await rt.db.collection('reservations').count({ liveId: TONIGHT_LIVE })).toBe(1);
    expect((await live(rt))!.reservationCount).toBe(1);

    expect(await rt.as('fan-1')('live', 'cancelReservation', { liveId: TONIGHT_LIVE })).toEqual({
      ok: true,
      data: { reserved: false, reservationCount: 0 },
    });
    expect(await rt.as('fan-1')('live', 'cancelReservation', { liveId: TONIGHT_LIVE })).toEqual({
      ok: true,
      data: { reserved: false, reservationCount: 0 },
    });
    expect(await rt.as('fan-1')('live', 'reserve', { liveId: TONIGHT_LIVE })).toEqual({
      ok: true,
      data: { reserved: true, reservationCount: 1 },
    });
    const detail = await rt.as('fan-1')<LiveDetail>('live', 'get', { liveId: TONIGHT_LIVE });
    expect(detail.ok && [detail.data.reserved, detail.data.reservationCount]).toEqual([true, 1]);
  });

  it('keeps the first invite code and records the Channels reservation state', async () => {
    await rt.as('fan-2')('live', 'reserve', { liveId: TONIGHT_LIVE, inviteCode: 'CODE1' });
    await rt.as('fan-2')('live', 'reserve', { liveId: TONIGHT_LIVE, inviteCode: 'CODE2' });
    expect(await rt.as('fan-2')('live', 'recordChannelsReservation', { liveId: TONIGHT_LIVE, state: 1 })).toEqual({
      ok: true,
      data: { recorded: true },
    });
    const r = await rt.db.collection('reservations').get(`${TONIGHT_LIVE}:fan-2`);
    expect([r!.inviteCode, r!.channelsState, r!.beforeStart]).toEqual(['CODE1', 1, true]);
  });

  it('refuses unknown and ended lives', async () => {
    expect(await rt.as('fan-3')('live', 'reserve', { liveId: 'nope' })).toEqual({
      ok: false,
      error: { code: 'LIVE_NOT_FOUND', message: 'Live not found', field: 'liveId' },
    });
    rt.clock.set((await live(rt))!.endAt + 1);
    expect(await rt.as('fan-3')('live', 'reserve', { liveId: TONIGHT_LIVE })).toEqual({
      ok: false,
      error: { code: 'LIVE_ENDED', message: 'This live has ended' },
    });
  });
});

describe('start reminders', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('a timer run twice sends one reminder per reserver with a consent credit and none without', async () => {
    const tpl = templateId('liveStart');
    await rt.as('with-credit')('live', 'reserve', { liveId: TONIGHT_LIVE, consents: { [tpl]: 'accept' } });
    await rt.as('refused')('live', 'reserve', { liveId: TONIGHT_LIVE, consents: { [tpl]: 'reject' } });
    await rt.as('silent')('live', 'reserve', { liveId: TONIGHT_LIVE });

    rt.clock.set((await live(rt))!.startAt - 11 * 60_000);
    expect(await rt.runTimer('live', 'sendReminders')).toEqual({ ok: true, data: { sent: 0, skipped: 0 } });
    rt.clock.advance(2 * 60_000);
    const [a, b] = await Promise.all([rt.runTimer('live', 'sendReminders'), rt.runTimer('live', 'sendReminders')]);
    const third = await rt.runTimer('live', 'sendReminders');
    const sent = [a, b, third].map((r) => (r.ok ? (r.data as { sent: number }).sent : -1));
    expect(sent.reduce((x, y) => x + y, 0)).toBe(1);

    expect(rt.messaging.delivered).toEqual([
      {
        kind: 'subscribe',
        message: expect.objectContaining({ openid: 'with-credit', templateId: tpl, page: `pages/live/room/index?live=${TONIGHT_LIVE}` }),
      },
    ]);
    const outbox = await rt.db.collection('outbox').find({}, { sort: [['userId', 'asc']] });
    expect(outbox.map((o) => [o.userId, o.status, o.reason])).toEqual([
      ['refused', 'skipped', 'no_consent_credit'],
      ['silent', 'skipped', 'no_consent_credit'],
      ['with-credit', 'sent', null],
    ]);
  });
});

describe('in-live events', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('10,000 events in batches give exact aggregates, and a replayed batch counts once', async () => {
    await duringLive(rt);
    const start = rt.clock.now();
    const viewers = ['v1', 'v2', 'v3', 'v4'];
    const expected = new Map<string, { minutes: Set<number>; taps: number; comments: number; hits: number }>();
    let sent = 0;
    let batchNo = 0;
    // 100 batches of 100 events, 25 per viewer, spread over 100 simulated seconds each
    while (sent < 10_000) {
      const viewer = viewers[batchNo % viewers.length];
      const e = expected.get(viewer) ?? { minutes: new Set<number>(), taps: 0, comments: 0, hits: 0 };
      expected.set(viewer, e);
      const events = Array.from({ length: 100 }, (_, i) => {
        const at = rt.clock.now() - 30_000 + i * 200;
        const kind = i % 4;
        if (kind === 0 || kind === 1) {
          e.minutes.add(Math.floor(at / 60_000));
          return { type: 'heartbeat' as const, liveId: TONIGHT_LIVE, at };
        }
        if (kind === 2) {
          e.taps++;
          return { type: 'card_tap' as const, liveId: TONIGHT_LIVE, cardId: 'card-1', at };
        }
        e.comments++;
        e.hits += i % 8 === 3 ? 2 : 0;
        return { type: 'comment' as const, liveId: TONIGHT_LIVE, at, text: i % 8 === 3 ? '想要链接' : '主播好' };
      });
      const batchId = `batch-${String(batchNo).padStart(4, '0')}`;
      const r = await rt.as(viewer)('live', 'track', { batchId, events });
      expect(r).toEqual({ ok: true, data: { accepted: 100, duplicate: false } });
      if (batchNo % 10 === 0) {
        expect(await rt.as(viewer)('live', 'track', { batchId, events })).toEqual({ ok: true, data: { accepted: 0, duplicate: true } });
      }
      sent += 100;
      batchNo++;
      rt.clock.advance(20_000);
    }
    expect(rt.clock.now() - start).toBe(2_000_000);
    for (const [viewer, e] of expected) {
      const s = (await rt.db.collection('live_stats').get(`${TONIGHT_LIVE}:${viewer}`))!;
      expect([s.cardTaps, s.comments, s.keywordHits]).toEqual([e.taps, e.comments, e.hits]);
      // watch time: each batch adds the 30-second slots its heartbeats cover (20 s of heartbeats
      // every 80 s: one slot, sometimes two), never more than the wall time since the previous batch
      const batches = 100 / viewers.length;
      expect(s.watchMs).toBeGreaterThanOrEqual((batches - 1) * 30_000);
      expect(s.watchMs).toBeLessThanOrEqual((batches - 1) * 60_000);
      expect(s.watchMinutes).toBe(Math.floor(s.watchMs! / 60_000));
      expect(s.watchMinutes).toBeLessThanOrEqual(e.minutes.size);
    }
  });

  it('ignores events stamped far from the server clock', async () => {
    await duringLive(rt);
    const now = rt.clock.now();
    const r = await rt.as('v9')('live', 'track', {
      batchId: 'forged-0001',
      events: [
        { type: 'heartbeat', liveId: TONIGHT_LIVE, at: now - 3 * 3600_000 },
        { type: 'heartbeat', liveId: TONIGHT_LIVE, at: now + 3600_000 },
        { type: 'heartbeat', liveId: TONIGHT_LIVE, at: now },
      ],
    });
    expect(r).toEqual({ ok: true, data: { accepted: 1, duplicate: false } });
    rt.clock.advance(60_000);
    // the room page's next two heartbeats, 30 s apart: the minute since the accepted one counts
    const next = rt.clock.now();
    await rt.as('v9')('live', 'track', {
      batchId: 'forged-0002',
      events: [next - 30_000, next].map((at) => ({ type: 'heartbeat' as const, liveId: TONIGHT_LIVE, at })),
    });
    expect(await rt.as('v9')('live', 'myStats', { liveId: TONIGHT_LIVE })).toEqual({
      ok: true,
      data: { liveId: TONIGHT_LIVE, userId: 'v9', watchMinutes: 1, cardTaps: 0, comments: 0, keywordHits: 0, addToCart: 0, consultTaps: 0 },
    });
  });
});

describe('watch time the server stands behind', () => {
  let rt: TestRuntime;
  let startAt: number;
  let endAt: number;
  beforeEach(async () => {
    rt = await testRuntime();
    ({ startAt, endAt } = (await live(rt))!);
  });
  afterEach(() => rt.close());

  let batch = 0;
  const beat = (openid: string, ats: number[]) =>
    rt.as(openid)<{ accepted: number }>('live', 'track', {
      batchId: `watch-${String(batch++).padStart(5, '0')}`,
      events: ats.map((at) => ({ type: 'heartbeat' as const, liveId: TONIGHT_LIVE, at })),
    });
  const minutes = async (openid: string) => (await rt.db.collection('live_stats').get(`${TONIGHT_LIVE}:${openid}`))?.watchMinutes ?? 0;
  /** a minute boundary inside the live, so minute buckets line up with the wall clock */
  const onAirMinute = () => Math.ceil((startAt + 5 * 60_000) / 60_000) * 60_000;
  /** the room page: a heartbeat every 30 s, each sent at once */
  const watchFor = async (openid: string, seconds: number) => {
    for (let t = 0; t <= seconds; t += 30) {
      await beat(openid, [rt.clock.now()]);
      if (t < seconds) rt.clock.advance(30_000);
    }
  };

  it('one forged batch of ten minutes of heartbeats credits nothing; the room page earns a minute per minute', async () => {
    rt.clock.set(onAirMinute() + 10 * 60_000);
    const now = rt.clock.now();
    const forged = Array.from({ length: 11 }, (_, i) => now - i * 60_000);
    expect(await beat('forger', forged)).toEqual({ ok: true, data: { accepted: 11, duplicate: false } });
    expect(await minutes('forger')).toBe(0);
    // the same forged history again a second later: the minutes are behind it, nothing more
    rt.clock.advance(1000);
    await beat('forger', forged.map((at) => at + 1000));
    expect(await minutes('forger')).toBe(0);

    await watchFor('honest', 5 * 60);
    expect(await minutes('honest')).toBe(5);
  });

  it('credits nothing before the live starts or after it ends, however the heartbeats are stamped', async () => {
    rt.clock.set(startAt - 5 * 60_000);
    await watchFor('early', 4 * 60);
    expect(await minutes('early')).toBe(0);
    rt.clock.set(endAt + 60_000);
    await watchFor('late', 4 * 60);
    expect(await minutes('late')).toBe(0);
  });

  it('after a gap, one batch credits at most the wall time since the previous heartbeat, capped at ten minutes', async () => {
    rt.clock.set(onAirMinute());
    await watchFor('away', 60);
    expect(await minutes('away')).toBe(1);
    // back after three minutes with the heartbeats queued offline meanwhile: three more
    rt.clock.advance(3 * 60_000);
    const now = rt.clock.now();
    await beat('away', Array.from({ length: 6 }, (_, i) => now - i * 30_000));
    expect(await minutes('away')).toBe(4);
    // away for half an hour, then ten minutes of heartbeats at once: at most ten
    rt.clock.advance(30 * 60_000);
    const later = rt.clock.now();
    await beat('away', Array.from({ length: 20 }, (_, i) => later - i * 30_000));
    expect(await minutes('away')).toBe(14);
  });

  it('follows the live started and ended by hand', async () => {
    const staff = rt.as('demo-staff');
    rt.clock.set(Math.ceil((startAt - 60 * 60_000) / 60_000) * 60_000);
    await watchFor('fan', 2 * 60);
    expect(await minutes('fan')).toBe(0);
    expect(await staff('admin', 'setLiveState', { liveId: TONIGHT_LIVE, state: 'live' })).toEqual({ ok: true, data: { state: 'live' } });
    rt.clock.advance(30_000);
    await watchFor('fan', 3 * 60);
    expect(await minutes('fan')).toBe(3);
    expect(await staff('admin', 'setLiveState', { liveId: TONIGHT_LIVE, state: 'ended' })).toEqual({ ok: true, data: { state: 'ended' } });
    rt.clock.advance(30_000);
    await watchFor('fan', 3 * 60);
    expect(await minutes('fan')).toBe(3);
  });

  it('WeCom’s own statistics replace the heartbeat count, and heartbeats add nothing after', async () => {
    rt.clock.set(onAirMinute());
    await watchFor('viewer-a', 3 * 60);
    expect(await minutes('viewer-a')).toBe(3);
    rt.wecomsim.setLiveWatchStats('wecom-live-1', [{ openid: 'viewer-a', watchSeconds: 125 }]);
    expect(await rt.as('demo-staff')('admin', 'importWecomWatchStats', { liveId: TONIGHT_LIVE, wecomLiveId: 'wecom-live-1' })).toEqual({
      ok: true,
      data: { imported: 1, unmatched: 0 },
    });
    expect(await minutes('viewer-a')).toBe(2);
    rt.clock.advance(30_000);
    await watchFor('viewer-a', 2 * 60);
    expect(await minutes('viewer-a')).toBe(2);
  });
});

describe('product card landing', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  const landing = { productId: 'p-foundation', liveId: TONIGHT_LIVE, cardId: 'card-1' };

  it('shows the live price while the live is on and the normal price before and after', async () => {
    const { startAt, endAt } = (await live(rt))!;
    rt.clock.set(startAt - 60_000);
    const before = await rt.as('fan')<Product>('mall', 'getProduct', landing);
    expect(before.ok && before.data.live).toBeNull();
    rt.clock.set(startAt + 60_000);
    const during = await rt.as('fan')<Product>('mall', 'getProduct', landing);
    expect(during.ok && during.data.live).toMatchObject({ liveId: TONIGHT_LIVE, cardId: 'card-1', livePriceFen: 12900, endAt });
    rt.clock.set(endAt);
    const after = await rt.as('fan')<Product>('mall', 'getProduct', landing);
    expect(after.ok && after.data.live).toBeNull();
    // a card of another product gives nothing
    rt.clock.set(startAt + 60_000);
    const wrongCard = await rt.as('fan')<Product>('mall', 'getProduct', { ...landing, cardId: 'card-2' });
    expect(wrongCard.ok && wrongCard.data.live).toBeNull();
  });

  it('before the live, says what the card will cost and from when; not once it is on or over', async () => {
    const { startAt, endAt } = (await live(rt))!;
    rt.clock.set(startAt - 60_000);
    const before = await rt.as('fan')<Product>('mall', 'getProduct', landing);
    expect(before.ok && before.data.upcoming).toEqual({ liveId: TONIGHT_LIVE, cardId: 'card-1', livePriceFen: 12900, startAt });
    const wrongCard = await rt.as('fan')<Product>('mall', 'getProduct', { ...landing, cardId: 'card-2' });
    expect(wrongCard.ok && wrongCard.data.upcoming).toBeNull();
    const plain = await rt.as('fan')<Product>('mall', 'getProduct', { productId: 'p-foundation' });
    expect(plain.ok && plain.data.upcoming).toBeNull();
    rt.clock.set(startAt + 60_000);
    const during = await rt.as('fan')<Product>('mall', 'getProduct', landing);
    expect(during.ok && [during.data.upcoming, during.data.live?.livePriceFen]).toEqual([null, 12900]);
    rt.clock.set(endAt);
    const after = await rt.as('fan')<Product>('mall', 'getProduct', landing);
    expect(after.ok && [after.data.upcoming, after.data.live]).toEqual([null, null]);
  });

  it.each([
    ['query', { id: 'p-foundation', live: TONIGHT_LIVE, card: 'card-1' }],
    ['wxacode scene', { id: 'p-foundation', scene: encodeURIComponent(`l=${TONIGHT_LIVE}&k=card-1`) }],
    ['legacy custom_params', { id: 'p-foundation', custom_params: encodeURIComponent(JSON.stringify({ live: TONIGHT_LIVE, card: 'card-1' })) }],
  ])('attribution from a %s reaches the order and charges the live price only while the live is on', async (_, options) => {
    const entry = parseEntry(options);
    expect(entry.productId).toBe('p-foundation');
    expect(entry.attribution).toMatchObject({ source: 'live_card', liveId: TONIGHT_LIVE, cardId: 'card-1' });
    const source = { kind: entry.attribution.source, liveId: entry.attribution.liveId, cardId: entry.attribution.cardId };
    const addressId = await addressFor(rt, 'card-buyer');
    const items = [{ skuId: 'p-foundation-1', quantity: 1 }];

    await duringLive(rt);
    const on = await rt.as('card-buyer')<{ orderId: string }>('mall', 'createOrder', { items, addressId, source });
    expect(on.ok).toBe(true);
    const onOrder = (await rt.db.collection('orders').get(on.ok ? on.data.orderId : ''))!;
    expect(onOrder.source).toEqual({ kind: 'live_card', liveId: TONIGHT_LIVE, cardId: 'card-1' });
    expect(onOrder.lines[0]).toMatchObject({ unitPriceFen: 12900, listPriceFen: 16900 });

    rt.clock.set((await live(rt))!.endAt + 1);
    const off = await rt.as('card-buyer')<{ orderId: string }>('mall', 'createOrder', { items, addressId, source });
    const offOrder = (await rt.db.collection('orders').get(off.ok ? off.data.orderId : ''))!;
    expect(offOrder.lines[0]).toMatchObject({ unitPriceFen: 16900, listPriceFen: 16900 });
  });
});

describe('an ended live', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('offers its highlight clips and digest once over, and no replay before', async () => {
    const staff = rt.as('demo-staff');
    const clip = { liveId: TONIGHT_LIVE, title: '粉底液上脸实测', videoUrl: 'https://cdn.example.com/clip-1.mp4', productIds: ['p-foundation'] };
    const added = await staff<{ clipId: string }>('admin', 'addClip', clip);
    await duringLive(rt);
    const during = await rt.as('fan')<LiveDetail>('live', 'get', { liveId: TONIGHT_LIVE });
    expect(during.ok && during.data.replay).toBeNull();
    const onNow = await rt.as('fan')<{ items: Array<{ _id: string; clipCount: number }> }>('live', 'list', {});
    expect(onNow.ok && onNow.data.items.find((l) => l._id === TONIGHT_LIVE)?.clipCount).toBe(0);

    rt.clock.set((await live(rt))!.endAt + 60_000);
    const ended = await rt.as('fan')<LiveDetail>('live', 'get', { liveId: TONIGHT_LIVE });
    expect(ended.ok && ended.data.replay).toEqual({
      clips: [{ clipId: added.ok ? added.data.clipId : '', title: '粉底液上脸实测', videoUrl: 'https://cdn.example.com/clip-1.mp4' }],
      postId: null,
    });
    const listed = await rt.as('fan')<{ items: Array<{ _id: string; clipCount: number }> }>('live', 'list', { state: 'ended' });
    expect(listed.ok && listed.data.items.find((l) => l._id === TONIGHT_LIVE)?.clipCount).toBe(1);
    const published = await staff<{ postId: string }>('admin', 'publishLiveDigest', { liveId: TONIGHT_LIVE });
    const withDigest = await rt.as('fan')<LiveDetail>('live', 'get', { liveId: TONIGHT_LIVE });
    expect(withDigest.ok && withDigest.data.replay?.postId).toBe(published.ok ? published.data.postId : 'missing');
  });
});

describe('silent members and staff live operations', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('invites silent members interested in the live’s categories by SMS once, skipping the active and the phoneless', async () => {
    const { startAt } = (await live(rt))!;
    // three members who tapped makeup products 40 days ago
    rt.clock.set(startAt - 40 * 24 * 3600_000);
    for (const user of ['quiet-1', 'quiet-2', 'active-1']) {
      await rt.as(user)('live', 'track', {
        batchId: `interest-${user}`,
        events: [
          { type: 'product_view', productId: 'p-foundation', at: rt.clock.now() },
          { type: 'product_view', productId: 'p-lipstick', at: rt.clock.now() },
        ],
      });
    }
    await addressFor(rt, 'quiet-1');
    rt.clock.set(startAt - 2 * 3600_000);
    await rt.as('active-1')('mall', 'listCategories', {}); // visits today: not silent
    // the clock is 18:00 Shanghai: outside quiet hours
    const first = await rt.runTimer('live', 'inviteSilentMembers');
    const second = await rt.runTimer('live', 'inviteSilentMembers');
    expect(first).toEqual({ ok: true, data: { invited: 1, skipped: 1 } });
    expect(second).toEqual({ ok: true, data: { invited: 0, skipped: 0 } });
    expect(rt.messaging.delivered).toHaveLength(1);
    const sms = rt.messaging.delivered[0];
    expect(sms.kind === 'sms' && sms.message.phone).toBe('13700001111');
    expect(sms.kind === 'sms' && sms.message.content).toContain('20:00');
    const outbox = await rt.db.collection('outbox').find({ channel: 'sms' }, { sort: [['userId', 'asc']] });
    expect(outbox.map((o) => [o.userId, o.status, o.reason])).toEqual([
      ['quiet-1', 'sent', null],
      ['quiet-2', 'skipped', 'no_phone'],
    ]);
  });

  it('an SMS goes to the phone a member bound through WeChat, before their address\'s; a code is taken once', async () => {
    const { startAt } = (await live(rt))!;
    rt.clock.set(startAt - 40 * 24 * 3600_000);
    for (const user of ['quiet-1', 'quiet-2']) {
      await rt.as(user)('live', 'track', {
        batchId: `interest-${user}`,
        events: [
          { type: 'product_view', productId: 'p-foundation', at: rt.clock.now() },
          { type: 'product_view', productId: 'p-lipstick', at: rt.clock.now() },
        ],
      });
    }
    await addressFor(rt, 'quiet-1');
    const code = rt.phonesim.issue('13900002222');
    expect(await rt.as('quiet-1')('live', 'bindPhone', { code })).toEqual({ ok: true, data: { phone: '139****2222' } });
    const reused = await rt.as('quiet-2')('live', 'bindPhone', { code });
    expect(reused.ok || reused.error).toMatchObject({ code: 'PHONE_CODE_INVALID', field: 'code' });
    // a code older than WeChat's 5 minutes is refused
    const late = rt.phonesim.issue('13900003333');
    rt.clock.advance(5 * 60_000 + 1);
    expect((await rt.as('quiet-2')('live', 'bindPhone', { code: late })).ok).toBe(false);
    const fresh = rt.phonesim.issue('13900003333');
    expect((await rt.as('quiet-2')('live', 'bindPhone', { code: fresh })).ok).toBe(true);
    expect(await rt.as('quiet-2')('live', 'messageSettings', {})).toMatchObject({ ok: true, data: { phone: '139****3333' } });

    rt.clock.set(startAt - 2 * 3600_000);
    expect(await rt.runTimer('live', 'inviteSilentMembers')).toEqual({ ok: true, data: { invited: 2, skipped: 0 } });
    const phones = rt.messaging.delivered.map((d) => (d.kind === 'sms' ? d.message.phone : ''));
    expect(phones.sort()).toEqual(['13900002222', '13900003333']);
  });

  it('an SMS opt-out made in 消息提醒 is honoured at send time, and opting back in sends again', async () => {
    const { startAt } = (await live(rt))!;
    rt.clock.set(startAt - 40 * 24 * 3600_000);
    for (const user of ['quiet-1', 'quiet-2']) {
      await rt.as(user)('live', 'track', {
        batchId: `interest-${user}`,
        events: [
          { type: 'product_view', productId: 'p-foundation', at: rt.clock.now() },
          { type: 'product_view', productId: 'p-lipstick', at: rt.clock.now() },
        ],
      });
      await addressFor(rt, user);
    }
    // opted out back then (any visit today would make them active, not silent)
    expect(await rt.as('quiet-1')('live', 'setSmsOptOut', { optOut: true })).toEqual({ ok: true, data: { smsOptedOut: true } });
    // opting out twice is the same choice
    expect(await rt.as('quiet-1')('live', 'setSmsOptOut', { optOut: true })).toEqual({ ok: true, data: { smsOptedOut: true } });
    rt.clock.set(startAt - 2 * 3600_000);
    await rt.runTimer('live', 'inviteSilentMembers');
    const outbox = await rt.db.collection('outbox').find({ channel: 'sms' }, { sort: [['userId', 'asc']] });
    expect(outbox.map((o) => [o.userId, o.status, o.reason])).toEqual([
      ['quiet-1', 'skipped', 'opted_out'],
      ['quiet-2', 'sent', null],
    ]);
    expect(rt.messaging.delivered).toHaveLength(1);
    const sms = rt.messaging.delivered[0];
    if (sms.kind !== 'sms') throw new Error('expected an SMS');
    // our part only, within the platform's 30 characters; the link opens the live through the static page
    expect([...sms.message.content].length).toBeLessThanOrEqual(30);
    expect(sms.message.content).not.toMatch(/退订|【/);
    expect(sms.message.path).toBe(`/sms/index.html?page=${encodeURIComponent(`pages/live/detail/index?live=${TONIGHT_LIVE}`)}`);

    expect(await rt.as('quiet-1')('live', 'messageSettings', {})).toMatchObject({ ok: true, data: { smsOptedOut: true } });
    expect(await rt.as('quiet-2')('live', 'messageSettings', {})).toMatchObject({ ok: true, data: { smsOptedOut: false } });
    expect(await rt.as('quiet-1')('live', 'setSmsOptOut', { optOut: false })).toEqual({ ok: true, data: { smsOptedOut: false } });
    expect((await rt.db.collection('sms_contacts').get('quiet-1'))?.optedOutAt).toBeNull();
  });

  it('消息提醒 lists the caller’s own credits per template the shop sends', async () => {
    const marketing = templateId('marketing');
    await rt.as('fan-a')('live', 'recordConsents', { consents: { [marketing]: 'accept' } });
    await rt.as('fan-a')('live', 'recordConsents', { consents: { [marketing]: 'accept', [templateId('liveStart')]: 'reject' } });
    const mine = await rt.as('fan-a')<{ templates: Array<{ templateId: string; credits: number }>; maxCredits: number }>('live', 'messageSettings', {});
    if (!mine.ok) throw new Error(mine.error.code);
    const credits = Object.fromEntries(mine.data.templates.map((t) => [t.templateId, t.credits]));
    expect(credits).toEqual({ [templateId('liveStart')]: 0, [templateId('raffleResult')]: 0, [marketing]: 2, [templateId('restock')]: 0, [templateId('orderUpdate')]: 0 });
    const theirs = await rt.as('fan-b')<{ templates: Array<{ credits: number }> }>('live', 'messageSettings', {});
    expect(theirs.ok && theirs.data.templates.every((t) => t.credits === 0)).toBe(true);
    expect(await rt.as(null)('live', 'messageSettings', {})).toMatchObject({ ok: false });
    // a template the shop never sends banks nothing
    expect(await rt.as('fan-a')('live', 'recordConsents', { consents: { 'made-up-template': 'accept' } })).toEqual({ ok: true, data: { credits: {} } });
    expect(await rt.db.collection('consent_credits').count({ templateId: 'made-up-template' })).toBe(0);
  });

  it('a held invitation is dropped, not sent, once its live is over: past its end, or ended by hand', async () => {
    const SHANGHAI = 8 * 3600_000;
    const at = (day: number, hh: number, mm = 0) => Date.UTC(2026, 10, day, hh, mm) - SHANGHAI;
    // two silent members who viewed makeup 40 days ago, with phones
    rt.clock.set(at(24, 12) - 40 * 24 * 3600_000);
    for (const user of ['late-1', 'late-2']) {
      await rt.as(user)('live', 'track', { batchId: `interest-${user}`, events: [{ type: 'product_view', productId: 'p-foundation', at: rt.clock.now() }, { type: 'product_view', productId: 'p-lipstick', at: rt.clock.now() }] });
      await addressFor(rt, user);
    }
    const staff = rt.as('demo-staff');
    const create = async (title: string, startAt: number, endAt: number) => {
      const r = await staff<{ liveId: string }>('admin', 'createLive', { title, startAt, endAt, cards: [{ productId: 'p-foundation', livePriceFen: 12900 }] });
      if (!r.ok) throw new Error(r.error.code);
      return r.data.liveId;
    };
    await rt.db.collection('lives').remove({ _id: TONIGHT_LIVE });
    // a late live, 23:00–23:30: an invitation held at 22:30 till 08:00 would come after it
    rt.clock.set(at(24, 12));
    const late = await create('夜场', at(24, 23), at(24, 23, 30));
    rt.clock.set(at(24, 22, 30));
    await rt.runTimer('live', 'inviteSilentMembers');
    const lateOutbox = await rt.db.collection('outbox').find({ source: `live:${late}:invite` });
    expect(lateOutbox.map((o) => [o.status, o.reason])).toEqual([
      ['skipped', 'expired'],
      ['skipped', 'expired'],
    ]);

    // a morning live, 09:00–11:00: invitations held from 06:30 till 08:00, the live ended by hand at 07:30
    const morning = await create('早场', at(25, 9), at(25, 11));
    rt.clock.set(at(25, 6, 30));
    await rt.runTimer('live', 'inviteSilentMembers');
    expect((await rt.db.collection('outbox').find({ source: `live:${morning}:invite` })).map((o) => o.status)).toEqual(['deferred', 'deferred']);
    rt.clock.set(at(25, 7, 30));
    await staff('admin', 'setLiveState', { liveId: morning, state: 'live' });
    await staff('admin', 'setLiveState', { liveId: morning, state: 'ended' });
    rt.clock.set(at(25, 8, 5));
    expect(await rt.runTimer('sop', 'flushOutbox')).toEqual({ ok: true, data: { attempted: 0, dropped: 2 } });
    expect((await rt.db.collection('outbox').find({ source: `live:${morning}:invite` })).map((o) => [o.status, o.reason])).toEqual([
      ['skipped', 'no_longer_relevant'],
      ['skipped', 'no_longer_relevant'],
    ]);
    expect(rt.messaging.delivered.filter((d) => d.kind === 'sms')).toHaveLength(0);
  });

  it('staff create a live with cards; shoppers see it with stock, live prices and state', async () => {
    const startAt = rt.clock.now() + 3600_000;
    const created = await rt.as('demo-staff')<{ liveId: string }>('admin', 'createLive', {
      title: '护肤专场',
      startAt,
      endAt: startAt + 7200_000,
      cards: [
        { productId: 'p-serum', livePriceFen: 25900, role: 'trust' },
        { productId: 'p-cleanser', livePriceFen: 4900, role: 'traffic' },
      ],
    });
    expect(created.ok).toBe(true);
    const liveId = created.ok ? created.data.liveId : '';
    const detail = await rt.as('demo-shopper')<LiveDetail>('live', 'get', { liveId });
    expect(detail.ok && detail.data.state).toBe('scheduled');
    expect(detail.ok && detail.data.cards.map((c) => [c.cardId, c.productId, c.livePriceFen, c.role, c.consult, c.stock > 0])).toEqual([
      ['card-1', 'p-serum', 25900, 'trust', true, true],
      ['card-2', 'p-cleanser', 4900, 'traffic', false, true],
    ]);
    expect(await rt.as('demo-staff')('admin', 'setLiveState', { liveId, state: 'live' })).toEqual({ ok: true, data: { state: 'live' } });
    const rerun = await rt.as('demo-staff')('admin', 'scheduleRerun', { liveId, cardId: 'card-1', inMinutes: 10 });
    expect(rerun).toEqual({ ok: true, data: { rerunAt: rt.clock.now() + 600_000 } });
    expect(await rt.db.collection('audit').count({ entity: 'live', entityId: liveId })).toBe(2);
    expect(await rt.as('demo-shopper')('admin', 'createLive', { title: 'x', startAt, endAt: startAt + 1, cards: [{ productId: 'p-serum', livePriceFen: 1 }] })).toEqual({
      ok: false,
      error: { code: 'NOT_STAFF', message: 'Staff only' },
    });
    const priced = await rt.as('demo-staff')('admin', 'createLive', {
      title: '高于原价',
      startAt,
      endAt: startAt + 1000,
      cards: [{ productId: 'p-cleanser', livePriceFen: 99900 }],
    });
    expect(priced.ok ? null : priced.error.field).toBe('cards.0.livePriceFen');
  });
});

describe('live prices per SKU', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  const charged = async (openid: string, skuId: string, liveId: string, cardId: string) => {
    const r = await rt.as(openid)<{ lines: Array<{ unitPriceFen: number; listPriceFen: number }> }>('mall', 'previewOrder', {
      items: [{ skuId, quantity: 1 }],
      source: { kind: 'live_card', liveId, cardId },
    });
    if (!r.ok) throw new Error(r.error.code);
    return [r.data.lines[0].unitPriceFen, r.data.lines[0].listPriceFen];
  };

  it('a card’s live price does not sell a dearer variant at the card price', async () => {
    await duringLive(rt);
    // 水光气垫霜: ¥159 to ¥359 over six variants; the card shows ¥119 and takes as much off each
    const cushion = (await live(rt))!.cards.find((c) => c.productId === 'p-cushion')!;
    expect(cushion.livePriceFen).toBe(11900);
    expect(await charged('fan', 'p-cushion-1', TONIGHT_LIVE, cushion.cardId)).toEqual([11900, 15900]);
    expect(await charged('fan', 'p-cushion-6', TONIGHT_LIVE, cushion.cardId)).toEqual([31900, 35900]);
    const addressId = await addressFor(rt, 'fan');
    const order = await rt.as('fan')<{ orderId: string }>('mall', 'createOrder', {
      items: [{ skuId: 'p-cushion-6', quantity: 1 }],
      addressId,
      source: { kind: 'live_card', liveId: TONIGHT_LIVE, cardId: cushion.cardId },
    });
    const doc = (await rt.db.collection('orders').get(order.ok ? order.data.orderId : ''))!;
    expect(doc.lines[0]).toMatchObject({ skuId: 'p-cushion-6', unitPriceFen: 31900 });
    // the product page names each SKU's live price
    const product = await rt.as('fan')<Product>('mall', 'getProduct', { productId: 'p-cushion', liveId: TONIGHT_LIVE, cardId: cushion.cardId });
    expect(product.ok && product.data.live?.skuPrices['p-cushion-6']).toBe(31900);
  });

  it('a card entered with one price applies it to the lowest-priced SKUs only; listed SKUs get their own', async () => {
    const startAt = rt.clock.now() + 60_000;
    const created = await rt.as('demo-staff')<{ liveId: string }>('admin', 'createLive', {
      title: '护肤专场',
      startAt,
      endAt: startAt + 7200_000,
      cards: [
        // 修护精华液: 30ml ¥299, 50ml ¥419
        { productId: 'p-serum', livePriceFen: 25900 },
        { productId: 'p-toner', livePriceFen: 9900, skus: [{ skuId: 'p-toner-1', livePriceFen: 9900 }, { skuId: 'p-toner-2', livePriceFen: 17900 }] },
      ],
    });
    expect(created.ok).toBe(true);
    const liveId = created.ok ? created.data.liveId : '';
    rt.clock.set(startAt + 60_000);
    expect(await charged('fan', 'p-serum-1', liveId, 'card-1')).toEqual([25900, 29900]);
    expect(await charged('fan', 'p-serum-2', liveId, 'card-1')).toEqual([41900, 41900]);
    expect(await charged('fan', 'p-toner-1', liveId, 'card-2')).toEqual([9900, 13900]);
    expect(await charged('fan', 'p-toner-2', liveId, 'card-2')).toEqual([17900, 21900]);
    // the cart keeps the same per-SKU price
    await rt.as('fan')('mall', 'addToCart', { skuId: 'p-serum-2', quantity: 1, liveId, cardId: 'card-1' });
    const cart = await rt.as('fan')<{ lines: Array<{ skuId: string; unitPriceFen: number }> }>('mall', 'getCart', {});
    expect(cart.ok && cart.data.lines.map((l) => [l.skuId, l.unitPriceFen])).toEqual([['p-serum-2', 41900]]);
  });

  it.each([
    ['a SKU of another product', [{ skuId: 'p-serum-1', livePriceFen: 9900 }], 9900, 'cards.0.skus.0.skuId'],
    ['a SKU listed twice', [{ skuId: 'p-toner-1', livePriceFen: 9900 }, { skuId: 'p-toner-1', livePriceFen: 9000 }], 9000, 'cards.0.skus.1.skuId'],
    ['a live price above the SKU’s own', [{ skuId: 'p-toner-1', livePriceFen: 9900 }, { skuId: 'p-toner-2', livePriceFen: 22900 }], 9900, 'cards.0.skus.1.livePriceFen'],
    ['a card price that is not the lowest', [{ skuId: 'p-toner-1', livePriceFen: 9900 }, { skuId: 'p-toner-2', livePriceFen: 17900 }], 12900, 'cards.0.livePriceFen'],
  ])('refuses %s', async (_, skus, livePriceFen, field) => {
    const startAt = rt.clock.now() + 60_000;
    const r = await rt.as('demo-staff')('admin', 'createLive', { title: 'x', startAt, endAt: startAt + 3600_000, cards: [{ productId: 'p-toner', livePriceFen, skus }] });
    expect(r.ok ? null : [r.error.code, r.error.field]).toEqual(['INVALID_INPUT', field]);
    expect(await rt.db.collection('lives').count({ title: 'x' })).toBe(0);
  });
});

describe('cart lines from several live cards', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('each cart line keeps its own card’s live price at checkout while the live is on', async () => {
    await duringLive(rt);
    const shopper = rt.as('cart-fan');
    await shopper('mall', 'addToCart', { skuId: 'p-foundation-1', quantity: 1, liveId: TONIGHT_LIVE, cardId: 'card-1' });
    await shopper('mall', 'addToCart', { skuId: 'p-powder-1', quantity: 1, liveId: TONIGHT_LIVE, cardId: 'card-2' });
    await shopper('mall', 'addToCart', { skuId: 'p-toner-1', quantity: 1 });
    const items = [
      { skuId: 'p-foundation-1', quantity: 1 },
      { skuId: 'p-powder-1', quantity: 1 },
      { skuId: 'p-toner-1', quantity: 1 },
    ];
    const preview = await shopper<{ lines: Array<{ skuId: string; unitPriceFen: number }> }>('mall', 'previewOrder', { items, fromCart: true });
    expect(preview.ok && preview.data.lines.map((l) => [l.skuId, l.unitPriceFen])).toEqual([
      ['p-foundation-1', 12900],
      ['p-powder-1', 9900],
      ['p-toner-1', 13900],
    ]);
    const created = await shopper<{ orderId: string }>('mall', 'createOrder', { items, addressId: await addressFor(rt, 'cart-fan'), fromCart: true });
    const order = (await rt.db.collection('orders').get(created.ok ? created.data.orderId : ''))!;
    expect(order.lines.map((l) => l.unitPriceFen)).toEqual([12900, 9900, 13900]);
    const cart = await shopper<{ lines: unknown[] }>('mall', 'getCart', {});
    expect(cart.ok && cart.data.lines).toEqual([]);
  });
});
