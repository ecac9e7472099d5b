import { catalogActions } from '../domain/catalog/actions';
import { addressActions } from '../domain/orders/address-actions';
import { cartActions } from '../domain/orders/cart-actions';
import { expireOrders } from '../domain/orders/expiry';
import { orderActions } from '../domain/orders/order-actions';
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
