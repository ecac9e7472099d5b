import type {
  AuditEntry,
  InputFor,
  OutputFor,
  LiveMetrics,
  ProductDraft,
  StaffBanner,
  StaffCategory,
  RangeMetrics,
  StaffMember,
  StaffOrderDetail,
  StaffOrderRow,
  StaffProduct,
  StaffRedemption,
  StaffRole,
  StaffSku,
} from '../../typings/contract/index';
import { call, newRequestId } from './call';

/** Staff functions (function `admin`): every action fails with NOT_STAFF for shoppers, FORBIDDEN for a role without its permission. */
export const whoami = (): Promise<{ openid: string; role: StaffRole }> => call('admin', 'whoami', {});

/** 新订单提醒: the caller's banked new-order alerts (needs orders.fulfil). */
export const orderAlertSettings = (): Promise<{ templateId: string; credits: number; maxCredits: number }> => call('admin', 'orderAlertSettings', {});

export interface Page<T> {
  items: T[];
  total: number;
}

// Staff and the audit trail

export const listStaff = async (): Promise<StaffMember[]> => (await call('admin', 'listStaff', {})).items;

/** A one-time code (valid 3 days) that makes whoever accepts it staff with `role`. */
export const inviteStaff = (role: StaffRole, requestId = newRequestId()): Promise<{ code: string; role: StaffRole; expiresAt: number }> =>
  call('admin', 'inviteStaff', { role }, { requestId });

/** Any signed-in user: spends the code and becomes staff. */
export const acceptStaffInvite = (code: string, requestId = newRequestId()): Promise<{ openid: string; role: StaffRole }> =>
  call('admin', 'acceptStaffInvite', { code }, { requestId });

export const setStaffRole = (openid: string, role: StaffRole, requestId = newRequestId()): Promise<{ openid: string; role: StaffRole }> =>
  call('admin', 'setStaffRole', { openid, role }, { requestId });

export const removeStaff = (openid: string, requestId = newRequestId()): Promise<{ removed: boolean }> =>
  call('admin', 'removeStaff', { openid }, { requestId });

export const listAudit = (query: InputFor<'admin', 'listAudit'> = {}): Promise<Page<AuditEntry>> => call('admin', 'listAudit', query);

// Catalogue

export const listStaffCategories = async (): Promise<StaffCategory[]> => (await call('admin', 'listStaffCategories', {})).items;

export const saveCategory = (input: InputFor<'admin', 'saveCategory'>, requestId = newRequestId()): Promise<StaffCategory> =>
  call('admin', 'saveCategory', input, { requestId });

export const deleteCategory = (categoryId: string, requestId = newRequestId()): Promise<{ removed: boolean }> =>
  call('admin', 'deleteCategory', { categoryId }, { requestId });

/** A new product with every SKU at once; the requestId is kept by the form so a retry makes one product. */
export const createProduct = (input: InputFor<'admin', 'createProduct'>, requestId = newRequestId()): Promise<ProductDraft> =>
  call('admin', 'createProduct', input, { requestId });

export const getProductDraft = (productId: string): Promise<ProductDraft> => call('admin', 'getProductDraft', { productId });

export const addSpecValues = (input: InputFor<'admin', 'addSpecValues'>, requestId = newRequestId()): Promise<ProductDraft> =>
  call('admin', 'addSpecValues', input, { requestId });

export const editProduct = (input: InputFor<'admin', 'editProduct'>, requestId = newRequestId()): Promise<ProductDraft> =>
  call('admin', 'editProduct', input, { requestId });

export const listBanners = async (): Promise<StaffBanner[]> => (await call('admin', 'listBanners', {})).items;

export const saveBanner = (input: InputFor<'admin', 'saveBanner'>, requestId = newRequestId()): Promise<StaffBanner> =>
  call('admin', 'saveBanner', input, { requestId });

export const deleteBanner = (bannerId: string, requestId = newRequestId()): Promise<{ removed: boolean }> =>
  call('admin', 'deleteBanner', { bannerId }, { requestId });

export const listStaffProducts = (query: InputFor<'admin', 'listStaffProducts'> = {}): Promise<Page<StaffProduct>> =>
  call('admin', 'listStaffProducts', query);

export const updateProduct = (input: InputFor<'admin', 'updateProduct'>, requestId = newRequestId()): Promise<StaffProduct> =>
  call('admin', 'updateProduct', input, { requestId });

export const updateSku = (input: InputFor<'admin', 'updateSku'>, requestId = newRequestId()): Promise<StaffSku> =>
  call('admin', 'updateSku', input, { requestId });

/** `set` the stock to a count or `add` a signed quantity, atomically on the server. */
export const adjustStock = (skuId: string, mode: 'set' | 'add', quantity: number, requestId = newRequestId()): Promise<StaffSku> =>
  call('admin', 'adjustStock', { skuId, mode, quantity }, { requestId });

// Orders

/** A page of orders: `buyersCapped` says a nickname search matched more buyers than the server looks at. */
export interface StaffOrderPage extends Page<StaffOrderRow> {
  buyersCapped: boolean;
}

/** Every order, newest first, narrowed by each filter given (see docs/API.md). */
export const listAllOrders = (query: InputFor<'admin', 'listAllOrders'> = {}): Promise<StaffOrderPage> => call('admin', 'listAllOrders', query);

/** One order in full, read-only. */
export const getStaffOrder = (orderId: string): Promise<StaffOrderDetail> => call('admin', 'getOrder', { orderId });

export const shipOrder = (orderId: string, company: string, trackingNumber: string, requestId = newRequestId()): Promise<OutputFor<'admin', 'shipOrder'>> =>
  call('admin', 'shipOrder', { orderId, company, trackingNumber }, { requestId });

/** Corrects a shipped order's carrier and waybill (WeChat takes one correction of a reported shipment). */
export const reshipOrder = (orderId: string, company: string, trackingNumber: string, requestId = newRequestId()): Promise<OutputFor<'admin', 'reshipOrder'>> =>
  call('admin', 'reshipOrder', { orderId, company, trackingNumber }, { requestId });

/** Asks WeChat to remind the buyer to confirm receipt (once per order). */
export const remindReceipt = (orderId: string, requestId = newRequestId()): Promise<OutputFor<'admin', 'remindReceipt'>> =>
  call('admin', 'remindReceipt', { orderId }, { requestId });

/** A refund of the lines given (units per SKU), or without them of all that is left (or the one still processing, again). */
export const refundOrder = (
  orderId: string,
  reason: string,
  lines?: Array<{ skuId: string; quantity: number }>,
  requestId = newRequestId(),
): Promise<OutputFor<'admin', 'refundOrder'>> => call('admin', 'refundOrder', lines ? { orderId, reason, lines } : { orderId, reason }, { requestId });

// Metrics (definitions: docs/METRICS.md)

export const listRedemptions = (status: 'pending' | 'shipped', page = 1): Promise<Page<StaffRedemption>> =>
  call('admin', 'listRedemptions', { status, page });

export const shipRedemption = (redemptionId: string, company: string, trackingNumber: string, requestId = newRequestId()): Promise<{ status: 'shipped' }> =>
  call('admin', 'shipRedemption', { redemptionId, company, trackingNumber }, { requestId });

export const liveMetrics = (liveId: string): Promise<LiveMetrics> => call('admin', 'liveMetrics', { liveId });

export const rangeMetrics = (from: number, to: number): Promise<RangeMetrics> => call('admin', 'rangeMetrics', { from, to });
