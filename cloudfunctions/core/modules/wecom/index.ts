/** The wecom module's public face: other modules, flows and functions import only this file. */
export * from './joins';
export * from './rules';
export * from './welcomes';
