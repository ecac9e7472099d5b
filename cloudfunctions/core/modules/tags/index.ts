/** The tags module's public face: other modules, flows and functions import only this file. */
export * from './admin-actions';
export * from './engine';
export * from './expr';
export * from './facts';
export * from './manual';
