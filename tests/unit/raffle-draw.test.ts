import { createHash, createHmac } from 'node:crypto';
import {
  commitmentOf,
  pickWinners,
  prizeUnits,
  sortEntryIds,
  uniformIndex,
  verifyDraw,
} from '../../cloudfunctions/core/modules/raffle/draw';
import type { SlotDoc } from '../../cloudfunctions/core/schema';
import { currentSlot, drawTimes, entryResult, maskNickname, scheduleProblem, slotState } from '../../cloudfunctions/core/modules/raffle/rules';

const SEED = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const ids = (n: number) => Array.from({ length: n }, (_, i) => `e${String(i + 1).padStart(2, '0')}`);
/** Deterministic seeds for simulations: SHA-256 of a label. */
const seedOf = (label: string) => createHash('sha256').update(label).digest('hex');

/** The procedure exactly as docs/API.md states it, written out again independently. */
function documentedProcedure(seed: string, entryIds: string[], stocks: number[]) {
  const key = Buffer.from(seed, 'hex');
  const pool = [...entryIds].sort();
  const units = stocks.flatMap((stock, prizeIndex) => Array<number>(stock).fill(prizeIndex));
  const out: Array<{ unit: number; prizeIndex: number; entryId: string }> = [];
  let counter = 0;
  for (const [i, prizeIndex] of units.entries()) {
    if (!pool.length) break;
    const m = pool.length;
    const limit = 2 ** 32 - (2 ** 32 % m);
    let x: number;
    do x = createHmac('sha256', key).update(String(counter++)).digest().readUInt32BE(0);
    while (x >= limit);
    out.push({ unit: i + 1, prizeIndex, entryId: pool.splice(x % m, 1)[0] });
  }
  return out;
}

describe('commit-reveal', () => {
  it('commits to SHA-256 over the seed bytes', () => {
    expect(commitmentOf('0'.repeat(64))).toBe('66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925');
    expect(commitmentOf(SEED)).toBe('630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd');
  });

  it('refuses anything but 64 lowercase hex characters as a seed', () => {
    for (const bad of ['', 'ab', SEED.toUpperCase(), `${SEED}00`, 'z'.repeat(64)]) {
      expect(() => commitmentOf(bad)).toThrow();
      expect(() => pickWinners(bad, ids(3), [{ stock: 1 }])).toThrow();
    }
  });
});

