import { RATE_BUDGETS } from '../../cloudfunctions/core/kernel/rate-limit';
import type { DrawVerification, LiveRaffleItem, MyEntryItem, RaffleSlot, RaffleSummary, RaffleView, StaffPrize } from '../../typings/contract';
import { templateId } from '../../cloudfunctions/core/modules/messaging/templates';
import type { OrderDoc } from '../../cloudfunctions/core/schema';
import { defaultGrants } from '../../cloudfunctions/core/flows/grants';
import type { PrizeGrants } from '../../cloudfunctions/core/modules/raffle/prizes';
import { slotId } from '../../cloudfunctions/core/schema';
import { runDraw } from '../../cloudfunctions/core/flows/raffle-draw';
import { drawDueRaffles } from '../../cloudfunctions/core/flows/raffle-draw';
import { wecomState } from '../../cloudfunctions/core/modules/wecom/rules';
import { DAY, HOUR, MINUTE } from '../../cloudfunctions/core/kernel/time';
import type { PrizeSpec } from '../../typings/contract/raffle';
import { TEMPLATE_199_30 } from '../../scripts/seed/marketing';
import { RAFFLE_PAST } from '../../scripts/seed/raffles';
import { DEMO_STAFF, TONIGHT_LIVE } from '../../scripts/seed/seed';
import { CONCURRENCY_DBS, testRuntime, type TestRuntime } from '../helpers/runtime';

const RESULT_TEMPLATE = templateId('raffleResult');
const COUPON: PrizeSpec = { kind: 'coupon', title: '满 199 减 30 券', stock: 2, couponTemplateId: TEMPLATE_199_30 };
const POINTS: PrizeSpec = { kind: 'points', title: '200 积分', stock: 1, points: 200 };

type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; field?: string } };
function data<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}

const tonight = async (rt: TestRuntime) => (await rt.db.collection('lives').get(TONIGHT_LIVE))!;

async function createRaffle(rt: TestRuntime, over: Record<string, unknown> = {}): Promise<string> {
  const live = await tonight(rt);
  const r = await rt.as(DEMO_STAFF)<{ raffleId: string }>('admin', 'createRaffle', {
    liveId: TONIGHT_LIVE,
    kind: 'reservation',
    title: '预约抽奖',
    // before the seeded raffles' draws, so a timer run here draws this one alone
    draw: { type: 'once', at: live.startAt - 30 * MINUTE },
    prizes: [COUPON, POINTS],
    ...over,
  });
  return data(r).raffleId;
}

/** Users who reserved tonight's live before it started. */
async function reservers(rt: TestRuntime, users: string[]) {
  for (const u of users) data(await rt.as(u)('live', 'reserve', { liveId: TONIGHT_LIVE }));
}

/** The user joins the fan group through tonight's join way: WeCom's group change event, its state from the member list. */
async function joinGroup(rt: TestRuntime, userId: string) {
  expect(await rt.devWecom('join_group', userId, wecomState(TONIGHT_LIVE))).toEqual({ status: 200, body: 'success' });
}

const enter = (rt: TestRuntime, user: string, raffleId: string) =>
  rt.as(user)<{ entry: { entryId: string; slot: number }; entryCount: number; drawAt: number }>('raffle', 'enter', { raffleId });
const slotDoc = (rt: TestRuntime, raffleId: string, n = 1) => rt.db.collection('raffle_slots').get(slotId(raffleId, n));
const prizesOf = (rt: TestRuntime, raffleId: string) => rt.db.collection('raffle_prizes').find({ raffleId }, { sort: [['unit', 'asc']] });

