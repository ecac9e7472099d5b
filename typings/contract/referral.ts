import { z } from 'zod';
import { def, id, page, text } from './common';

/**
 * Referral and fission (裂变): share codes and posters, first-touch binding, invite-to-unlock tasks,
 * promoters. Rewards follow the invitee's real action (reserving, watching), never the act of sharing.
 */
export const shareCode = () => z.string().min(6).max(12).regex(/^[A-Za-z0-9]+$/, 'must be a share code');

export interface ShareCode {
  code: string;
  /** the mini program path the code opens, with the code in it */
  path: string;
  /** the wxacode scene (≤ 32 chars): `c=<code>` */
  scene: string;
}

export interface ResolvedCode {
  code: string;
  /** masked nickname of the sharer */
  inviter: string;
  liveId: string | null;
  productId: string | null;
  path: string;
}

export type FissionGift = { kind: 'coupon'; templateId: string; title: string } | { kind: 'points'; points: number; title: string };

export interface FissionTask {
  _id: string;
  liveId: string;
  liveTitle: string;
  requiredInvites: number;
  giftStock: number;
  giftClaimed: number;
  gift: FissionGift;
  /** the rules in full, as shown on the task page */
  rules: string[];
  endsAt: number;
}

export interface FissionProgress {
  count: number;
  required: number;
  unlocked: boolean;
  claimed: boolean;
  /** invitees that count, masked */
  invitees: Array<{ name: string; at: number }>;
  giftLeft: number;
}

export interface PromoterCenter {
  promoter: boolean;
  since: number | null;
  earnedPoints: number;
  /** the shop's promoter rules, as the timer applies them */
  rules: { minWatchMinutes: number; pointsPerInvitee: number; dailyCap: number };
  invitees: Array<{ name: string; liveId: string; status: 'reserved' | 'watching' | 'rewarded' | 'revoked'; watchMinutes: number; points: number }>;
}

export interface LeaderboardRow {
  rank: number;
  name: string;
  qualified: number;
  points: number;
  me: boolean;
}

export interface Binding {
  inviteeId: string;
  inviterId: string;
  code: string;
  reason: string;
  createdAt: number;
}

export const referral = {
  myCode: def<ShareCode>()(z.object({ liveId: id().optional(), productId: id().optional() }).strict()),
  resolveCode: def<ResolvedCode>()(z.object({ code: shareCode() }).strict()),
  /** the QR image (wxacode) for a code, for the poster canvas */
  poster: def<{ qrUrl: string; path: string }>()(z.object({ code: shareCode() }).strict()),
  /** first-touch binding of a new user to the code's owner */
  bind: def<{ bound: true; inviter: string }>()(z.object({ code: shareCode() }).strict()),
  getTask: def<FissionTask>()(z.object({ taskId: id() }).strict()),
  listTasks: def<{ items: FissionTask[] }>()(z.object({ liveId: id().optional() }).strict()),
  progress: def<FissionProgress>()(z.object({ taskId: id() }).strict()),
  claimGift: def<{ claimed: true; couponId: string | null; points: number }>()(z.object({ taskId: id() }).strict()),
  becomePromoter: def<{ promoter: true; since: number }>()(z.object({}).strict()),
  promoterCenter: def<PromoterCenter>()(z.object({}).strict()),
  leaderboard: def<{ items: LeaderboardRow[] }>()(z.object({ liveId: id() }).strict()),
};

export const FissionGiftInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('coupon'), templateId: id() }).strict(),
  z.object({ kind: z.literal('points'), points: z.number().int().min(1).max(100_000) }).strict(),
]);

export interface ReferralSettings {
  /** a new user may be bound to an inviter within this many days of first arriving */
  windowDays: number;
  /** an invitee must watch at least this many minutes of the live for the promoter to earn */
  promoterMinWatchMinutes: number;
  promoterPointsPerInvitee: number;
  /** at most this many rewarded invitees per promoter per Shanghai day */
  promoterDailyCap: number;
}

export const referralAdmin = {
  getReferralSettings: def<ReferralSettings>()(z.object({}).strict()),
  setReferralSettings: def<ReferralSettings>()(
    z
      .object({
        windowDays: z.number().int().min(1).max(90).optional(),
        promoterMinWatchMinutes: z.number().int().min(1).max(600).optional(),
        promoterPointsPerInvitee: z.number().int().min(1).max(10_000).optional(),
        promoterDailyCap: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
  ),
  createFissionTask: def<{ taskId: string }>()(
    z
      .object({
        liveId: id(),
        requiredInvites: z.number().int().min(1).max(50),
        giftStock: z.number().int().min(1).max(100_000),
        gift: FissionGiftInput,
        title: text(40).optional(),
      })
      .strict(),
  ),
  listBindings: def<{ items: Binding[]; total: number }>()(
    z.object({ inviterId: id().optional(), inviteeId: id().optional(), page: page().optional() }).strict(),
  ),
};