describe('pickWinners', () => {
  it('gives the pinned winners for a known seed, so a published draw stays verifiable', () => {
    expect(pickWinners(SEED, ids(12), [{ stock: 2 }, { stock: 1 }])).toEqual([
      { unit: 1, prizeIndex: 0, entryId: 'e10' },
      { unit: 2, prizeIndex: 0, entryId: 'e04' },
      { unit: 3, prizeIndex: 1, entryId: 'e08' },
    ]);
  });

  it('follows the documented procedure for many seeds, pools and prize lists', () => {
    for (let i = 0; i < 300; i++) {
      const seed = seedOf(`procedure:${i}`);
      const entries = sortEntryIds(ids(1 + (i % 40)));
      const stocks = [1 + (i % 3), i % 5, 2];
      expect(pickWinners(seed, entries, stocks.map((stock) => ({ stock })))).toEqual(documentedProcedure(seed, entries, stocks));
    }
  });

  it('draws without replacement: every winner is a different entry', () => {
    const winners = pickWinners(seedOf('distinct'), ids(30), [{ stock: 10 }, { stock: 10 }]);
    expect(winners).toHaveLength(20);
    expect(new Set(winners.map((w) => w.entryId)).size).toBe(20);
    expect(winners.map((w) => w.unit)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(winners.map((w) => w.prizeIndex)).toEqual([...Array<number>(10).fill(0), ...Array<number>(10).fill(1)]);
  });

  it('with fewer entries than units, everyone wins and the last units stay unawarded; no entries, no winners', () => {
    const winners = pickWinners(SEED, ['a', 'b'], [{ stock: 3 }, { stock: 2 }]);
    expect(winners.map((w) => w.entryId).sort()).toEqual(['a', 'b']);
    expect(winners.map((w) => w.unit)).toEqual([1, 2]);
    expect(pickWinners(SEED, [], [{ stock: 3 }])).toEqual([]);
  });

  it('insists on sorted, distinct entry ids (the order is part of the procedure)', () => {
    expect(() => pickWinners(SEED, ['b', 'a'], [{ stock: 1 }])).toThrow('sorted');
    expect(() => pickWinners(SEED, ['a', 'a'], [{ stock: 1 }])).toThrow('sorted');
    expect(sortEntryIds(['b', 'a', 'B', 'a', '0'])).toEqual(['0', 'B', 'a', 'b']);
  });

  it('rejects blocks that would bias the index and moves on to the next counter', () => {
    const key = Buffer.from(SEED, 'hex');
    const block = (c: number) => createHmac('sha256', key).update(String(c)).digest().readUInt32BE(0);
    // with m just over 2^31 almost half of all blocks are rejected: find a rejected counter
    const m = 2 ** 31 + 1;
    const limit = 2 ** 32 - (2 ** 32 % m);
    const rejected = Array.from({ length: 64 }, (_, c) => c).find((c) => block(c) >= limit)!;
    expect(rejected).toBeDefined();
    const pick = uniformIndex(key, rejected, m);
    expect(pick.counter).toBeGreaterThan(rejected + 1);
    expect(pick.index).toBe(block(pick.counter - 1) % m);
    // with a small m nearly nothing is rejected: one block, one counter
    expect(uniformIndex(key, 0, 7)).toEqual({ index: block(0) % 7, counter: 1 });
  });

  it('expands prizes into units in list order', () => {
    expect(prizeUnits([{ stock: 2 }, { stock: 0 }, { stock: 3 }])).toEqual([0, 0, 2, 2, 2]);
  });
});

describe('verifyDraw', () => {
  const entryIds = ids(25);
  const prizes = [{ stock: 2 }, { stock: 1 }];
  const winners = pickWinners(SEED, entryIds, prizes);
  const published = { seed: SEED, commitment: commitmentOf(SEED), entryIds, prizes, winners };

  it('recomputes exactly the published winners', () => {
    expect(verifyDraw(published)).toEqual({
      seedMatchesCommitment: true,
      winnersMatch: true,
      valid: true,
      recomputed: winners.map((w) => w.entryId),
    });
    // the entries may be listed in any order: the procedure sorts them
    expect(verifyDraw({ ...published, entryIds: [...entryIds].reverse() }).valid).toBe(true);
  });

  it('fails a changed seed: it no longer matches the commitment', () => {
    const changed = `${SEED.slice(0, 63)}e`;
    const r = verifyDraw({ ...published, seed: changed });
    expect([r.seedMatchesCommitment, r.valid]).toEqual([false, false]);
  });

  it('fails a changed seed even with a commitment made for it: the winners differ', () => {
    const changed = seedOf('another seed');
    const r = verifyDraw({ ...published, seed: changed, commitment: commitmentOf(changed) });
    expect([r.seedMatchesCommitment, r.winnersMatch, r.valid]).toEqual([true, false, false]);
  });

  it('fails changed winners, a dropped entry and an added one', () => {
    const swapped = winners.map((w, i) => (i === 0 ? { ...w, entryId: entryIds.find((id) => !winners.some((x) => x.entryId === id))! } : w));
    expect(verifyDraw({ ...published, winners: swapped }).valid).toBe(false);
    expect(verifyDraw({ ...published, winners: winners.slice(1) }).valid).toBe(false);
    expect(verifyDraw({ ...published, entryIds: [...entryIds, 'zz-extra'] }).valid).toBe(false);
  });
});

/** Σ (observed − expected)² / expected */
const chiSquare = (observed: number[], expected: number) => observed.reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0);
/** Upper 1 % points of the chi-square distribution. */
const CRITICAL_1_PERCENT: Record<number, number> = { 9: 21.666, 19: 36.191 };

describe('fairness over 10,000 draws with fixed seeds', () => {
  const DRAWS = 10_000;

  it('one prize among 10 entrants: each entrant wins equally often (chi-square, 9 df, 1 %)', () => {
    const entries = ids(10);
    const wins = new Array<number>(10).fill(0);
    for (let i = 0; i < DRAWS; i++) {
      const [w] = pickWinners(seedOf(`fair-1:${i}`), entries, [{ stock: 1 }]);
      wins[entries.indexOf(w.entryId)]++;
    }
    const statistic = chiSquare(wins, DRAWS / 10);
    expect(wins.reduce((a, b) => a + b)).toBe(DRAWS);
    expect(statistic).toBeLessThan(CRITICAL_1_PERCENT[9]);
  });

  it('three units among 20 entrants: every entrant wins equally often overall and for the first unit (chi-square, 19 df, 1 %)', () => {
    const entries = ids(20);
    const wins = new Array<number>(20).fill(0);
    const firsts = new Array<number>(20).fill(0);
    for (let i = 0; i < DRAWS; i++) {
      const winners = pickWinners(seedOf(`fair-3:${i}`), entries, [{ stock: 1 }, { stock: 2 }]);
      for (const w of winners) wins[entries.indexOf(w.entryId)]++;
      firsts[entries.indexOf(winners[0].entryId)]++;
    }
    expect(wins.reduce((a, b) => a + b)).toBe(3 * DRAWS);
    // draws without replacement vary less than a multinomial: the test is conservative
    expect(chiSquare(wins, (3 * DRAWS) / 20)).toBeLessThan(CRITICAL_1_PERCENT[19]);
    expect(chiSquare(firsts, DRAWS / 20)).toBeLessThan(CRITICAL_1_PERCENT[19]);
  });
});

