import type { BaseDoc } from './base';
import type { ReferralSettings } from '../../../typings/contract';

export interface ShareCodeDoc extends BaseDoc {
  inviterId: string;
  liveId: string | null;
  productId: string | null;
  /** `${liveId}|${productId}`: one code per inviter and target */
  target: string;
  createdAt: number;
  /** the poster's QR image, made on the first poster view and kept (the Codes port's file id) */
  qrFileId?: string | null;
}

/** One per invitee, ever: `_id` = the invitee's openid. */
export interface BindingDoc extends BaseDoc {
  inviterId: string;
  code: string;
  reason: string;
  createdAt: number;
}

export interface FissionTaskDoc extends BaseDoc {
  liveId: string;
  title: string;
  requiredInvites: number;
  giftStock: number;
  giftClaimed: number;
  gift: { kind: 'coupon'; templateId: string } | { kind: 'points'; points: number };
  createdAt: number;
  createdBy: string;
}

export interface FissionClaimDoc extends BaseDoc {
  taskId: string;
  inviterId: string;
  couponId: string | null;
  points: number;
  createdAt: number;
}

export interface PromoterDoc extends BaseDoc {
  since: number;
  status: 'active';
}

/** One per promoter, live and invitee: `_id` = promoter:<liveId>:<promoterId>:<inviteeId>. */
export interface PromoterRewardDoc extends BaseDoc {
  liveId: string;
  promoterId: string;
  inviteeId: string;
  status: 'rewarded' | 'revoked';
  points: number;
  watchMinutes: number;
  day: string;
  createdAt: number;
}

export interface SettingsDoc extends BaseDoc, ReferralSettings {}


/** Rewarded invitees per promoter per Shanghai day, `_id` = promoterId:YYYY-MM-DD: the daily cap's counter. */
export interface PromoterDayDoc extends BaseDoc {
  count: number;
  updatedAt: number;
}
