import { catalogActions } from '../domain/catalog/actions';
import { defineFunction } from '../kernel/define';
import { purgeRequests } from '../kernel/idempotency';

/** The shopper-facing mall: catalog (and, as they land, cart, orders, payment). */
export const mall = defineFunction(
  'mall',
  {
    ...catalogActions,
  },
  {
    purgeRequests: ({ db, now }) => purgeRequests(db, now),
  },
);