describe('raffle rules', () => {
  const HOUR = 3_600_000;
  /** 2026-11-24 20:00 Shanghai */
  const START = Date.UTC(2026, 10, 24, 12, 0);
  const live = { startAt: START, endAt: START + 3 * HOUR };

  it('draws on every whole hour of the live, after its start and up to its end', () => {
    expect(drawTimes({ type: 'every', minutes: 60 }, live)).toEqual([START + HOUR, START + 2 * HOUR, START + 3 * HOUR]);
    expect(drawTimes({ type: 'every', minutes: 60 }, { startAt: START + 20 * 60_000, endAt: START + 2 * HOUR + 59 * 60_000 })).toEqual([
      START + HOUR,
      START + 2 * HOUR,
    ]);
    expect(drawTimes({ type: 'every', minutes: 30, from: START, until: START + HOUR }, live)).toEqual([START + HOUR / 2, START + HOUR]);
    expect(drawTimes({ type: 'once', at: START + 15 * 60_000 }, live)).toEqual([START + 15 * 60_000]);
  });

  it('a schedule made during the live starts with the next whole hour', () => {
    expect(drawTimes({ type: 'every', minutes: 60 }, live, START + HOUR)).toEqual([START + 2 * HOUR, START + 3 * HOUR]);
    expect(drawTimes({ type: 'every', minutes: 60 }, live, START + 90 * 60_000)).toEqual([START + 2 * HOUR, START + 3 * HOUR]);
    expect(drawTimes({ type: 'every', minutes: 60 }, live, START + 3 * HOUR)).toEqual([]);
  });

  it('refuses schedules with no draw, too many draws, a draw in the past or too many units', () => {
    const prizes = [{ kind: 'points' as const, title: 'p', stock: 1, points: 1 }];
    expect(scheduleProblem([], prizes, START)?.field).toBe('draw');
    expect(scheduleProblem(Array.from({ length: 49 }, (_, i) => START + (i + 1) * HOUR), prizes, START)?.field).toBe('draw');
    expect(scheduleProblem([START], prizes, START)?.message).toBe('the first draw must be in the future');
    expect(scheduleProblem([START + 1], [{ ...prizes[0], stock: 60 }, { ...prizes[0], stock: 41 }], START)?.field).toBe('prizes');
    expect(scheduleProblem([START + 1], prizes, START)).toBeNull();
  });

  const slot = (n: number, drawAt: number, state: SlotDoc['state'] = 'open') => ({ slot: n, drawAt, state });

  it('sends entries to the earliest draw still open before its time', () => {
    const slots = [slot(1, START + HOUR), slot(2, START + 2 * HOUR), slot(3, START + 3 * HOUR)];
    expect(currentSlot(slots, START)?.slot).toBe(1);
    // the hour has struck but the timer has not run yet: the next draw takes entries
    expect(currentSlot(slots, START + HOUR)?.slot).toBe(2);
    expect(currentSlot([slot(1, START + HOUR, 'drawing'), slots[1]], START)?.slot).toBe(2);
    expect(currentSlot(slots, START + 3 * HOUR)).toBeNull();
  });

  it('shows a draw as open, closed (waiting for its run), drawing or drawn', () => {
    expect(slotState(slot(1, START), START - 1)).toBe('open');
    expect(slotState(slot(1, START), START)).toBe('closed');
    expect(slotState(slot(1, START, 'drawing'), START)).toBe('drawing');
    expect(slotState(slot(1, START, 'awarding'), START)).toBe('drawn');
    expect(slotState(slot(1, START, 'drawn'), START)).toBe('drawn');
  });

  it('tells an entry its result only once the winners are persisted', () => {
    const decided = { state: 'drawn' as const, winners: [{ unit: 1, prizeIndex: 0, entryId: 'w', userId: 'u', nickname: 'x' }], excludedEntryIds: ['x'] };
    expect(entryResult({ ...decided, state: 'drawing' }, { entryId: 'w' })).toBe('pending');
    expect(entryResult(decided, { entryId: 'w' })).toBe('won');
    expect(entryResult(decided, { entryId: 'x' })).toBe('excluded');
    expect(entryResult(decided, { entryId: 'l' })).toBe('lost');
  });

  it.each([
    ['小美', '小*'],
    ['微信用户1234', '微**4'],
    ['桃子汽水', '桃**水'],
    ['A', 'A*'],
    ['  Luna ', 'L**a'],
    ['', '***'],
    ['👩‍🎤abc', '👩**c'],
  ])('masks the nickname %j as %j', (name, masked) => {
    expect(maskNickname(name)).toBe(masked);
  });
});