describe('entering a raffle', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('when one user taps enter their whole rate budget at once, one entry is made and every answer names it', async () => {
    const raffleId = await createRaffle(rt);
    await reservers(rt, ['fan-1']);
    const results = await Promise.all(Array.from({ length: RATE_BUDGETS['raffle.enter'].limit }, () => enter(rt, 'fan-1', raffleId)));
    const entryIds = new Set(results.map((r) => data(r).entry.entryId));
    expect(entryIds.size).toBe(1);
    expect(await rt.db.collection('raffle_entries').count({ raffleId })).toBe(1);
    expect((await slotDoc(rt, raffleId))!.entryCount).toBe(1);
    expect(data(await rt.as('fan-1')<RaffleView>('raffle', 'get', { raffleId })).myEntry).toEqual({
      entryId: [...entryIds][0],
      slot: 1,
      createdAt: rt.clock.now(),
      result: 'pending',
      prize: null,
    });
  });

  it('a reservation raffle refuses users who did not reserve, or reserved only after the live began', async () => {
    const live = await tonight(rt);
    const raffleId = await createRaffle(rt, { draw: { type: 'once', at: live.startAt + 2 * HOUR } });
    expect(await enter(rt, 'stranger', raffleId)).toEqual({
      ok: false,
      error: { code: 'RAFFLE_NOT_ELIGIBLE', message: 'Reserve the live before it starts to enter' },
    });
    rt.clock.set(live.startAt + MINUTE);
    data(await rt.as('late')('live', 'reserve', { liveId: TONIGHT_LIVE }));
    expect(await enter(rt, 'late', raffleId)).toMatchObject({ ok: false, error: { code: 'RAFFLE_NOT_ELIGIBLE' } });
    expect(data(await rt.as('late')<RaffleView>('raffle', 'get', { raffleId })).block).toBe('not_eligible');
    // a reservation made before the start and then cancelled does not count either
    rt.clock.set(live.startAt - HOUR);
    await reservers(rt, ['fickle']);
    data(await rt.as('fickle')('live', 'cancelReservation', { liveId: TONIGHT_LIVE }));
    expect(await enter(rt, 'fickle', raffleId)).toMatchObject({ ok: false, error: { code: 'RAFFLE_NOT_ELIGIBLE' } });
    expect(await rt.db.collection('raffle_entries').count({ raffleId })).toBe(0);
  });

  it('a group-join raffle takes users who joined the fan group or added staff through the live, and refuses others', async () => {
    const raffleId = await createRaffle(rt, { kind: 'group_join' });
    expect(await enter(rt, 'fan-2', raffleId)).toEqual({
      ok: false,
      error: { code: 'RAFFLE_NOT_ELIGIBLE', message: 'Join the fan group on WeCom to enter' },
    });
    await joinGroup(rt, 'fan-2');
    expect(data(await enter(rt, 'fan-2', raffleId)).entryCount).toBe(1);
    // the same through the WeCom callback path: adding staff via the live's "contact me" link
    expect(await enter(rt, 'fan-3', raffleId)).toMatchObject({ ok: false, error: { code: 'RAFFLE_NOT_ELIGIBLE' } });
    expect((await rt.devWecom('add_contact', 'fan-3', wecomState(TONIGHT_LIVE))).status).toBeLessThan(300);
    expect(data(await enter(rt, 'fan-3', raffleId)).entryCount).toBe(2);
  });

  it('refuses unknown raffles, and entries once the last draw time has passed', async () => {
    expect(await enter(rt, 'fan-1', 'nope')).toEqual({ ok: false, error: { code: 'RAFFLE_NOT_FOUND', message: 'Raffle not found', field: 'raffleId' } });
    const raffleId = await createRaffle(rt);
    await reservers(rt, ['fan-1']);
    rt.clock.set((await slotDoc(rt, raffleId))!.drawAt);
    expect(await enter(rt, 'fan-1', raffleId)).toEqual({ ok: false, error: { code: 'RAFFLE_CLOSED', message: 'This raffle is not taking entries now' } });
  });

  it('lists each raffle with whether the caller may enter it: a reserver is not yet in the fan-group raffle', async () => {
    const reservation = await createRaffle(rt);
    const group = await createRaffle(rt, { kind: 'group_join', title: '进群抽奖' });
    const eligibility = async (user: string) => {
      const { items } = data(await rt.as(user)<{ items: LiveRaffleItem[] }>('raffle', 'listForLive', { liveId: TONIGHT_LIVE }));
      return [reservation, group].map((id) => items.find((r) => r.raffleId === id)).map((r) => [r?.kind, r?.eligible]);
    };
    expect(await eligibility('fan-1')).toEqual([['reservation', false], ['group_join', false]]);
    await reservers(rt, ['fan-1']);
    expect(await eligibility('fan-1')).toEqual([['reservation', true], ['group_join', false]]);
    await joinGroup(rt, 'fan-1');
    expect(await eligibility('fan-1')).toEqual([['reservation', true], ['group_join', true]]);
  });

  it('never shows the seed before the draw: not in get, listForLive, enter, the staff list or the audit', async () => {
    const raffleId = await createRaffle(rt);
    await reservers(rt, ['fan-1']);
    const seed = (await slotDoc(rt, raffleId))!.seed;
    const answers = [
      await enter(rt, 'fan-1', raffleId),
      await rt.as('fan-1')('raffle', 'get', { raffleId }),
      await rt.as('fan-1')('raffle', 'listForLive', { liveId: TONIGHT_LIVE }),
      await rt.as('fan-1')('raffle', 'myEntries', {}),
      await rt.as('fan-1')('raffle', 'verify', { raffleId }),
      await rt.as(DEMO_STAFF)('admin', 'listRaffles', { liveId: TONIGHT_LIVE }),
      await rt.db.collection('audit').find({}),
    ];
    for (const a of answers) expect(JSON.stringify(a)).not.toContain(seed);
    expect(answers[4]).toMatchObject({ ok: false, error: { code: 'RAFFLE_NOT_DRAWN' } });
    const view = data(await rt.as('fan-1')<RaffleView>('raffle', 'get', { raffleId }));
    expect(view.commitment).toBe((await slotDoc(rt, raffleId))!.commitment);
    expect(view.slots[0]).toMatchObject({ state: 'open', seed: null, winners: [] });
  });
});

