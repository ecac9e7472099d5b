import type { CouponEligibility } from '../../../../typings/contract';
import type { Db } from '../../ports';
import { reservationId, statsId, type LiveStatsDoc, type ReservationDoc } from '../live/model';
import type { CouponTemplateDoc } from './model';

/**
 * Who may claim a template. Each eligibility is one check against the template's `liveId`:
 * `reservers` holds an active reservation of it, `viewers` has watched it for at least a minute
 * (companion-page heartbeats); `group_join` refuses until the fan-group feature fills in its check
 * here. `system` templates are never claimed, only granted.
 */
export type EligibilityCheck = (db: Db, userId: string, template: CouponTemplateDoc, now: number) => Promise<boolean>;

const nobodyYet: EligibilityCheck = async () => false;

export const ELIGIBILITY_CHECKS: Record<CouponEligibility, EligibilityCheck> = {
  anyone: async () => true,
  reservers: async (db, userId, t) =>
    !!t.liveId && (await db.collection<ReservationDoc>('reservations').get(reservationId(t.liveId, userId)))?.status === 'active',
  viewers: async (db, userId, t) =>
    !!t.liveId && ((await db.collection<LiveStatsDoc>('live_stats').get(statsId(t.liveId, userId)))?.watchMinutes ?? 0) >= 1,
  group_join: nobodyYet,
  system: async () => false,
};

export const isEligible = (db: Db, userId: string, template: CouponTemplateDoc, now: number): Promise<boolean> =>
  ELIGIBILITY_CHECKS[template.eligibility](db, userId, template, now);
