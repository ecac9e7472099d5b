import type { DailyPoint, RangeMetrics } from '../../../../typings/contract';
import { bind } from '../../kernel/define';
import { DAY, inShanghai } from '../../kernel/time';
import type { Db } from '../../ports';
import { loadLive } from '../live';
import { computeLiveMetrics, ordersOf, sumCohorts, sumRatios } from './compute';
import { refundedFenOf } from '../orders';
import { dayOf, isSale, loadLiveFacts } from './facts';

/** Lives a range covers at most; the dashboard pages beyond that by narrowing the range. */
export const MAX_LIVES_IN_RANGE = 31;

/** Orders, payments, GMV and reservations per Shanghai day, one day's documents at a time. */
async function dailySeries(db: Db, from: number, to: number): Promise<DailyPoint[]> {
  const points: DailyPoint[] = [];
  for (let start = inShanghai(from).startOf('day').valueOf(); start < to; start = inShanghai(start + DAY + 3600_000).startOf('day').valueOf()) {
    const end = Math.min(inShanghai(start + DAY + 3600_000).startOf('day').valueOf(), to);
    const lo = Math.max(start, from);
    const [orders, paidAll, reservations] = await Promise.all([
      db.collection('orders').count({ createdAt: { $gte: lo, $lt: end }, paymentMethod: { $ne: 'raffle_prize' } }),
      db.collection('orders').find({ paidAt: { $gte: lo, $lt: end } }),
      db.collection('reservations').count({ createdAt: { $gte: lo, $lt: end } }),
    ]);
    const paid = paidAll.filter(isSale);
    const sums = ordersOf(orders, paid.map((o) => ({ grossFen: o.price.payableFen, refundedFen: refundedFenOf(o) })));
    points.push({ day: dayOf(lo), orders, paidOrders: paid.length, gmvFen: sums.gmvFen, refundedFen: sums.refundedFen, netGmvFen: sums.netGmvFen, reservations });
  }
  return points;
}

export const metricsAdminActions = bind<'admin'>()({
  liveMetrics: {
    staff: 'staff.read',
    handler: async ({ db, now }, { liveId }) => computeLiveMetrics(await loadLiveFacts(db, await loadLive(db, liveId), now)),
  },

  rangeMetrics: {
    staff: 'staff.read',
    handler: async ({ db, now }, { from, to }): Promise<RangeMetrics> => {
      const lives = await db
        .collection('lives')
        .find({ startAt: { $gte: from, $lt: to } }, { sort: [['startAt', 'asc']], limit: MAX_LIVES_IN_RANGE });
      const perLive = [];
      for (const live of lives) perLive.push(computeLiveMetrics(await loadLiveFacts(db, live, now)));
      const liveAcquired = sumCohorts(perLive.map((m) => m.clv30.liveAcquired));
      const baseline = sumCohorts(perLive.map((m) => m.clv30.baseline));
      return {
        from,
        to,
        lives: perLive,
        totals: {
          privateDomainReservationShare: sumRatios(perLive.map((m) => m.privateDomainReservationShare)),
          newWecomFriends: perLive.reduce((s, m) => s + m.newWecomFriends, 0),
          privateDomainOrderShare: sumRatios(perLive.map((m) => m.privateDomainOrderShare)),
          liveProductRepurchaseRate: sumRatios(perLive.map((m) => m.liveProductRepurchaseRate)),
          retention7d: sumRatios(perLive.map((m) => m.retention7d)),
          clv30: {
            liveAcquired,
            baseline,
            ratio: liveAcquired.averageFen !== null && baseline.averageFen ? Math.round((liveAcquired.averageFen / baseline.averageFen) * 100) / 100 : null,
          },
        },
        daily: await dailySeries(db, from, to),
      };
    },
  },
});