describe('drawing', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  const FANS = Array.from({ length: 8 }, (_, i) => `fan-${i + 1}`);

  async function raffleWithEntries(over: Record<string, unknown> = {}) {
    const raffleId = await createRaffle(rt, over);
    await reservers(rt, FANS);
    for (const fan of FANS) data(await enter(rt, fan, raffleId));
    return raffleId;
  }

  it('20 draws at once (the timer twice over, staff pressing draw) end in one set of winners and each prize granted once', async () => {
    const raffleId = await raffleWithEntries();
    // two winners hold a consent credit for the result notice
    for (const fan of FANS.slice(0, 2)) data(await rt.as(fan)('live', 'recordConsents', { consents: { [RESULT_TEMPLATE]: 'accept' } }));
    rt.clock.set((await slotDoc(rt, raffleId))!.drawAt);
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 ? rt.runTimer('raffle', 'drawRaffles') : rt.as(DEMO_STAFF)<{ slot: RaffleSlot }>('admin', 'drawRaffle', { raffleId }),
      ),
    );
    expect(runs.every((r) => r.ok)).toBe(true);
    const slot = (await slotDoc(rt, raffleId))!;
    expect(slot.state).toBe('drawn');
    expect(slot.winners).toHaveLength(3);
    for (const r of runs.filter((_, i) => i % 2 === 0)) {
      expect((r as { data: { slot: RaffleSlot } }).data.slot.winners.map((w) => w.entryId)).toEqual(slot.winners!.map((w) => w.entryId));
    }
    const prizes = await prizesOf(rt, raffleId);
    expect(prizes.map((p) => [p.unit, p.status])).toEqual([
      [1, 'granted'],
      [2, 'granted'],
      [3, 'granted'],
    ]);
    expect(await rt.db.collection('coupons').count({ grantKey: { $in: prizes.map((p) => `raffle:${p._id}`) } })).toBe(2);
    expect(await rt.db.collection('points_entries').count({ _id: `raffle:${prizes[2]._id}` })).toBe(1);
    expect(await rt.db.collection('raffle_wins').count({ raffleId })).toBe(3);
    // one notice per winner, sent only where a credit was held
    const notices = await rt.db.collection('outbox').find({ source: `raffle:${raffleId}:result` });
    expect(notices).toHaveLength(3);
    for (const n of notices) expect(n.status).toBe(FANS.slice(0, 2).includes(n.userId) ? 'sent' : 'skipped');
    // a draw pressed again later answers the same result
    const again = data(await rt.as(DEMO_STAFF)<{ slot: RaffleSlot }>('admin', 'drawRaffle', { raffleId }));
    expect(again.slot.winners.map((w) => w.entryId)).toEqual(slot.winners!.map((w) => w.entryId));
  });

  it('a crash after the winners are chosen but before any prize is granted: the retry keeps the winners and grants each prize once', async () => {
    const raffleId = await raffleWithEntries();
    const id = slotId(raffleId, 1);
    rt.clock.set((await slotDoc(rt, raffleId))!.drawAt);
    const deps = { db: rt.db, messaging: rt.ports.messaging, now: rt.clock.now() };
    await expect(runDraw({ ...deps, afterWinners: () => Promise.reject(new Error('crash')) }, id)).rejects.toThrow('crash');
    const crashed = (await slotDoc(rt, raffleId))!;
    expect(crashed.state).toBe('awarding');
    expect((await prizesOf(rt, raffleId)).map((p) => p.status)).toEqual(['pending', 'pending', 'pending']);
    expect(await rt.db.collection('points_entries').count({ source: 'grant', ref: raffleId })).toBe(0);

    // the next timer run resumes it
    rt.clock.advance(MINUTE);
    expect(data(await rt.runTimer('raffle', 'drawRaffles'))).toEqual({ drawn: 1, failed: 0 });
    const done = (await slotDoc(rt, raffleId))!;
    expect(done.state).toBe('drawn');
    expect(done.winners).toEqual(crashed.winners);
    expect(done.drawnAt).toBe(crashed.drawnAt);
    expect((await prizesOf(rt, raffleId)).map((p) => p.status)).toEqual(['granted', 'granted', 'granted']);
    expect(await rt.db.collection('coupons').count({ templateId: TEMPLATE_199_30, source: 'grant', userId: { $in: FANS } })).toBe(2);
    expect(await rt.db.collection('points_entries').count({ source: 'grant', ref: raffleId })).toBe(1);
    // and once more changes nothing
    expect(data(await rt.runTimer('raffle', 'drawRaffles'))).toEqual({ drawn: 0, failed: 0 });
    expect(await rt.db.collection('coupons').count({ templateId: TEMPLATE_199_30, source: 'grant', userId: { $in: FANS } })).toBe(2);
  });

  it('a crash in the middle of granting: the retry finishes the rest, and what was granted is not granted again', async () => {
    const raffleId = await raffleWithEntries();
    rt.clock.set((await slotDoc(rt, raffleId))!.drawAt);
    const calls = { coupon: 0, points: 0 };
    let fail = true;
    const flaky: PrizeGrants = {
      ...defaultGrants,
      coupon: async (db, g) => {
        calls.coupon++;
        const r = await defaultGrants.coupon(db, g);
        // the second coupon is issued, then the process dies before it is recorded
        if (calls.coupon === 2 && fail) {
          fail = false;
          throw new Error('crash after the grant');
        }
        return r;
      },
      points: async (db, g) => {
        calls.points++;
        return defaultGrants.points(db, g);
      },
    };
    const first = await drawDueRaffles({ db: rt.db, messaging: rt.ports.messaging, now: rt.clock.now() }, { grants: flaky, log: () => undefined });
    expect(first).toEqual({ drawn: 0, failed: 1 });
    expect((await prizesOf(rt, raffleId)).map((p) => p.status)).toEqual(['granted', 'pending', 'pending']);
    const second = await drawDueRaffles({ db: rt.db, messaging: rt.ports.messaging, now: rt.clock.now() + MINUTE }, { grants: flaky });
    expect(second).toEqual({ drawn: 1, failed: 0 });
    expect((await prizesOf(rt, raffleId)).map((p) => p.status)).toEqual(['granted', 'granted', 'granted']);
    // the second coupon's grant ran twice but issued one coupon (same key)
    expect(calls).toEqual({ coupon: 3, points: 1 });
    expect(await rt.db.collection('coupons').count({ templateId: TEMPLATE_199_30, source: 'grant', userId: { $in: FANS } })).toBe(2);
  });

  it('verify recomputes exactly the published winners from the revealed seed; a changed seed fails', async () => {
    const raffleId = await raffleWithEntries();
    const before = (await slotDoc(rt, raffleId))!;
    rt.clock.set(before.drawAt);
    data(await rt.runTimer('raffle', 'drawRaffles'));
    const view = data(await rt.as('fan-1')<RaffleView>('raffle', 'get', { raffleId }));
    expect(view.slots[0].seed).toBe(before.seed);
    expect(view.slots[0].commitment).toBe(before.commitment);
    const v = data(await rt.as('anyone')<DrawVerification>('raffle', 'verify', { raffleId }));
    const entries = await rt.db.collection('raffle_entries').find({ raffleId });
    expect(v).toEqual({
      raffleId,
      slot: 1,
      procedure: 'hmac-sha256-rejection-v1',
      commitment: before.commitment,
      seed: before.seed,
      entryIds: entries.map((e) => e.entryId).sort(),
      excludedEntryIds: [],
      units: [
        { unit: 1, prizeIndex: 0, prizeTitle: COUPON.title },
        { unit: 2, prizeIndex: 0, prizeTitle: COUPON.title },
        { unit: 3, prizeIndex: 1, prizeTitle: POINTS.title },
      ],
      winners: view.winners,
      recomputed: view.winners.map((w) => w.entryId),
      seedMatchesCommitment: true,
      winnersMatch: true,
      valid: true,
    });
    // winners show masked nicknames and public entry ids, never a user id
    expect(view.winners.map((w) => w.nickname)).toEqual(view.winners.map(() => expect.stringMatching(/^.\*\*.$|^.\*$/)));
    expect(JSON.stringify(view.winners)).not.toMatch(/fan-\d/);

    await rt.db.collection('raffle_slots').update({ _id: slotId(raffleId, 1) }, { $set: { seed: `${before.seed.slice(0, 63)}${before.seed.endsWith('0') ? '1' : '0'}` } });
    const tampered = data(await rt.as('anyone')<DrawVerification>('raffle', 'verify', { raffleId, slot: 1 }));
    expect([tampered.seedMatchesCommitment, tampered.valid]).toEqual([false, false]);
  });

  it('the seeded past raffle verifies', async () => {
    const v = data(await rt.as('anyone')<DrawVerification>('raffle', 'verify', { raffleId: RAFFLE_PAST }));
    expect([v.valid, v.entryIds.length, v.winners.length]).toEqual([true, 12, 4]);
  });

  it('staff need raffle.write to create and draw; shoppers are not staff', async () => {
    await rt.db.collection('staff').insert({ _id: 'cs-1', role: 'cs', createdAt: 0 });
    const live = await tonight(rt);
    const input = { liveId: TONIGHT_LIVE, kind: 'reservation', title: 't', draw: { type: 'once', at: live.startAt }, prizes: [POINTS] };
    expect(await rt.as('cs-1')('admin', 'createRaffle', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await rt.as('fan-1')('admin', 'createRaffle', input)).toMatchObject({ ok: false, error: { code: 'NOT_STAFF' } });
    expect(await rt.as('cs-1')('admin', 'drawRaffle', { raffleId: RAFFLE_PAST })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(data(await rt.as('cs-1')<{ items: StaffPrize[] }>('admin', 'rafflePrizes', { raffleId: RAFFLE_PAST })).items).toHaveLength(4);
  });

  it('refuses settings that do not fit: a draw in the past, an ended live, too many units, unknown goods or coupons', async () => {
    const staff = rt.as(DEMO_STAFF);
    const live = await tonight(rt);
    const base = { liveId: TONIGHT_LIVE, kind: 'reservation', title: 't', draw: { type: 'once', at: live.startAt }, prizes: [POINTS] };
    expect(await staff('admin', 'createRaffle', { ...base, draw: { type: 'once', at: rt.clock.now() - 1 } })).toEqual({
      ok: false,
      error: { code: 'RAFFLE_INVALID', message: 'the first draw must be in the future', field: 'draw' },
    });
    expect(await staff('admin', 'createRaffle', { ...base, prizes: [{ ...POINTS, stock: 60 }, { ...POINTS, stock: 41 }] })).toMatchObject({
      ok: false,
      error: { code: 'RAFFLE_INVALID', field: 'prizes' },
    });
    expect(await staff('admin', 'createRaffle', { ...base, prizes: [POINTS, { kind: 'goods', title: 'g', stock: 1, skuId: 'nope' }] })).toMatchObject({
      ok: false,
      error: { code: 'SKU_UNAVAILABLE', field: 'prizes.1.skuId' },
    });
    expect(await staff('admin', 'createRaffle', { ...base, prizes: [{ ...COUPON, couponTemplateId: 'nope' }] })).toMatchObject({
      ok: false,
      error: { code: 'COUPON_NOT_FOUND', field: 'prizes.0.couponTemplateId' },
    });
    expect(await staff('admin', 'createRaffle', { ...base, prizes: [{ kind: 'goods', title: 'g', stock: 100, skuId: 'p-gift-base-1' }], draw: { type: 'every', minutes: 60 } })).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_STOCK', field: 'prizes.0.stock' },
    });
    rt.clock.set(live.endAt);
    expect(await staff('admin', 'createRaffle', base)).toMatchObject({ ok: false, error: { code: 'LIVE_ENDED' } });
    expect(await rt.db.collection('raffles').count({ liveId: TONIGHT_LIVE })).toBe(2); // the seeded two
  });
});

