import { randomBytes } from 'node:crypto';
import type { Clock, Ids, Random } from '../ports/runtime';

/** The real clock, ids and randomness, used by both runtimes. */
export const systemClock: Clock = { now: () => Date.now() };

export const cryptoRandom: Random = { bytes: (n) => new Uint8Array(randomBytes(n)) };

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** 9 base-36 characters of time then 11 random ones: unique, sortable by creation, 20 characters. */
export function timeOrderedIds(clock: Clock, random: Random): Ids {
  return {
    next() {
      const time = clock.now().toString(36).padStart(9, '0');
      const bytes = random.bytes(11);
      let tail = '';
      for (const b of bytes) tail += ALPHABET[b % 36];
      return time + tail;
    },
  };
}
