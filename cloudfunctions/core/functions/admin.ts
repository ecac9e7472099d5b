import { couponAdminActions } from '../modules/coupons/actions';
import { liveAdminActions } from '../modules/live/admin-actions';
import { orderAdminActions } from '../modules/orders/admin-actions';
import { rewardAdminActions } from '../modules/points/actions';
import { raffleAdminActions } from '../modules/raffle/admin-actions';
import { referralAdminActions } from '../modules/referral/admin-actions';
import { roomAdminActions } from '../modules/live/room-admin-actions';
import { metricsAdminActions } from '../modules/metrics/actions';
import { staffAdminActions } from '../modules/staff/actions';
import { postLiveAdminActions } from '../flows/postlive-admin';
import { recommendAdminActions } from '../modules/recommend/actions';
import { sopAdminActions } from '../modules/sop/admin-actions';
import { tagAdminActions } from '../modules/tags/admin-actions';
import { bind, defineFunction } from '../kernel/define';

/** Staff-only actions; every one names a permission from kernel/permissions.ts. */
const staffActions = bind<'admin'>()({
  whoami: {
    staff: 'staff.read',
    handler: async ({ caller }) => ({ openid: caller.openid, role: caller.role! }),
  },
});

export const admin = defineFunction('admin', { ...staffActions, ...orderAdminActions, ...liveAdminActions, ...roomAdminActions, ...couponAdminActions, ...rewardAdminActions, ...referralAdminActions, ...raffleAdminActions, ...staffAdminActions, ...metricsAdminActions, ...tagAdminActions, ...sopAdminActions, ...postLiveAdminActions, ...recommendAdminActions });