describe('draws on the hour', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('one draw per hour of the live, each with its own entries, commitment and winners; a winner is not drawn again', async () => {
    const live = await tonight(rt);
    const raffleId = await createRaffle(rt, { kind: 'group_join', draw: { type: 'every', minutes: 60 }, prizes: [POINTS] });
    const slots = await rt.db.collection('raffle_slots').find({ raffleId }, { sort: [['slot', 'asc']] });
    expect(slots.map((s) => s.drawAt)).toEqual([live.startAt + HOUR, live.startAt + 2 * HOUR, live.startAt + 3 * HOUR]);
    expect(new Set(slots.map((s) => s.commitment)).size).toBe(3);

    await joinGroup(rt, 'a');
    await joinGroup(rt, 'b');
    data(await enter(rt, 'a', raffleId));
    rt.clock.set(live.startAt + HOUR);
    // the hour has struck but the timer has not run: entries go to the next draw
    const next = data(await enter(rt, 'b', raffleId));
    expect([next.entry.slot, next.drawAt]).toEqual([2, live.startAt + 2 * HOUR]);
    data(await rt.runTimer('raffle', 'drawRaffles'));
    const first = (await slotDoc(rt, raffleId, 1))!;
    expect(first.winners!.map((w) => w.userId)).toEqual(['a']);
    // a has won once, as many times as allowed: refused from the next draw
    expect(await enter(rt, 'a', raffleId)).toMatchObject({ ok: false, error: { code: 'RAFFLE_ALREADY_WON' } });
    expect(data(await rt.as('a')<RaffleView>('raffle', 'get', { raffleId }))).toMatchObject({ block: 'already_won', currentSlot: 2 });

    rt.clock.set(live.startAt + 2 * HOUR);
    data(await rt.runTimer('raffle', 'drawRaffles'));
    expect((await slotDoc(rt, raffleId, 2))!.winners!.map((w) => w.userId)).toEqual(['b']);
    const view = data(await rt.as('b')<RaffleView>('raffle', 'get', { raffleId }));
    expect(view).toMatchObject({ state: 'open', currentSlot: 3, nextDrawAt: live.startAt + 3 * HOUR, entryCount: 0, myEntry: null });
    expect(view.slots.map((s) => [s.slot, s.state, s.winners.length])).toEqual([
      [1, 'drawn', 1],
      [2, 'drawn', 1],
      [3, 'open', 0],
    ]);
    expect(view.winners.map((w) => w.entryId)).toEqual([next.entry.entryId]);
    const mine = data(await rt.as('b')<{ items: MyEntryItem[]; total: number }>('raffle', 'myEntries', {}));
    expect(mine.items.map((e) => [e.slot, e.result, e.prize?.status, e.prize?.points])).toEqual([[2, 'won', 'granted', 200]]);

    // nobody enters the last hour: it is drawn with no winners
    rt.clock.set(live.startAt + 3 * HOUR);
    data(await rt.runTimer('raffle', 'drawRaffles'));
    const list = data(await rt.as('b')<{ items: RaffleSummary[] }>('raffle', 'listForLive', { liveId: TONIGHT_LIVE }));
    expect(list.items.find((r) => r.raffleId === raffleId)).toMatchObject({ state: 'drawn', currentSlot: null, nextDrawAt: null, slotCount: 3 });
  });

  it('an entry made before the previous draw ran is left out of the next draw once its user has won (and says so)', async () => {
    const live = await tonight(rt);
    const raffleId = await createRaffle(rt, { kind: 'group_join', draw: { type: 'every', minutes: 60 }, prizes: [POINTS] });
    await joinGroup(rt, 'a');
    await joinGroup(rt, 'b');
    data(await enter(rt, 'a', raffleId));
    rt.clock.set(live.startAt + HOUR);
    data(await enter(rt, 'a', raffleId)); // into draw 2, before draw 1 has run
    data(await enter(rt, 'b', raffleId));
    rt.clock.set(live.startAt + 2 * HOUR);
    data(await rt.runTimer('raffle', 'drawRaffles')); // draws 1 then 2
    const second = (await slotDoc(rt, raffleId, 2))!;
    expect(second.winners!.map((w) => w.userId)).toEqual(['b']);
    expect(second.excludedEntryIds).toHaveLength(1);
    const mine = data(await rt.as('a')<{ items: MyEntryItem[] }>('raffle', 'myEntries', {}));
    expect(mine.items.map((e) => [e.slot, e.result]).sort()).toEqual([
      [1, 'won'],
      [2, 'excluded'],
    ]);
    const v = data(await rt.as('x')<DrawVerification>('raffle', 'verify', { raffleId, slot: 2 }));
    expect([v.valid, v.entryIds.length, v.excludedEntryIds]).toEqual([true, 1, second.excludedEntryIds]);
  });

  it('staff draw the current hour early: it closes, new entries go to the next hour, and a crash in it is resumed by the next timer run', async () => {
    const live = await tonight(rt);
    rt.clock.set(live.startAt + 10 * MINUTE);
    const raffleId = await createRaffle(rt, { kind: 'group_join', draw: { type: 'every', minutes: 60 }, prizes: [POINTS] });
    await joinGroup(rt, 'a');
    await joinGroup(rt, 'b');
    data(await enter(rt, 'a', raffleId));
    await expect(
      runDraw({ db: rt.db, messaging: rt.ports.messaging, now: rt.clock.now(), afterWinners: () => Promise.reject(new Error('crash')) }, slotId(raffleId, 1), { early: true }),
    ).rejects.toThrow('crash');
    expect(data(await enter(rt, 'b', raffleId)).entry.slot).toBe(2);
    // still well before 21:00: the timer resumes the half-done early draw anyway
    rt.clock.advance(MINUTE);
    expect(data(await rt.runTimer('raffle', 'drawRaffles'))).toEqual({ drawn: 1, failed: 0 });
    const first = (await slotDoc(rt, raffleId, 1))!;
    expect([first.state, first.winners!.map((w) => w.userId)]).toEqual(['drawn', ['a']]);
    expect((await prizesOf(rt, raffleId)).map((p) => p.status)).toEqual(['granted']);
    // pressing draw on it again answers the same draw
    const again = data(await rt.as(DEMO_STAFF)<{ slot: RaffleSlot }>('admin', 'drawRaffle', { raffleId, slot: 1 }));
    expect(again.slot).toMatchObject({ slot: 1, state: 'drawn', seed: first.seed, drawnAt: first.drawnAt });
  });

  it('maxWinsPerUser lets a user win in more than one draw', async () => {
    const live = await tonight(rt);
    const raffleId = await createRaffle(rt, { kind: 'group_join', draw: { type: 'every', minutes: 60 }, prizes: [POINTS], maxWinsPerUser: 2 });
    await joinGroup(rt, 'a');
    data(await enter(rt, 'a', raffleId));
    rt.clock.set(live.startAt + HOUR);
    data(await rt.runTimer('raffle', 'drawRaffles'));
    data(await enter(rt, 'a', raffleId));
    rt.clock.set(live.startAt + 2 * HOUR);
    data(await rt.runTimer('raffle', 'drawRaffles'));
    expect(await rt.db.collection('raffle_wins').get(`${raffleId}:a`)).toMatchObject({ count: 2 });
    expect(await enter(rt, 'a', raffleId)).toMatchObject({ ok: false, error: { code: 'RAFFLE_ALREADY_WON' } });
  });
});

