import type { Broadcast } from '../../../typings/contract/index';
import {
  RERUN_BACK_MS,
  cardsPatch,
  couponValueText,
  currentBroadcast,
  raffleHint,
  rerunLabel,
  rerunPatch,
  rerunText,
  stockView,
  type RoomCardView,
} from '../../../miniprogram/pages/live/room/utils';

const broadcast = (over: Partial<Broadcast>): Broadcast => ({
  _id: 'b-1',
  liveId: 'live-1',
  kind: 'notice',
  text: '公告',
  cardId: null,
  couponTemplateId: null,
  createdAt: 1000,
  expiresAt: 5000,
  ...over,
});

const card = (over: Partial<RoomCardView>): RoomCardView => ({
  cardId: 'card-1',
  productId: 'p-1',
  title: '粉底液',
  image: '',
  priceFen: 12900,
  originalFen: 16900,
  priceLabel: '直播价',
  priceNote: '',
  stock: stockView(0, 100),
  rerunAt: null,
  rerun: '',
  consult: false,
  ...over,
});

describe('companion room display rules', () => {
  it('stock: the bar is the share left of the starting stock; low at 10 % or 20 left', () => {
    expect(stockView(900, 900)).toEqual({ percent: 100, low: false, soldOut: false, text: '剩余 900 件' });
    expect(stockView(450, 900)).toEqual({ percent: 50, low: false, soldOut: false, text: '剩余 450 件' });
    expect(stockView(90, 900)).toEqual({ percent: 10, low: true, soldOut: false, text: '仅剩 90 件，手慢无' });
    expect(stockView(91, 900).low).toBe(false);
    expect(stockView(20, 100)).toEqual({ percent: 20, low: true, soldOut: false, text: '仅剩 20 件，手慢无' });
    expect(stockView(21, 100).low).toBe(false);
    expect(stockView(0, 100)).toEqual({ percent: 0, low: false, soldOut: true, text: '已抢光' });
    // restocked above the start: the bar is full, never over
    expect(stockView(120, 100).percent).toBe(100);
    expect(stockView(-3, 0)).toEqual({ percent: 0, low: false, soldOut: true, text: '已抢光' });
  });

  it('re-run: mm:ss, h:mm:ss from an hour, nothing when none or past', () => {
    expect(rerunText(null, 0)).toBe('');
    expect(rerunText(10 * 60_000, 0)).toBe('10:00');
    expect(rerunText(10 * 60_000, 1)).toBe('10:00');
    expect(rerunText(10 * 60_000, 1000)).toBe('09:59');
    expect(rerunText(2 * 3600_000 + 5000, 0)).toBe('2:00:05');
    expect(rerunText(5000, 5000)).toBe('');
    expect(rerunText(5000, 6000)).toBe('');
  });

  it('re-run line: the countdown ahead, back for ten minutes after (restocking while still sold out), then nothing', () => {
    expect(rerunLabel(null, 0, true)).toBe('');
    expect(rerunLabel(60_000, 0, true)).toBe('01:00 后返场');
    expect(rerunLabel(60_000, 60_000, false)).toBe('已返场');
    expect(rerunLabel(60_000, 60_000, true)).toBe('补货中，稍后再来');
    expect(rerunLabel(60_000, 60_000 + RERUN_BACK_MS - 1, false)).toBe('已返场');
    expect(rerunLabel(60_000, 60_000 + RERUN_BACK_MS, false)).toBe('');
  });

  it('raffle hint: what is left for the viewer, by what they have done', () => {
    expect(raffleHint('group_join', false, true, 'live')).toBe('你已预约，还差加入粉丝群即可参与');
    expect(raffleHint('group_join', false, false, 'live')).toBe('加入粉丝群即可参与');
    expect(raffleHint('group_join', true, true, 'live')).toBe('你已加入粉丝群，可参与抽奖');
    expect(raffleHint('reservation', true, true, 'scheduled')).toBe('你已预约，可参与抽奖');
    expect(raffleHint('reservation', false, false, 'scheduled')).toBe('预约直播即可参与');
    // a reservation made once the live was on does not count
    expect(raffleHint('reservation', false, true, 'live')).toBe('仅限开播前预约的用户参与');
    expect(raffleHint('reservation', false, false, 'live')).toBe('仅限开播前预约的用户参与');
  });

  it('broadcast: the newest still showing and not closed', () => {
    const older = broadcast({ _id: 'a', createdAt: 1000, expiresAt: 9000 });
    const newer = broadcast({ _id: 'b', createdAt: 2000, expiresAt: 3000 });
    expect(currentBroadcast([older, newer], 2500, new Set())?._id).toBe('b');
    expect(currentBroadcast([older, newer], 3000, new Set())?._id).toBe('a');
    expect(currentBroadcast([older, newer], 2500, new Set(['b']))?._id).toBe('a');
    expect(currentBroadcast([older, newer], 9000, new Set())).toBeNull();
    expect(currentBroadcast([], 0, new Set())).toBeNull();
  });

  it('coupon value in a few characters', () => {
    expect(couponValueText({ kind: 'no_threshold', valueFen: 5000 })).toBe('¥50.00 无门槛');
    expect(couponValueText({ kind: 'threshold', tiers: [{ thresholdFen: 19900, valueFen: 3000 }] })).toBe('满199减30');
    expect(couponValueText({ kind: 'threshold', tiers: [{ thresholdFen: 9950, valueFen: 1050 }] })).toBe('满99.50减10.50');
    expect(couponValueText({ kind: 'discount', percentOff: 20, capFen: null, thresholdFen: 0 })).toBe('8折');
    expect(couponValueText({ kind: 'discount', percentOff: 15, capFen: 5000, thresholdFen: 0 })).toBe('8.5折');
    expect(couponValueText({ kind: 'related', percentOff: 20, capFen: null, thresholdFen: 0, boughtProductIds: ['p-1'] })).toBe('回购 8折');
  });

  it('cards patch: only the changed cards by index while the cards keep their order, else the whole list', () => {
    const a = card({ cardId: 'a' });
    const b = card({ cardId: 'b' });
    expect(cardsPatch([a, b], [a, b])).toEqual({});
    const cheaper = { ...b, priceFen: 9900 };
    expect(cardsPatch([a, b], [a, cheaper])).toEqual({ 'cards[1]': cheaper });
    expect(cardsPatch([a, b], [b, a])).toEqual({ cards: [b, a] });
    expect(cardsPatch([a], [a, b])).toEqual({ cards: [a, b] });
  });

  it('re-run patch: the lines that changed; due once, when the re-run falls between the last tick and now', () => {
    const ahead = card({ cardId: 'a', rerunAt: 60_000, rerun: '01:00 后返场' });
    const none = card({ cardId: 'b' });
    expect(rerunPatch([ahead, none], 0, -1000)).toEqual({ patch: {}, due: false });
    expect(rerunPatch([ahead, none], 1000, 0)).toEqual({ patch: { 'cards[0].rerun': '00:59 后返场' }, due: false });
    // it came due: back, even though the stock shown is still sold out
    expect(rerunPatch([ahead, none], 60_000, 59_000)).toEqual({ patch: { 'cards[0].rerun': '已返场' }, due: true });
    // a tick later the stock decides the line
    expect(rerunPatch([{ ...ahead, rerun: '已返场' }], 61_000, 60_000)).toEqual({ patch: { 'cards[0].rerun': '补货中，稍后再来' }, due: false });
  });
});
