import type { EntryBlock } from '../../../../typings/contract';
import { maskName } from '../../kernel/mask';
import type { DrawSchedule, EntryResult, PrizeSpec, SlotState } from '../../../../typings/contract/raffle';
import { MAX_SLOTS, MAX_UNITS_PER_DRAW, PRIZE_CLAIM_DAYS } from '../../../../typings/contract/limits';
import { DAY, MINUTE } from '../../kernel/time';
import type { EntryDoc, RaffleDoc, SlotDoc } from '../../schema';
import { slotId } from '../../schema';
import type { Random } from '../../ports';
import { commitmentOf } from './draw';

/** Raffle rules as pure functions: draw times, which draw takes entries, what shoppers see. */

/**
 * When the draws happen. `once`: at `at`. `every`: on each multiple of `minutes` strictly after
 * `from` (and after `now`: a raffle made during the live starts with the next one) and up to
 * `until`, by default the live's start and end. Every allowed interval divides the eight hours
 * between UTC and Shanghai, so epoch multiples are Shanghai clock multiples: 60 → on the hour.
 */
export function drawTimes(draw: DrawSchedule, live: { startAt: number; endAt: number }, now = -Infinity): number[] {
  if (draw.type === 'once') return [draw.at];
  const step = draw.minutes * MINUTE;
  const from = Math.max(draw.from ?? live.startAt, now);
  const until = draw.until ?? live.endAt;
  const times: number[] = [];
  for (let t = Math.floor(from / step) * step + step; t <= until && times.length <= MAX_SLOTS; t += step) times.push(t);
  return times;
}

/** Why a raffle's settings do not fit together, with the field to blame, or null. */
export function scheduleProblem(times: number[], prizes: PrizeSpec[], now: number): { message: string; field: string } | null {
  if (!times.length) return { message: 'no draw time falls in the window', field: 'draw' };
  if (times.length > MAX_SLOTS) return { message: `at most ${MAX_SLOTS} draws`, field: 'draw' };
  if (times[0] <= now) return { message: 'the first draw must be in the future', field: 'draw' };
  if (prizes.reduce((n, p) => n + p.stock, 0) > MAX_UNITS_PER_DRAW) return { message: `at most ${MAX_UNITS_PER_DRAW} prize units a draw`, field: 'prizes' };
  return null;
}

/** A draw's public state. */
export function slotState(s: Pick<SlotDoc, 'state' | 'drawAt'>, now: number): SlotState {
  if (s.state === 'open') return now < s.drawAt ? 'open' : 'closed';
  return s.state === 'drawing' ? 'drawing' : 'drawn';
}

/** Winners (and the seed) are public from the moment they are persisted. */
export const isDecided = (s: Pick<SlotDoc, 'state'>) => s.state === 'awarding' || s.state === 'drawn';

/** The draw entries go to now: the earliest still open before its time. */
export function currentSlot<S extends Pick<SlotDoc, 'state' | 'drawAt' | 'slot'>>(slots: S[], now: number): S | null {
  return [...slots].sort((a, b) => a.slot - b.slot).find((s) => s.state === 'open' && now < s.drawAt) ?? null;
}

export function entryResult(slot: Pick<SlotDoc, 'state' | 'winners' | 'excludedEntryIds'>, entry: Pick<EntryDoc, 'entryId'>): EntryResult {
  if (!isDecided(slot)) return 'pending';
  if (slot.winners?.some((w) => w.entryId === entry.entryId)) return 'won';
  return slot.excludedEntryIds?.includes(entry.entryId) ? 'excluded' : 'lost';
}

/** A nickname as winners lists show it (kernel/mask.ts, `ends`). */
export const maskNickname = (nickname: string): string => maskName(nickname, 'ends');

/** A run that claimed a prize's grant and did not finish within this is presumed dead. */
export const GRANT_LEASE_MS = 60_000;

/** A goods prize must be claimed (an address given) within this. */
export const CLAIM_WINDOW_MS = PRIZE_CLAIM_DAYS * DAY;

/** A raffle's draws, each with its own seed made now; only the seed's SHA-256 is ever shown before the draw. */
export function openSlots(raffle: Pick<RaffleDoc, '_id' | 'liveId'>, times: number[], random: Random, now: number): SlotDoc[] {
  return times.map((drawAt, i) => {
    const seed = Buffer.from(random.bytes(32)).toString('hex');
    return {
      _id: slotId(raffle._id, i + 1),
      raffleId: raffle._id,
      liveId: raffle.liveId,
      slot: i + 1,
      opensAt: i === 0 ? now : times[i - 1],
      drawAt,
      state: 'open',
      seed,
      commitment: commitmentOf(seed),
      entryCount: 0,
      claimedAt: null,
      excludedEntryIds: null,
      winners: null,
      drawnAt: null,
      stockReturnedAt: null,
      finishedAt: null,
    };
  });
}

/**
 * What stops the caller entering the current draw, checked in one order by `enter` and `get`:
 * no open draw; then nothing if they already entered it (entering again answers that entry); then
 * their wins reaching the raffle's limit; then eligibility (asked last, it costs a read).
 */
export async function entryBlock(f: {
  open: boolean;
  entered: boolean;
  wins: number;
  maxWinsPerUser: number;
  eligible: () => Promise<boolean>;
}): Promise<EntryBlock> {
  if (!f.open) return 'closed';
  if (f.entered) return null;
  if (f.wins >= f.maxWinsPerUser) return 'already_won';
  return (await f.eligible()) ? null : 'not_eligible';
}
