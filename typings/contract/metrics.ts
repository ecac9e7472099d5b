import { z } from 'zod';
import { def, epochMs, id } from './common';
import { MAX_RANGE_DAYS } from './limits';

/**
 * The live-to-private-domain metrics. Every field's exact definition is in docs/METRICS.md under the
 * same id; the admin dashboard shows that text one tap away.
 */
export interface Ratio {
  numerator: number;
  denominator: number;
  /** numerator / denominator rounded to 4 decimals; null when the denominator is 0 */
  value: number | null;
}

export interface Cohort {
  users: number;
  totalFen: number;
  /** totalFen / users, rounded half up to whole fen; null for no users */
  averageFen: number | null;
}

export interface FunnelStage {
  stage: 'reserved' | 'watched' | 'tapped' | 'ordered' | 'paid' | 'repurchased';
  users: number;
}

export interface LiveMetrics {
  liveId: string;
  title: string;
  startAt: number;
  endAt: number;
  privateDomainReservationShare: Ratio;
  newWecomFriends: number;
  privateDomainOrderShare: Ratio;
  liveProductRepurchaseRate: Ratio;
  retention7d: Ratio;
  clv30: { liveAcquired: Cohort; baseline: Cohort; ratio: number | null; complete: boolean };
  funnel: FunnelStage[];
  /** gmvFen: what paid live orders paid; refundedFen: what settled refunds returned of it; netGmvFen: the difference */
  orders: { count: number; paid: number; gmvFen: number; refundedFen: number; netGmvFen: number };
  computedAt: number;
}

export interface DailyPoint {
  /** YYYY-MM-DD, Asia/Shanghai */
  day: string;
  orders: number;
  paidOrders: number;
  gmvFen: number;
  /** what settled refunds have returned of the orders paid that day */
  refundedFen: number;
  netGmvFen: number;
  reservations: number;
}

export interface RangeMetrics {
  from: number;
  to: number;
  lives: LiveMetrics[];
  totals: {
    privateDomainReservationShare: Ratio;
    newWecomFriends: number;
    privateDomainOrderShare: Ratio;
    liveProductRepurchaseRate: Ratio;
    retention7d: Ratio;
    clv30: { liveAcquired: Cohort; baseline: Cohort; ratio: number | null };
  };
  daily: DailyPoint[];
}

export { MAX_RANGE_DAYS };

export const metricsAdmin = {
  liveMetrics: def<LiveMetrics>()(z.object({ liveId: id() }).strict()),
  rangeMetrics: def<RangeMetrics>()(
    z
      .object({ from: epochMs(), to: epochMs() })
      .strict()
      .refine((v) => v.to > v.from, { message: 'to must be after from', path: ['to'] })
      .refine((v) => v.to - v.from <= MAX_RANGE_DAYS * 24 * 3600_000, { message: `at most ${MAX_RANGE_DAYS} days`, path: ['to'] }),
  ),
};
