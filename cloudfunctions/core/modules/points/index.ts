/** The points module's public face: other modules, flows and functions import only this file. */
export * from './actions';
export * from './expiry';
export * from './expiry-rules';
export * from './ledger';
export * from './members';
export * from './tiers';
export * from './privileges';
export * from './store';
export * from './profile-actions';