describe('goods prizes', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  const SKU = 'p-lipstick-1';
  const stock = async () => (await rt.db.collection('skus').get(SKU))!.stock;
  const GOODS: PrizeSpec = { kind: 'goods', title: '口红正装', stock: 2, skuId: SKU };

  async function addressFor(user: string) {
    return data(
      await rt.as(user)<{ addressId: string }>('mall', 'saveAddress', {
        userName: '王五',
        telNumber: '13700001111',
        provinceName: '广东省',
        cityName: '深圳市',
        countyName: '南山区',
        detailInfo: '科技园 1 号',
      }),
    ).addressId;
  }

  it('stock is taken when the raffle is made; the winner gives an address and gets a zero-price paid order; units nobody won go back', async () => {
    const before = await stock();
    const raffleId = await createRaffle(rt, { prizes: [GOODS] });
    expect(await stock()).toBe(before - 2);
    await reservers(rt, ['solo']);
    data(await enter(rt, 'solo', raffleId));
    rt.clock.set((await slotDoc(rt, raffleId))!.drawAt);
    data(await rt.runTimer('raffle', 'drawRaffles'));
    // one entrant, two units: one unit back on the shelf
    expect(await stock()).toBe(before - 1);
    const [prize] = await prizesOf(rt, raffleId);
    expect(prize).toMatchObject({ status: 'awaiting_address', userId: 'solo', claimBy: rt.clock.now() + 7 * DAY });

    expect(await rt.as('other')('raffle', 'claimPrize', { prizeId: prize._id, addressId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'PRIZE_NOT_FOUND', field: 'prizeId' },
    });
    expect(await rt.as('solo')('raffle', 'claimPrize', { prizeId: prize._id, addressId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'ADDRESS_NOT_FOUND' },
    });
    const addressId = await addressFor('solo');
    const claims = await Promise.all(Array.from({ length: 5 }, () => rt.as('solo')<{ orderId: string }>('raffle', 'claimPrize', { prizeId: prize._id, addressId })));
    const orderIds = new Set(claims.map((c) => data(c).orderId));
    expect(orderIds.size).toBe(1);
    const order = (await rt.db.collection('orders').get([...orderIds][0]))! as OrderDoc & { prize: unknown };
    expect(order).toMatchObject({
      userId: 'solo',
      status: 'paid',
      paymentMethod: 'raffle_prize',
      price: { goodsFen: 0, discountFen: 0, shippingFen: 0, payableFen: 0 },
      lines: [{ skuId: SKU, quantity: 1, unitPriceFen: 0, lineTotalFen: 0 }],
      prize: { raffleId, prizeId: prize._id, liveId: TONIGHT_LIVE },
    });
    expect(await rt.db.collection('orders').count({ userId: 'solo' })).toBe(1);
    // the order's stock was the unit taken when the raffle was made
    expect(await stock()).toBe(before - 1);

    // staff ship it like any paid order; the winner follows the delivery
    data(await rt.as(DEMO_STAFF)('admin', 'shipOrder', { orderId: order._id, company: '顺丰速运', trackingNumber: 'SF1234567890' }));
    const mine = data(await rt.as('solo')<{ items: MyEntryItem[] }>('raffle', 'myEntries', {}));
    expect(mine.items[0].prize).toMatchObject({ status: 'ordered', orderId: order._id, orderStatus: 'shipped' });
    const staffView = data(await rt.as(DEMO_STAFF)<{ items: StaffPrize[] }>('admin', 'rafflePrizes', { raffleId }));
    expect(staffView.items).toEqual([expect.objectContaining({ prizeId: prize._id, userId: 'solo', status: 'ordered', orderStatus: 'shipped' })]);
  });

  it('a goods prize not claimed in 7 days is forfeited and its unit returns to stock, once', async () => {
    const before = await stock();
    const raffleId = await createRaffle(rt, { prizes: [{ ...GOODS, stock: 1 }] });
    await reservers(rt, ['slow']);
    data(await enter(rt, 'slow', raffleId));
    rt.clock.set((await slotDoc(rt, raffleId))!.drawAt);
    data(await rt.runTimer('raffle', 'drawRaffles'));
    expect(await stock()).toBe(before - 1);
    rt.clock.advance(7 * DAY + 1);
    const runs = await Promise.all([rt.runTimer('raffle', 'expireRafflePrizes'), rt.runTimer('raffle', 'expireRafflePrizes')]);
    expect(runs.map((r) => data(r as Result<{ forfeited: number }>).forfeited).sort()).toEqual([0, 1]);
    expect(await stock()).toBe(before);
    const [prize] = await prizesOf(rt, raffleId);
    expect(prize).toMatchObject({ status: 'forfeited', reason: 'not_claimed' });
    expect(await rt.as('slow')('raffle', 'claimPrize', { prizeId: prize._id, addressId: await addressFor('slow') })).toMatchObject({
      ok: false,
      error: { code: 'PRIZE_CLAIM_EXPIRED' },
    });
  });

  it('a non-goods prize cannot be claimed with an address', async () => {
    const raffleId = await createRaffle(rt, { prizes: [POINTS] });
    await reservers(rt, ['p']);
    data(await enter(rt, 'p', raffleId));
    rt.clock.set((await slotDoc(rt, raffleId))!.drawAt);
    data(await rt.runTimer('raffle', 'drawRaffles'));
    const [prize] = await prizesOf(rt, raffleId);
    expect(await rt.as('p')('raffle', 'claimPrize', { prizeId: prize._id, addressId: await addressFor('p') })).toMatchObject({
      ok: false,
      error: { code: 'PRIZE_STATE_INVALID' },
    });
  });
});

