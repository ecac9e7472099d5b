import { isReserver, isViewer } from '../live';
import type { CouponEligibility } from '../../../../typings/contract';
import type { Db } from '../../ports';
import { reservationId, statsId } from '../../schema';
import { hasJoined } from '../wecom';
import type { CouponTemplateDoc } from '../../schema';

/**
 * Who may claim a template. Each eligibility is one check against the template's `liveId`:
 * `reservers` holds an active reservation of it, `viewers` has watched it for at least a minute
 * (companion-page heartbeats); `group_join` joined the merchant's WeCom fan group or added staff on
 * WeCom through the live's channel state (the WeCom callbacks' records). `system` templates are never claimed, only granted.
 */
export type EligibilityCheck = (db: Db, userId: string, template: CouponTemplateDoc, now: number) => Promise<boolean>;

export const ELIGIBILITY_CHECKS: Record<CouponEligibility, EligibilityCheck> = {
  anyone: async () => true,
  reservers: async (db, userId, t) =>
    !!t.liveId && isReserver(await db.collection('reservations').get(reservationId(t.liveId, userId))),
  viewers: async (db, userId, t) =>
    !!t.liveId && isViewer(await db.collection('live_stats').get(statsId(t.liveId, userId))),
  group_join: async (db, userId, t) => !!t.liveId && (await hasJoined(db, { liveId: t.liveId, userId })),
  system: async () => false,
};

export const isEligible = (db: Db, userId: string, template: CouponTemplateDoc, now: number): Promise<boolean> =>
  ELIGIBILITY_CHECKS[template.eligibility](db, userId, template, now);
