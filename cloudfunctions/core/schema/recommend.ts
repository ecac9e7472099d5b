import type { BaseDoc } from './base';

/** One product's related products (item_assoc), `_id` = productId, rebuilt as a whole. */
export interface ItemAssocDoc extends BaseDoc {
  related: AssocPair[];
  /** how many customers bought the product in the window */
  baskets: number;
  computedAt: number;
}

export const ASSOC_JOB = 'assoc';

export interface AssocPair {
  productId: string;
  count: number;
  support: number;
  confidence: number;
  lift: number;
}