describe.each(CONCURRENCY_DBS)('entries racing the draw (%s)', (_db, dbChoice) => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime(dbChoice);
  });
  afterEach(() => rt.close());

  it('30 entrants and a staff draw at the same moment: each entry answered is in the draw, each refused left nothing, verify agrees', async () => {
    const raffleId = await createRaffle(rt);
    const fans = Array.from({ length: 30 }, (_, i) => `racer-${i}`);
    await reservers(rt, fans);
    // ten are in before the draw; twenty race it, started from just before to just after it
    const early = await Promise.all(fans.slice(0, 10).map((fan) => enter(rt, fan, raffleId)));
    const later = (fan: string, i: number) =>
      new Promise<Result<{ entry: { entryId: string } }>>((resolve) => setTimeout(() => resolve(enter(rt, fan, raffleId)), i % 8));
    const [draw, ...racing] = await Promise.all([
      new Promise<Result<{ slot: RaffleSlot }>>((resolve) => setTimeout(() => resolve(rt.as(DEMO_STAFF)<{ slot: RaffleSlot }>('admin', 'drawRaffle', { raffleId })), 2)),
      ...fans.slice(10).map(later),
    ]);
    const answers = [...early, ...racing];
    expect(data(draw).slot.state).toBe('drawn');
    const entered = answers.flatMap((a) => (a.ok ? [a.data.entry.entryId] : []));
    expect(entered.length).toBeGreaterThanOrEqual(10);
    expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? '' : a.error.code))).toEqual(answers.filter((a) => !a.ok).map(() => 'RAFFLE_CLOSED'));
    const stored = await rt.db.collection('raffle_entries').find({ raffleId });
    expect(stored.filter((e) => e.state === 'pending')).toEqual([]);
    expect(stored.map((e) => e.entryId).sort()).toEqual([...entered].sort());
    const v = data(await rt.as('anyone')<DrawVerification>('raffle', 'verify', { raffleId }));
    expect([v.valid, v.entryIds]).toEqual([true, [...entered].sort()]);
    expect((await slotDoc(rt, raffleId))!.entryCount).toBe(entered.length);
  });
});
