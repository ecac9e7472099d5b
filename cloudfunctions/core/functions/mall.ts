import { catalogActions } from '../modules/catalog/actions';
import { addressActions } from '../modules/orders/address-actions';
import { cartActions } from '../modules/orders/cart-actions';
import { expireOrders } from '../flows/order-expiry';
import { orderActions } from '../modules/orders/order-actions';
import { defineFunction } from '../kernel/define';
import { purgeRequests } from '../kernel/idempotency';

/** The shopper-facing mall: catalog, cart, addresses, orders and payment. */
export const mall = defineFunction(
  'mall',
  {
    ...catalogActions,
    ...cartActions,
    ...addressActions,
    ...orderActions,
  },
  {
    expireOrders,
    purgeRequests: ({ db, now }) => purgeRequests(db, now),
  },
);
