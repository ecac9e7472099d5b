/** The catalog module's public face: other modules, flows and functions import only this file. */
export * from './admin-actions';
export * from './setup-actions';
export * from './setup-rules';
export * from './rules';
export * from './shelf';
export * from './stock';
export * from './restock';
export * from './store';
