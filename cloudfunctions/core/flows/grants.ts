import type { GrantsPort } from '../ports/grants';
import { grantCoupon } from '../modules/coupons';
import { awardPoints, grantPrivilege } from '../modules/points';

/** The Grants port over the modules: coupons from the coupons module, points and privileges from points. */
export const moduleGrants: GrantsPort = {
  coupon: (db, g) => grantCoupon(db, g),
  points: async (db, g) => {
    await awardPoints(db, { userId: g.userId, key: g.key, amount: g.amount, source: 'grant', ref: g.ref, label: g.label, now: g.now });
  },
  privilege: async (db, g) => {
    const { privilegeId, until } = await grantPrivilege(db, g);
    return { privilegeId, until };
  },
};

/** The name raffle tests and tools know the default grants by. */
export const defaultGrants = moduleGrants;
