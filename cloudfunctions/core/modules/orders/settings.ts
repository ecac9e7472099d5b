import { AFTER_SALE_DAYS, AUTO_COMPLETE_DAYS, type AfterSaleSettings, type ReturnAddress } from '../../../../typings/contract';
import type { Db } from '../../ports';
import { upsertById } from '../../kernel/upsert';

/**
 * 售后与收货设置: one document the orders module keeps. Until staff save it, the window is
 * AFTER_SALE_DAYS after receipt, shipped orders complete AUTO_COMPLETE_DAYS after delivery, and
 * approvals offer the return address last used.
 */
const SETTINGS_ID = 'aftersale';

export const DEFAULT_ORDER_SETTINGS: AfterSaleSettings = { returnAddress: null, afterSaleDays: AFTER_SALE_DAYS, autoCompleteDays: AUTO_COMPLETE_DAYS, updatedAt: null };

export async function loadOrderSettings(db: Db): Promise<AfterSaleSettings> {
  const doc = await db.collection('order_settings').get(SETTINGS_ID);
  return doc ? { returnAddress: doc.returnAddress, afterSaleDays: doc.afterSaleDays, autoCompleteDays: doc.autoCompleteDays, updatedAt: doc.updatedAt } : DEFAULT_ORDER_SETTINGS;
}

export type OrderSettingsChange = { returnAddress?: ReturnAddress | null; afterSaleDays?: number; autoCompleteDays?: number };

/** Saves what changes (the first save writes the defaults for the rest); returns the settings now. */
export async function saveOrderSettings(db: Db, change: OrderSettingsChange, now: number): Promise<AfterSaleSettings> {
  const { updatedAt: _, ...defaults } = DEFAULT_ORDER_SETTINGS;
  await upsertById(db.collection('order_settings'), { _id: SETTINGS_ID, ...defaults, updatedAt: now }, { ...change, updatedAt: now });
  return loadOrderSettings(db);
}
