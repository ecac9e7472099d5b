import { couponAdminActions } from '../domain/coupons/actions';
import { liveAdminActions } from '../domain/live/admin-actions';
import { orderAdminActions } from '../domain/orders/admin-actions';
import { rewardAdminActions } from '../domain/points/actions';
import { raffleAdminActions } from '../domain/raffle/admin-actions';
import { referralAdminActions } from '../domain/referral/admin-actions';
import { roomAdminActions } from '../domain/room/admin-actions';
import { metricsAdminActions } from '../domain/metrics/actions';
import { staffAdminActions } from '../domain/staff/actions';
import { postLiveAdminActions } from '../domain/postlive/admin-actions';
import { recommendAdminActions } from '../domain/recommend/actions';
import { sopAdminActions } from '../domain/sop/admin-actions';
import { tagAdminActions } from '../domain/tags/admin-actions';
import { bind, defineFunction } from '../kernel/define';

/** Staff-only actions; every one names a permission from kernel/permissions.ts. */
const staffActions = bind<'admin'>()({
  whoami: {
    staff: 'staff.read',
    handler: async ({ caller }) => ({ openid: caller.openid, role: caller.role! }),
  },
});

export const admin = defineFunction('admin', { ...staffActions, ...orderAdminActions, ...liveAdminActions, ...roomAdminActions, ...couponAdminActions, ...rewardAdminActions, ...referralAdminActions, ...raffleAdminActions, ...staffAdminActions, ...metricsAdminActions, ...tagAdminActions, ...sopAdminActions, ...postLiveAdminActions, ...recommendAdminActions });
