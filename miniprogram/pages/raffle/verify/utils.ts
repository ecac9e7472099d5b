import type { DrawVerification } from '../../../../typings/contract/index';
import { checkDraw } from '../../../utils/draw';

/** The verify page's view: the published draw next to what this phone recomputed from it. */

export interface UnitRow {
  unit: number;
  prizeTitle: string;
  nickname: string;
  published: string;
  recomputed: string;
  ok: boolean;
}

export interface EntryRow {
  entryId: string;
  /** 1-based place in the sorted pool */
  place: number;
  winner: boolean;
  mine: boolean;
}

export interface VerifyView {
  slot: number;
  procedure: string;
  commitment: string;
  seed: string;
  digest: string;
  seedOk: boolean;
  winnersOk: boolean;
  valid: boolean;
  verdictText: string;
  units: UnitRow[];
  entries: EntryRow[];
  /** entries left out (their users had already won as often as allowed), joined */
  excludedText: string;
  /** "你的参与编号在名单第 3 位" or '' */
  mineText: string;
}

export function verifyView(v: DrawVerification, myEntryId: string): VerifyView {
  const check = checkDraw({
    seed: v.seed,
    commitment: v.commitment,
    entryIds: v.entryIds,
    unitCount: v.units.length,
    winners: v.winners.map((w) => ({ unit: w.unit, entryId: w.entryId })),
  });
  const byUnit = new Map(v.winners.map((w) => [w.unit, w]));
  const units: UnitRow[] = v.units.map((u) => {
    const published = byUnit.get(u.unit);
    const recomputed = check.recomputed[u.unit - 1] ?? '';
    return {
      unit: u.unit,
      prizeTitle: u.prizeTitle,
      nickname: published?.nickname ?? '',
      published: published?.entryId ?? '',
      recomputed,
      ok: (published?.entryId ?? '') === recomputed,
    };
  });
  const winners = new Set(v.winners.map((w) => w.entryId));
  const entries = check.sortedEntryIds.map((entryId, i) => ({ entryId, place: i + 1, winner: winners.has(entryId), mine: entryId === myEntryId }));
  const mine = entries.find((e) => e.mine);
  let verdictText = '验证通过：种子与开奖前公布的承诺一致，中奖名单与按公开算法重新计算的结果完全相同';
  if (!check.seedMatchesCommitment) verdictText = '验证未通过：公布的种子与开奖前公布的承诺不一致';
  else if (!check.winnersMatch) verdictText = '验证未通过：按公开算法重新计算的中奖名单与公布的不同';
  return {
    slot: v.slot,
    procedure: v.procedure,
    commitment: v.commitment,
    seed: v.seed,
    digest: check.digest,
    seedOk: check.seedMatchesCommitment,
    winnersOk: check.winnersMatch,
    valid: check.valid,
    verdictText,
    units,
    entries,
    excludedText: [...v.excludedEntryIds].sort().join('、'),
    mineText: mine ? `你的参与编号 ${mine.entryId} 在名单第 ${mine.place} 位` : myEntryId ? '名单中没有你的参与编号' : '',
  };
}
