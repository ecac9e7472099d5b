import { fromHex, hmacSha256, readUint32, sha256, toHex, utf8 } from './sha256';

/**
 * Rechecks a raffle draw on the phone with the published procedure `hmac-sha256-rejection-v1`
 * (docs/API.md, "Verifying a draw"), from public data only: nothing the server computed is trusted.
 */
export const DRAW_PROCEDURE = 'hmac-sha256-rejection-v1';

const SEED = /^[0-9a-f]{64}$/;
const RANGE = 2 ** 32;

/** Entry ids as the procedure orders them: distinct, ascending by UTF-16 code unit. */
export const sortEntryIds = (ids: readonly string[]): string[] => [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** SHA-256 over the seed's bytes, hex; null when the seed is not 64 lowercase hex characters. */
export function seedDigest(seed: string): string | null {
  if (!SEED.test(seed)) return null;
  return toHex(sha256(fromHex(seed)!));
}

/**
 * The winning entry id of each prize unit, in unit order: for each unit, HMAC-SHA256(seed bytes,
 * counter in decimal) until the first 4 bytes x fall below 2³² − (2³² mod m), then pool[x mod m]
 * leaves the pool. Units after the pool runs out are not awarded (the list is shorter).
 */
export function pickWinners(seed: string, sortedEntryIds: readonly string[], unitCount: number): string[] {
  const key = SEED.test(seed) ? fromHex(seed) : null;
  if (!key) return [];
  const pool = [...sortedEntryIds];
  const winners: string[] = [];
  let counter = 0;
  for (let unit = 0; unit < unitCount && pool.length; unit++) {
    const m = pool.length;
    const limit = RANGE - (RANGE % m);
    for (;;) {
      const x = readUint32(hmacSha256(key, utf8(String(counter))), 0);
      counter++;
      if (x < limit) {
        winners.push(pool.splice(x % m, 1)[0]);
        break;
      }
    }
  }
  return winners;
}

export interface PublishedDraw {
  seed: string;
  /** published before the draw */
  commitment: string;
  /** the draw's entries, excluded ones already left out */
  entryIds: readonly string[];
  unitCount: number;
  /** the published winner of each unit */
  winners: ReadonlyArray<{ unit: number; entryId: string }>;
}

export interface DrawCheck {
  /** SHA-256 of the seed as computed here ('' when the seed is malformed) */
  digest: string;
  seedMatchesCommitment: boolean;
  /** the pool as the procedure orders it */
  sortedEntryIds: string[];
  /** the winning entry id per unit, recomputed here */
  recomputed: string[];
  /** per published unit, whether the recomputed winner is the same */
  unitMatches: boolean[];
  winnersMatch: boolean;
  valid: boolean;
}

export function checkDraw(d: PublishedDraw): DrawCheck {
  const digest = seedDigest(d.seed) ?? '';
  const seedMatchesCommitment = digest !== '' && digest === d.commitment.toLowerCase();
  const sortedEntryIds = sortEntryIds(d.entryIds);
  const recomputed = pickWinners(d.seed, sortedEntryIds, d.unitCount);
  const published = [...d.winners].sort((a, b) => a.unit - b.unit);
  const unitMatches = published.map((w) => recomputed[w.unit - 1] === w.entryId);
  const winnersMatch = published.length === recomputed.length && unitMatches.every(Boolean);
  return { digest, seedMatchesCommitment, sortedEntryIds, recomputed, unitMatches, winnersMatch, valid: seedMatchesCommitment && winnersMatch };
}
