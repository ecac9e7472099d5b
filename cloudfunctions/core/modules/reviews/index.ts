/** The reviews module's public face. */
export * from './rules';
export * from './store';
export * from './views';
export * from './actions';
