import { queryRefunds } from '../flows/refund';
import { storefrontActions } from '../flows/storefront';
import { shelfActions } from '../modules/catalog';
import { addressActions } from '../modules/orders';
import { cartActions } from '../modules/orders';
import { expireOrders } from '../flows/order-expiry';
import { repairCheckouts } from '../flows/checkout-repair';
import { repairCounters } from '../kernel/slots';
import { afterSaleActions, autoCompleteOrders, logisticsActions, orderActions, uploadShipping } from '../modules/orders';
import { checkoutActions } from '../flows/checkout';
import { reviewFlowActions } from '../flows/reviews';
import { reviewActions } from '../modules/reviews';
import { orderCloseActions } from '../flows/order-close';
import { notifyRestocks, restockActions } from '../flows/restock';
import { defineFunction } from '../kernel/define';
import { purgeRequests } from '../kernel/idempotency';
import { purgeExports } from '../kernel/exports';

/** The shopper-facing mall: catalog, cart, addresses, orders and payment. */
export const mall = defineFunction(
  'mall',
  {
    ...storefrontActions,
    ...shelfActions,
    ...cartActions,
    ...addressActions,
    ...orderActions,
    ...afterSaleActions,
    ...logisticsActions,
    ...reviewFlowActions,
    ...reviewActions,
    ...checkoutActions,
    ...orderCloseActions,
    ...restockActions,
  },
  {
    expireOrders,
    repairCheckouts: (ctx) => repairCheckouts(ctx),
    repairCounters: (ctx) => repairCounters(ctx.db, ctx.now),
    notifyRestocks,
    queryRefunds,
    uploadShipping,
    autoCompleteOrders,
    purgeRequests: async (ctx) => ({ ...(await purgeRequests(ctx.db, ctx.now)), exports: await purgeExports(ctx, ctx.now) }),
  },
);
