import { admin } from './admin';
import { catalog } from './catalog';
import { live, liveAdmin } from './live';
import { orders } from './orders';
import type { InputOf, OutputOf } from './common';

export * from './errors';
export type { Banner, Category, Home, LiveBrief, LiveCardOffer, LiveState, Product, ProductSummary, Sku, SpecGroup } from './catalog';
export type { StaffRole } from './admin';
export type { LiveCardView, LiveDetail, LiveListItem, LiveStats, TrackEventInput } from './live';
export type {
  Address,
  Cart,
  CartLine,
  Discount,
  Order,
  OrderLine,
  OrderSource,
  OrderStatus,
  OrderSummary,
  PaymentParams,
  PriceBreakdown,
} from './orders';

/** Every cloud function and its actions: the contract both sides compile against. */
export const contracts = {
  mall: { ...catalog, ...orders },
  live: { ...live },
  admin: { ...admin, ...liveAdmin },
};

type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;
export type ActionName<F extends FunctionName> = keyof Contracts[F] & string;
export type Api = {
  [F in FunctionName]: {
    [A in keyof Contracts[F]]: { input: InputOf<Contracts[F][A]>; output: OutputOf<Contracts[F][A]> };
  };
};
export type InputFor<F extends FunctionName, A extends ActionName<F>> = Api[F][A]['input'];
export type OutputFor<F extends FunctionName, A extends ActionName<F>> = Api[F][A]['output'];
