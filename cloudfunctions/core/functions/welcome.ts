import { grantWelcomeCoupon } from '../modules/coupons';
import type { Ports } from '../ports';

/** What a user is given on their first call, in both runtimes: the new-member coupon. */
export const welcomeNewUser = async (ports: Ports, userId: string, now: number): Promise<void> => {
  await grantWelcomeCoupon(ports.db, userId, now);
};
