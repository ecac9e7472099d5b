/** The orders module's public face: other modules, flows and functions import only this file. */
export * from './address-actions';
export * from './shipping';
export * from './cart-actions';
export * from './order-actions';
export * from './pricing';
export * from './rules';
export * from './search';
export * from './history';
export * from './state';
export * from './store';
export * from './purchase-limits';
export * from './refunds';
export * from './checkout-intents';
export * from './aftersale-rules';
export * from './aftersale-store';
export * from './aftersale-actions';
export * from './logistics';
