import type { LiveDoc } from '../../cloudfunctions/core/schema';
import { reservationId } from '../../cloudfunctions/core/schema';
import type { RaffleDoc } from '../../cloudfunctions/core/schema';
import { entryKey } from '../../cloudfunctions/core/schema';
import { openSlots } from '../../cloudfunctions/core/modules/raffle/rules';
import { drawTimes } from '../../cloudfunctions/core/modules/raffle/rules';
import { runDraw } from '../../cloudfunctions/core/flows/raffle-draw';
import { DAY, HOUR, MINUTE, shanghaiTimeOfDay } from '../../cloudfunctions/core/kernel/time';
import type { Ports } from '../../cloudfunctions/core/ports';
import type { PrizeSpec } from '../../typings/contract/raffle';
import { TEMPLATE_199_30, TEMPLATE_20_OFF } from './marketing';
import type { SeedStaff } from './staff';

/**
 * The demo shop's raffles: tonight's reservation raffle (reserve before 20:00 to enter) and a
 * group-join raffle drawn on every hour of tonight's live, plus last week's live with a reservation
 * raffle already drawn, so the winners list and the verify view have something real to show.
 */
export const PAST_LIVE = 'live-past';
export const RAFFLE_TONIGHT = 'raffle-tonight';
export const RAFFLE_TONIGHT_GROUP = 'raffle-tonight-group';
export const RAFFLE_PAST = 'raffle-past';

/** Fans who reserved last week's live and entered its raffle (the demo shopper did not, so their wallet stays as seeded). */
const PAST_FANS: Array<[openid: string, nickname: string]> = [
  ['demo-fan-01', '桃子汽水'],
  ['demo-fan-02', '阿May'],
  ['demo-fan-03', '小鹿乱撞'],
  ['demo-fan-04', '奶油芝士'],
  ['demo-fan-05', 'Luna'],
  ['demo-fan-06', '橘子味的夏天'],
  ['demo-fan-07', '一颗柠檬'],
  ['demo-fan-08', '晚风'],
  ['demo-fan-09', 'Coco酱'],
  ['demo-fan-10', '云朵棉花糖'],
  ['demo-fan-11', '栗子'],
  ['demo-fan-12', '小美的闺蜜'],
];

async function insertRaffle(ports: Ports, raffle: RaffleDoc, live: Pick<LiveDoc, 'startAt' | 'endAt'>, createdAt: number) {
  const slots = openSlots(raffle, drawTimes(raffle.draw, live), ports.random, createdAt);
  await ports.db.collection('raffles').insert({ ...raffle, slotCount: slots.length });
  for (const s of slots) await ports.db.collection('raffle_slots').insert(s);
  return slots;
}

const raffleDoc = (r: Omit<RaffleDoc, 'slotCount' | 'maxWinsPerUser'> & { maxWinsPerUser?: number }): RaffleDoc => ({
  slotCount: 0,
  maxWinsPerUser: 1,
  ...r,
});

export async function seedRaffles(ports: Ports, call: SeedStaff, o: { tonightLiveId: string; shopper: string; staff: string }): Promise<void> {
  const { db } = ports;
  const now = ports.clock.now();

  // tonight: a reservation raffle drawn a quarter of an hour in, and a fan-group raffle every hour
  const tonight = (await db.collection('lives').get(o.tonightLiveId))!;
  const tonightPrizes: PrizeSpec[] = [
    { kind: 'coupon', title: '满 199 减 30 券', stock: 3, couponTemplateId: TEMPLATE_199_30 },
    { kind: 'points', title: '200 积分', stock: 5, points: 200 },
  ];
  await call(
    'createRaffle',
    { liveId: tonight._id, kind: 'reservation', title: '预约抽奖：开播 15 分钟开奖', prizes: tonightPrizes, draw: { type: 'once', at: tonight.startAt + 15 * MINUTE } },
    [RAFFLE_TONIGHT],
  );
  await call(
    'createRaffle',
    {
      liveId: tonight._id,
      kind: 'group_join',
      title: '进群抽奖：整点开奖',
      prizes: [
        { kind: 'privilege', title: '直播优先入场 30 天', stock: 1, privilege: 'live_priority', days: 30 },
        { kind: 'points', title: '100 积分', stock: 3, points: 100 },
      ],
      draw: { type: 'every', minutes: 60 },
    },
    [RAFFLE_TONIGHT_GROUP],
  );

  // last week: a live that has ended, its reservers, and its raffle drawn at 20:30 that night
  const startAt = shanghaiTimeOfDay(now - 7 * DAY, 20);
  const past: LiveDoc = {
    _id: PAST_LIVE,
    title: '护肤专场：精华 + 面霜回放',
    cover: '/assets/banner/live.svg',
    startAt,
    endAt: startAt + 2 * HOUR,
    categoryIds: ['cat-skincare'],
    cards: [],
    reservationCount: 0,
    createdAt: startAt - 3 * DAY,
  };
  if (!(await db.collection('lives').get(PAST_LIVE))) await db.collection('lives').insert(past);
  const pastLive = (await db.collection('lives').get(PAST_LIVE))!;
  const createdAt = pastLive.startAt - 2 * DAY;
  const [slot] = await insertRaffle(
    ports,
    raffleDoc({
      _id: RAFFLE_PAST,
      liveId: PAST_LIVE,
      kind: 'reservation',
      title: '预约抽奖：护肤专场',
      prizes: [
        { kind: 'coupon', title: '全场 8 折券', stock: 3, couponTemplateId: TEMPLATE_20_OFF },
        { kind: 'privilege', title: '直播优先入场 30 天', stock: 1, privilege: 'live_priority', days: 30 },
      ],
      draw: { type: 'once', at: pastLive.startAt + 30 * MINUTE },
      createdBy: o.staff,
      createdAt,
    }),
    pastLive,
    createdAt,
  );

  const entrants = PAST_FANS;
  for (const [i, [userId, nickname]] of entrants.entries()) {
    const at = createdAt + (i + 1) * HOUR;
    await db.collection('users').insert({ _id: userId, openid: userId, nickname, createdAt: at - 30 * DAY, lastSeenAt: at });
    await db.collection('reservations').insert({
      _id: reservationId(PAST_LIVE, userId),
      liveId: PAST_LIVE,
      userId,
      status: 'active',
      inviteCode: null,
      channelsState: null,
      beforeStart: true,
      createdAt: at,
      updatedAt: at,
      remindedAt: pastLive.startAt - 10 * MINUTE,
    });
    await db.collection('raffle_entries').insert({
      _id: entryKey(slot._id, userId),
      entryId: ports.ids.next(),
      raffleId: RAFFLE_PAST,
      slotId: slot._id,
      slot: slot.slot,
      liveId: PAST_LIVE,
      userId,
      createdAt: at + MINUTE,
    });
  }
  await db.collection('lives').update({ _id: PAST_LIVE }, { $inc: { reservationCount: entrants.length } });
  await db.collection('raffle_slots').update({ _id: slot._id }, { $inc: { entryCount: entrants.length } });
  // drawn through the real procedure, as the timer did that night (its notices are history: not recorded)
  await runDraw({ db, messaging: ports.messaging, now: slot.drawAt, notify: false }, slot._id);
}
