import type { CheckoutCoupons, Order, OrderLine, OrderTrace, OrderSource, OrderStatus, OrderSummary, PriceBreakdown } from '../../typings/contract/index';
import { call, newRequestId } from './call';

/** Orders (function `mall`): preview and create at checkout, then read, cancel, confirm. */
export interface OrderItem {
  skuId: string;
  quantity: number;
}

export interface PreviewInput {
  items: OrderItem[];
  couponIds?: string[];
  source?: OrderSource;
  /** cart lines keep the live price of the card they were added from */
  fromCart?: boolean;
}

export interface Preview {
  lines: OrderLine[];
  price: PriceBreakdown;
  coupons: CheckoutCoupons;
  /** what is left of each line's SKU now */
  stock: Record<string, number>;
  /** 每人限购 lines: the limit and what the shopper may still buy */
  limits: Record<string, { limit: number; left: number }>;
}

export const previewOrder = (input: PreviewInput): Promise<Preview> => call('mall', 'previewOrder', input);

export interface CreateOrderInput extends PreviewInput {
  addressId: string;
}

export interface CreatedOrder {
  orderId: string;
  payableFen: number;
  status: 'created';
}

/** Creates the order; a retry of the same attempt must pass the same requestId. */
export const createOrder = (input: CreateOrderInput, requestId: string): Promise<CreatedOrder> => call('mall', 'createOrder', input, { requestId });

export const getOrder = (orderId: string): Promise<Order> => call('mall', 'getOrder', { orderId });

/** Where a shipped order's parcel is (物流查询组件). */
export const orderTrace = (orderId: string): Promise<OrderTrace> => call('mall', 'orderTrace', { orderId });

export const listOrders = (status: OrderStatus | undefined, page: number): Promise<{ items: OrderSummary[]; total: number }> =>
  call('mall', 'listOrders', status ? { status, page } : { page });

export const cancelOrder = async (orderId: string, requestId = newRequestId()): Promise<OrderStatus> =>
  (await call('mall', 'cancelOrder', { orderId }, { requestId })).status;

export const confirmReceipt = async (orderId: string, requestId = newRequestId()): Promise<OrderStatus> =>
  (await call('mall', 'confirmReceipt', { orderId }, { requestId })).status;
