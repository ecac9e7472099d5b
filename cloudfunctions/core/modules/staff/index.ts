/** The staff module's public face: other modules, flows and functions import only this file. */
export * from './actions';
export * from './store';
