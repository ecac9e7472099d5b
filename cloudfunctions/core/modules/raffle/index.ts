/** The raffle module's public face: other modules, flows and functions import only this file. */
export * from './actions';
export * from './admin-actions';
export * from './draw';
export * from './rules';
export * from './views';
export * from './run';
export * from './prizes';
export * from './timers';
