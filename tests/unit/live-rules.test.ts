import type { LiveDoc } from '../../cloudfunctions/core/schema';
import { featuredLive, liveBrief, liveState, upcomingOffer } from '../../cloudfunctions/core/modules/live/rules';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 24, 12, 0);

const live = (id: string, startAt: number, endAt: number, over: Partial<LiveDoc> = {}): LiveDoc => ({
  _id: id,
  title: `live ${id}`,
  cover: `/assets/banner/${id}.svg`,
  startAt,
  endAt,
  cards: [],
  createdAt: 0,
  ...over,
});

describe('liveState', () => {
  const window = { startAt: NOW, endAt: NOW + 3 * HOUR };
  it.each([
    ['before the start: scheduled', window, NOW - 1, 'scheduled'],
    ['at the start: live', window, NOW, 'live'],
    ['during: live', window, NOW + HOUR, 'live'],
    ['one millisecond before the end: live', window, NOW + 3 * HOUR - 1, 'live'],
    ['at the end: ended', window, NOW + 3 * HOUR, 'ended'],
    ['started by hand before its time: live', { ...window, manualState: 'live' as const }, NOW - HOUR, 'live'],
    ['ended by hand during its window: ended', { ...window, manualState: 'ended' as const }, NOW + HOUR, 'ended'],
    ['put back to scheduled by hand: scheduled', { ...window, manualState: 'scheduled' as const }, NOW + HOUR, 'scheduled'],
  ])('%s', (_what, l, now, expected) => {
    expect(liveState(l, now)).toBe(expected);
  });
});

describe('liveBrief', () => {
  it('carries what the home card shows, with the state at now', () => {
    const l = live('tonight', NOW + HOUR, NOW + 4 * HOUR, { cards: [{ cardId: 'c1', productId: 'p', livePriceFen: 1, order: 0 }] });
    expect(liveBrief(l, NOW)).toEqual({
      _id: 'tonight',
      title: 'live tonight',
      cover: '/assets/banner/tonight.svg',
      startAt: NOW + HOUR,
      endAt: NOW + 4 * HOUR,
      state: 'scheduled',
    });
  });
});

describe('featuredLive', () => {
  const past = live('past', NOW - 5 * HOUR, NOW - 2 * HOUR);
  const onEarly = live('on-early', NOW - 2 * HOUR, NOW + HOUR);
  const onLate = live('on-late', NOW - HOUR, NOW + 2 * HOUR);
  const soon = live('soon', NOW + HOUR, NOW + 3 * HOUR);
  const later = live('later', NOW + 24 * HOUR, NOW + 27 * HOUR);

  it.each([
    ['nothing to feature', [], null],
    ['only past lives', [past], null],
    ['a live on now beats an upcoming one', [soon, onLate, past], 'on-late'],
    ['of two on now, the one that started first', [onLate, onEarly], 'on-early'],
    ['no live on: the soonest upcoming', [later, soon, past], 'soon'],
    ['a live ended by hand is skipped', [{ ...onEarly, manualState: 'ended' as const }, later], 'later'],
    ['a live started early by hand is on now', [{ ...later, manualState: 'live' as const }, soon], 'later'],
  ])('%s', (_what, lives, expected) => {
    expect(featuredLive(lives as LiveDoc[], NOW)?._id ?? null).toBe(expected);
  });

  it('does not reorder the list it is given', () => {
    const lives = [soon, onLate, onEarly];
    featuredLive(lives, NOW);
    expect(lives.map((l) => l._id)).toEqual(['soon', 'on-late', 'on-early']);
  });
});

describe('upcomingOffer', () => {
  const card = { cardId: 'card-1', productId: 'p-1', livePriceFen: 12900, order: 0 };
  const tonight = live('tonight', NOW + HOUR, NOW + 3 * HOUR, { cards: [card] });

  it('before the start: the card’s price and when it applies', () => {
    expect(upcomingOffer(tonight, 'card-1', 'p-1', NOW)).toEqual({ liveId: 'tonight', cardId: 'card-1', livePriceFen: 12900, startAt: NOW + HOUR });
  });

  it.each([
    ['once the live is on', tonight, 'card-1', 'p-1', NOW + HOUR],
    ['after it', tonight, 'card-1', 'p-1', NOW + 3 * HOUR],
    ['for a card of another product', tonight, 'card-1', 'p-2', NOW],
    ['without a card', tonight, undefined, 'p-1', NOW],
    ['without a live', null, 'card-1', 'p-1', NOW],
  ])('nothing %s', (_what, l, cardId, productId, now) => {
    expect(upcomingOffer(l, cardId, productId, now)).toBeNull();
  });
});
