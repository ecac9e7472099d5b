/** The messaging module's public face: other modules, flows and functions import only this file. */
export * from './consent';
export * from './outbox';
export * from './policy';
export * from './templates';
export * from './sms';
