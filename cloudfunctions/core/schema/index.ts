/**
 * Every stored document type, its collection and the one owner that reads and writes it. Id helpers
 * (`reservationId`, `cartItemId`, …) live beside their types.
 */
export type { BaseDoc } from './base';
export type { CollectionDocs, CollectionName } from './docs';
export * from './collections';
export * from './catalog';
export * from './coupons';
export * from './kernel';
export * from './live';
export * from './messaging';
export * from './orders';
export * from './reviews';
export * from './payments';
export * from './points';
export * from './raffle';
export * from './recommend';
export * from './referral';
export * from './room';
export * from './sop';
export * from './staff';
export * from './tags';
export * from './wecom';
