/** The live module's public face: other modules, flows and functions import only this file. */
export * from './actions';
export * from './admin-actions';
export * from './events';
export * from './room-actions';
export * from './room-admin-actions';
export * from './room-rules';
export * from './rules';
export * from './store';
export * from './audience';
