/** The coupons module's public face: other modules, flows and functions import only this file. */
export * from './actions';
export * from './discount';
export * from './eligibility';
export * from './issue';
export * from './lifecycle';
export * from './rules';
export * from './welcome';
export * from './repair';
