import { DAY } from '../../kernel/time';
import type { ErrorCode } from '../../../../typings/contract';
import type { OrderSource, ReferralSettings } from '../../../../typings/contract';

/** Referral rules as pure functions. */

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
export const CODE_LENGTH = 8;

/** 8 characters from a 57-letter alphabet (no 0/O/1/l/I): ~46 bits, unbiased by rejection. */
export function makeCode(nextBytes: (n: number) => Uint8Array): string {
  let out = '';
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < CODE_LENGTH) {
    for (const b of nextBytes(16)) {
      if (b < limit && out.length < CODE_LENGTH) out += ALPHABET[b % ALPHABET.length];
    }
  }
  return out;
}

/** The page a code opens: the product, else the live, else home; the code rides in `code`. */
export function codePath(code: string, target: { liveId: string | null; productId: string | null }): string {
  if (target.productId) return `pages/product/index?id=${target.productId}${target.liveId ? `&live=${target.liveId}` : ''}&code=${code}`;
  if (target.liveId) return `pages/live/detail/index?live=${target.liveId}&code=${code}`;
  return `pages/home/index?code=${code}`;
}

export const sceneOf = (code: string) => `c=${code}`;

export interface BindingFacts {
  inviteeId: string;
  inviterId: string;
  /** when the invitee first arrived (their user record) */
  inviteeCreatedAt: number;
  /** the invitee's existing binding, if any */
  alreadyBoundTo: string | null;
  /** the inviter's upline: who invited the inviter, who invited them, … (nearest first) */
  inviterUpline: string[];
  now: number;
  windowMs: number;
}

/**
 * First-touch binding: a new user (arrived within the window) is bound once to the first inviter
 * whose code they open; never to themselves, never to someone they invited (directly or up the
 * chain), never again.
 */
export function bindingDecision(f: BindingFacts): { ok: true } | { ok: false; code: ErrorCode } {
  if (f.inviteeId === f.inviterId) return { ok: false, code: 'REFERRAL_SELF' };
  if (f.alreadyBoundTo) return { ok: false, code: 'REFERRAL_ALREADY_BOUND' };
  if (f.inviterUpline.includes(f.inviteeId)) return { ok: false, code: 'REFERRAL_CYCLE' };
  if (f.now - f.inviteeCreatedAt > f.windowMs) return { ok: false, code: 'REFERRAL_WINDOW_CLOSED' };
  return { ok: true };
}

export interface InviteeFacts {
  inviteeId: string;
  reservedAt: number;
  status: 'active' | 'cancelled';
  /** when a cancelled reservation was cancelled */
  cancelledAt: number | null;
  /** the invitee's user record */
  createdAt: number;
  /** their first paid order, if any */
  firstPaidAt: number | null;
}

/**
 * "New to the shop" (for fission tasks): first arrived no earlier than the binding window before
 * reserving, and had no paid order before reserving.
 */
export const newToShop = (f: InviteeFacts, windowMs: number) =>
  f.createdAt >= f.reservedAt - windowMs && (f.firstPaidAt === null || f.firstPaidAt > f.reservedAt);

/** A reservation counts while active; a cancelled one counts only if it was cancelled after the live started. */
export const stillCounts = (f: InviteeFacts, liveStartAt: number) =>
  f.status === 'active' || (f.cancelledAt !== null && f.cancelledAt >= liveStartAt);

/** Distinct invitees who count toward a fission task, earliest first. */
export function countingInvitees(inviterId: string, facts: InviteeFacts[], liveStartAt: number, windowMs: number): InviteeFacts[] {
  const seen = new Set<string>();
  return [...facts]
    .sort((a, b) => a.reservedAt - b.reservedAt)
    .filter((f) => {
      if (f.inviteeId === inviterId || seen.has(f.inviteeId)) return false;
      if (!stillCounts(f, liveStartAt) || !newToShop(f, windowMs)) return false;
      seen.add(f.inviteeId);
      return true;
    });
}

export const fissionRules = (required: number, windowDays: number, giftStock: number, giftTitle: string): string[] => [
  `邀请 ${required} 位好友通过你的邀请码预约本场直播，即可解锁「${giftTitle}」。`,
  `好友需为本店新朋友：首次进店不超过 ${windowDays} 天，且预约前没有在本店下过单。`,
  '同一位好友只计一次；你自己预约不计入。',
  '好友在开播前取消预约，则不再计入。',
  `礼品共 ${giftStock} 份，先解锁先领，领完即止；每人限领一份。`,
  '奖励只看好友的真实预约，不看分享次数。',
];

/**
 * Which source an order is credited to: a live card the shopper tapped in this session wins; else
 * the code the shopper arrived through; else the standing binding to an inviter made within the
 * last 30 days; else organic.
 */
export const BINDING_CREDIT_MS = 30 * 24 * 3600_000;

export function creditedSource(
  claimed: OrderSource | undefined,
  binding: { code: string; createdAt: number } | null,
  now: number,
): OrderSource & { reason: string } {
  if (claimed?.kind === 'live_card' && claimed.liveId && claimed.cardId) return { ...claimed, reason: 'live card tapped this session' };
  if (claimed && (claimed.kind === 'invite' || claimed.kind === 'share') && (claimed.inviteCode || claimed.shareCode)) {
    return { ...claimed, reason: 'arrived through a share code' };
  }
  if (binding && now - binding.createdAt <= BINDING_CREDIT_MS) return { kind: 'invite', inviteCode: binding.code, reason: 'bound to an inviter in the last 30 days' };
  return { ...(claimed ?? { kind: 'organic' }), kind: claimed?.kind ?? 'organic', reason: 'organic' };
}

/**
 * The referral window, in one place: a code binds (and an invitee counts for a fission task) only
 * while the invitee is new — first seen at most `windowDays` ago (shop setting, default 7).
 */
export const referralWindowMs = (settings: Pick<ReferralSettings, 'windowDays'>): number => settings.windowDays * DAY;

export const DEFAULT_SETTINGS: ReferralSettings = {
  windowDays: 7,
  promoterMinWatchMinutes: 10,
  promoterPointsPerInvitee: 20,
  promoterDailyCap: 30,
};
