import type { MyEntryItem, RaffleKind, RaffleView } from '../../../typings/contract/index';
import { formatDateTime, formatStart } from '../../utils/time';
import { BLOCK_TEXT, ELIGIBILITY_TEXT, prizesText, prizeStatusText, RAFFLE_KIND_TEXT, resultText, shortHex } from '../../utils/raffle-text';

/** What the raffle page shows, made from raffle.get and the caller's entries in it. */

/** enter: the button is live · entered: in the current draw · the rest: why not */
export type EnterAction = 'enter' | 'entered' | 'not_eligible' | 'already_won' | 'closed';

export interface RaffleHead {
  title: string;
  kind: RaffleKind;
  kindText: string;
  prizesText: string;
  /** "共 3 轮，当前第 1 轮" / "单次开奖" */
  roundsText: string;
  stateText: string;
}

export interface DrawRow {
  slot: number;
  title: string;
  drawnText: string;
  entryCount: number;
  commitmentText: string;
  seedText: string;
  winners: Array<{ unit: number; nickname: string; prizeTitle: string; mine: boolean }>;
}

export interface MineRow {
  entryId: string;
  slot: number;
  slotText: string;
  resultText: string;
  won: boolean;
  prizeTitle: string;
  prizeText: string;
  /** a goods prize awaiting the shopper's address */
  claimable: boolean;
  prizeId: string;
}

const STATE_TEXT: Record<RaffleView['state'], string> = { open: '进行中', closed: '等待开奖', drawn: '已开奖' };

export function raffleHead(v: RaffleView): RaffleHead {
  const rounds = v.slots.length;
  return {
    title: v.title,
    kind: v.kind,
    kindText: RAFFLE_KIND_TEXT[v.kind],
    prizesText: prizesText(v.prizes),
    roundsText: rounds > 1 ? `共 ${rounds} 轮${v.currentSlot !== null ? `，当前第 ${v.currentSlot} 轮` : ''}，每轮奖品如上` : '单次开奖',
    stateText: STATE_TEXT[v.state],
  };
}

export function enterAction(v: Pick<RaffleView, 'myEntry' | 'block'>): EnterAction {
  if (v.myEntry) return 'entered';
  return v.block ?? 'enter';
}

/** The line under the enter button for an action that is not "enter". */
export function actionText(action: EnterAction, kind: RaffleKind): string {
  if (action === 'not_eligible') return ELIGIBILITY_TEXT[kind].text;
  if (action === 'already_won' || action === 'closed') return BLOCK_TEXT[action];
  return '';
}

/** Draws whose winners are published, newest first. */
export function drawRows(v: RaffleView, mine: ReadonlySet<string>): DrawRow[] {
  return v.slots
    .filter((s) => s.seed !== null)
    .sort((a, b) => b.slot - a.slot)
    .map((s) => ({
      slot: s.slot,
      title: v.slots.length > 1 ? `第 ${s.slot} 轮` : '开奖结果',
      drawnText: formatDateTime(s.drawnAt ?? s.drawAt),
      entryCount: s.entryCount,
      commitmentText: shortHex(s.commitment),
      seedText: shortHex(s.seed ?? ''),
      winners: s.winners.map((w) => ({ unit: w.unit, nickname: w.nickname, prizeTitle: w.prizeTitle, mine: mine.has(w.entryId) })),
    }));
}

export const mineRow = (e: MyEntryItem, rounds: number): MineRow => ({
  entryId: e.entryId,
  slot: e.slot,
  slotText: rounds > 1 ? `第 ${e.slot} 轮` : '本次抽奖',
  resultText: e.result === 'won' && e.prize ? `中奖：${e.prize.title}` : resultText(e.result),
  won: e.result === 'won',
  prizeTitle: e.prize?.title ?? '',
  prizeText: e.prize ? prizeStatusText(e.prize) : '',
  claimable: e.prize?.status === 'awaiting_address',
  prizeId: e.prize?.prizeId ?? '',
});

/** "今天 20:15 开奖" */
export const drawTimeText = (drawAt: number, now: number): string => `${formatStart(drawAt, now)} 开奖`;
