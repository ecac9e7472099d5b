import { randomBytes } from 'node:crypto';
import { commitmentOf, pickWinners as serverPickWinners, sortEntryIds as serverSort } from '../../../cloudfunctions/core/modules/raffle/draw';
import { checkDraw, pickWinners, seedDigest, sortEntryIds } from '../../../miniprogram/utils/draw';

const seed = () => randomBytes(32).toString('hex');
const ids = (n: number) => Array.from({ length: n }, () => randomBytes(6).toString('base64url'));

describe('draw check on the client (utils/draw.ts)', () => {
  it('computes the commitment as the server does', () => {
    for (let i = 0; i < 50; i++) {
      const s = seed();
      expect(seedDigest(s)).toBe(commitmentOf(s));
    }
    expect(seedDigest('ABC')).toBeNull();
    expect(seedDigest('A'.repeat(64))).toBeNull();
  });

  it('sorts entry ids by code unit as the server does', () => {
    const list = ['b', 'B', 'a', '_x', '0', 'a', '桃', 'Z9', 'z'];
    expect(sortEntryIds(list)).toEqual(serverSort(list));
  });

  it('picks the same winners as the server over many random draws', () => {
    for (let round = 0; round < 300; round++) {
      const s = seed();
      const entries = serverSort(ids(1 + (round % 40)));
      const stocks = [1 + (round % 3), round % 5, 1];
      const units = stocks.reduce((a, b) => a + b, 0);
      const server = serverPickWinners(s, entries, stocks.map((stock) => ({ stock }))).map((w) => w.entryId);
      expect(pickWinners(s, entries, units)).toEqual(server);
    }
  });

  it('accepts a published draw that follows from its seed, and rejects a changed seed or winner', () => {
    const s = seed();
    const entries = ids(12);
    const sorted = serverSort(entries);
    const server = serverPickWinners(s, sorted, [{ stock: 3 }, { stock: 1 }]);
    const published = { seed: s, commitment: commitmentOf(s), entryIds: entries, unitCount: 4, winners: server.map((w) => ({ unit: w.unit, entryId: w.entryId })) };

    const ok = checkDraw(published);
    expect(ok).toMatchObject({ seedMatchesCommitment: true, winnersMatch: true, valid: true, unitMatches: [true, true, true, true] });
    expect(ok.sortedEntryIds).toEqual(sorted);

    const tampered = checkDraw({ ...published, seed: seed() });
    expect(tampered.seedMatchesCommitment).toBe(false);
    expect(tampered.valid).toBe(false);

    const swapped = published.winners.map((w, i) => (i === 0 ? { ...w, entryId: sorted.find((id) => !server.some((x) => x.entryId === id))! } : w));
    const wrongWinner = checkDraw({ ...published, winners: swapped });
    expect(wrongWinner).toMatchObject({ seedMatchesCommitment: true, winnersMatch: false, valid: false });
    expect(wrongWinner.unitMatches[0]).toBe(false);
  });

  it('awards no more units than there are entries', () => {
    const s = seed();
    expect(pickWinners(s, ['a', 'b'], 5)).toHaveLength(2);
    expect(pickWinners(s, [], 3)).toEqual([]);
  });
});
