import { couponAdminActions } from '../modules/coupons';
import { liveAdminActions } from '../modules/live';
import { orderAlertActions, shippingActions } from '../flows/order-notices';
import { refundActions } from '../flows/refund';
import { liveStateActions } from '../flows/live-state';
import { afterSaleAdminActions } from '../flows/aftersale';
import { reviewAdminActions } from '../modules/reviews';
import { staffOrderActions } from '../flows/staff-orders';
import { rewardAdminActions } from '../modules/points';
import { raffleAdminActions } from '../modules/raffle';
import { raffleDrawActions } from '../flows/raffle-draw';
import { referralAdminActions } from '../modules/referral';
import { roomAdminActions } from '../modules/live';
import { metricsAdminActions } from '../modules/metrics';
import { staffAdminActions } from '../modules/staff';
import { catalogAdminActions, catalogSetupActions } from '../modules/catalog';
import { restockAdminActions } from '../flows/restock';
import { postLiveAdminActions } from '../flows/postlive-admin';
import { recommendAdminActions } from '../modules/recommend';
import { sopAdminActions } from '../modules/sop';
import { tagAdminActions } from '../modules/tags';
import { customerActions } from '../flows/customers';
import { exportActions } from '../flows/exports';
import { bind, defineFunction } from '../kernel/define';
import { repairAudits } from '../kernel/audit';

/** Staff-only actions; every one names a permission from kernel/permissions.ts. */
const staffActions = bind<'admin'>()({
  whoami: {
    staff: 'staff.read',
    handler: async ({ caller }) => ({ openid: caller.openid, role: caller.role! }),
  },
});

export const admin = defineFunction('admin', { ...staffActions, ...shippingActions, ...orderAlertActions, ...staffOrderActions, ...refundActions, ...afterSaleAdminActions, ...reviewAdminActions, ...liveAdminActions, ...liveStateActions, ...roomAdminActions, ...couponAdminActions, ...rewardAdminActions, ...referralAdminActions, ...raffleAdminActions, ...raffleDrawActions, ...staffAdminActions, ...catalogAdminActions, ...catalogSetupActions, ...restockAdminActions, ...metricsAdminActions, ...tagAdminActions, ...customerActions, ...exportActions, ...sopAdminActions, ...postLiveAdminActions, ...recommendAdminActions }, {
  repairAudits: ({ db, now }) => repairAudits(db, now),
});
