import { createHash, createHmac } from 'node:crypto';

/**
 * The draw procedure (`hmac-sha256-rejection-v1`), as pure functions: anyone holding the revealed
 * seed, the sorted entry ids and the prize list gets the same winners.
 *
 * 1. The seed is 32 random bytes, written as 64 lowercase hex characters. Its commitment, published
 *    when the draw opens, is SHA-256 over the seed's bytes, in hex.
 * 2. Prize units: each prize in list order, repeated `stock` times; unit 1 is the first.
 * 3. The pool is the draw's entry ids sorted ascending by code unit (plain string comparison).
 * 4. A counter starts at 0. For each unit, while the pool is not empty, with m = pool size:
 *    block = HMAC-SHA256(key = seed bytes, message = the counter in decimal ASCII); counter += 1;
 *    x = the block's first 4 bytes as an unsigned big-endian integer;
 *    if x < 2^32 − (2^32 mod m), the unit goes to pool[x mod m], which leaves the pool (the rest keep
 *    their order); otherwise the block is rejected and the next counter is tried. Rejection keeps
 *    every index equally likely.
 * 5. Units left when the pool is empty are not awarded.
 */

export interface PrizeUnits {
  stock: number;
}

export interface DrawnUnit {
  /** from 1 */
  unit: number;
  prizeIndex: number;
  entryId: string;
}

const SEED_HEX = /^[0-9a-f]{64}$/;
const RANGE = 2 ** 32;

export const isSeed = (seed: string) => SEED_HEX.test(seed);

export function commitmentOf(seed: string): string {
  if (!isSeed(seed)) throw new Error('a seed is 64 lowercase hex characters');
  return createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex');
}

/** Prize units in draw order: each prize's index repeated `stock` times. */
export function prizeUnits(prizes: PrizeUnits[]): number[] {
  return prizes.flatMap((p, prizeIndex) => Array.from({ length: p.stock }, () => prizeIndex));
}

/** Entry ids as the procedure orders them. */
export const sortEntryIds = (ids: string[]): string[] => [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** An unbiased index below `m`, and the counter after it. */
export function uniformIndex(key: Buffer, counter: number, m: number): { index: number; counter: number } {
  const limit = RANGE - (RANGE % m);
  for (let c = counter; ; c++) {
    const x = createHmac('sha256', key).update(String(c)).digest().readUInt32BE(0);
    if (x < limit) return { index: x % m, counter: c + 1 };
  }
}

/** The winners of one draw. `sortedEntryIds` must be sorted and distinct (see `sortEntryIds`). */
export function pickWinners(seed: string, sortedEntryIds: readonly string[], prizes: PrizeUnits[]): DrawnUnit[] {
  if (!isSeed(seed)) throw new Error('a seed is 64 lowercase hex characters');
  for (let i = 1; i < sortedEntryIds.length; i++) {
    if (!(sortedEntryIds[i - 1] < sortedEntryIds[i])) throw new Error('entry ids must be sorted and distinct');
  }
  const key = Buffer.from(seed, 'hex');
  const pool = [...sortedEntryIds];
  const winners: DrawnUnit[] = [];
  let counter = 0;
  for (const [i, prizeIndex] of prizeUnits(prizes).entries()) {
    if (!pool.length) break;
    const pick = uniformIndex(key, counter, pool.length);
    counter = pick.counter;
    winners.push({ unit: i + 1, prizeIndex, entryId: pool.splice(pick.index, 1)[0] });
  }
  return winners;
}

export interface PublishedDraw {
  seed: string;
  commitment: string;
  entryIds: string[];
  prizes: PrizeUnits[];
  winners: Array<Pick<DrawnUnit, 'unit' | 'entryId'>>;
}

/** Checks a published draw: the seed matches its commitment and the winners follow from it. */
export function verifyDraw(d: PublishedDraw): { seedMatchesCommitment: boolean; winnersMatch: boolean; valid: boolean; recomputed: string[] } {
  const seedMatchesCommitment = isSeed(d.seed) && commitmentOf(d.seed) === d.commitment;
  const recomputed = isSeed(d.seed) ? pickWinners(d.seed, sortEntryIds(d.entryIds), d.prizes).map((w) => w.entryId) : [];
  const published = [...d.winners].sort((a, b) => a.unit - b.unit).map((w) => w.entryId);
  const winnersMatch = recomputed.length === published.length && recomputed.every((id, i) => id === published[i]);
  return { seedMatchesCommitment, winnersMatch, valid: seedMatchesCommitment && winnersMatch, recomputed };
}
