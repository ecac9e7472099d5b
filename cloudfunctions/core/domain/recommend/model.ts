import type { BaseDoc } from '../../ports';
import type { AssocPair } from './rules';

/** One product's related products (item_assoc), `_id` = productId, rebuilt as a whole. */
export interface ItemAssocDoc extends BaseDoc {
  related: AssocPair[];
  /** how many customers bought the product in the window */
  baskets: number;
  computedAt: number;
}

export const ASSOC_JOB = 'assoc';
