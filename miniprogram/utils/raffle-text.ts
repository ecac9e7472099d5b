import type { EntryBlock, EntryResult, MyPrize, RaffleKind, RafflePrize } from '../../typings/contract/index';
import { PRIVILEGE_TEXT, dayOf } from './member';
import { statusText } from './orders';
import { formatDateTime } from './time';

/** How raffles read to the shopper: kinds, prizes, entry results, prize delivery, who may enter. */

export const RAFFLE_KIND_TEXT: Record<RaffleKind, string> = { reservation: '预约抽奖', group_join: '进群抽奖' };

/** "满 199 减 30 券 ×3 · 200 积分 ×5" (units per draw) */
export const prizesText = (prizes: ReadonlyArray<Pick<RafflePrize, 'title' | 'stock'>>): string =>
  prizes.map((p) => `${p.title} ×${p.stock}`).join(' · ');

const RESULT_TEXT: Record<EntryResult, string> = {
  pending: '待开奖',
  won: '中奖',
  lost: '未中奖',
  excluded: '已中过奖，本轮不参与',
};

export const resultText = (result: EntryResult): string => RESULT_TEXT[result];

/** Where a won prize stands, in one line. */
export function prizeStatusText(p: MyPrize): string {
  switch (p.status) {
    case 'pending':
      return '奖品发放中';
    case 'granted':
      if (p.kind === 'coupon') return '优惠券已放入卡包';
      if (p.kind === 'points') return `${p.points ?? 0} 积分已到账`;
      if (p.kind === 'privilege' && p.privilege) return `${PRIVILEGE_TEXT[p.privilege.kind]}已生效，至 ${dayOf(p.privilege.until)}`;
      return '已发放';
    case 'awaiting_address':
      return p.claimBy !== null ? `请在 ${formatDateTime(p.claimBy)} 前填写收货地址` : '请填写收货地址';
    case 'ordered':
      return p.orderStatus ? `已下单 · ${statusText(p.orderStatus)}` : '已下单，等待发货';
    case 'failed':
      return '发放遇到问题，客服会尽快联系你';
    case 'forfeited':
      return '超过领奖期限，奖品已失效';
  }
}

/** Who may enter a raffle of this kind, as the page explains a refusal. */
export const ELIGIBILITY_TEXT: Record<RaffleKind, { text: string; action: string }> = {
  reservation: { text: '开播前预约这场直播的用户才能参与抽奖', action: '去预约直播' },
  group_join: { text: '加入粉丝群或通过直播添加客服企业微信后才能参与抽奖', action: '去加入粉丝群' },
};

/** Why the enter button is off, for blocks other than eligibility. */
export const BLOCK_TEXT: Record<Exclude<EntryBlock, null | 'not_eligible'>, string> = {
  already_won: '你已在本次抽奖中奖，把机会留给其他粉丝吧',
  closed: '抽奖已截止',
};

/** A long hex string shortened for display: "c14bc80a…9eaa69d7". */
export const shortHex = (hex: string, keep = 8): string => (hex.length <= keep * 2 + 1 ? hex : `${hex.slice(0, keep)}…${hex.slice(-keep)}`);
