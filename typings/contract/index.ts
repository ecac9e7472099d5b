import { admin } from './admin';
import { catalog } from './catalog';
import { couponAdmin, coupons } from './coupons';
import { live, liveAdmin } from './live';
import { room, roomAdmin } from './room';
import { staffAdmin } from './staff';
import { catalogAdmin } from './catalog-admin';
import { metricsAdmin } from './metrics';
import { referral, referralAdmin } from './referral';
import { orders } from './orders';
import { afterSale, afterSaleAdmin } from './aftersale';
import { reviewAdmin, reviews } from './reviews';
import { points, rewardAdmin } from './points';
import { raffle, raffleAdmin } from './raffle';
import { crmAdmin, sop } from './crm';
import { customerAdmin } from './customers';
import { exportAdmin } from './exports';
import { recommend, recommendAdmin } from './recommend';
import type { InputOf, OutputOf } from './common';

export * from './errors';
export type { CustomerProfile, CustomerRow, CustomerTag } from './customers';
export type { ExportKind, ExportProgress } from './exports';
export type { ProductDraft, ProductStatus, StaffBanner, StaffCategory } from './catalog-admin';
export type { LiveDraft, StaffLiveRow } from './live';
export { PRODUCT_STATUSES } from './catalog-admin';
export type {
  Banner,
  Category,
  FavoriteItem,
  HistoryItem,
  Home,
  LiveBrief,
  LiveCardOffer,
  LiveState,
  Product,
  ProductSort,
  ProductSummary,
  RestockReminder,
  SearchHints,
  ShelfProduct,
  Sku,
  SpecGroup,
  UpcomingCardOffer,
} from './catalog';
export type { ShippingUploadState, StaffRole } from './admin';
export type { Recommendation, RecommendationReason } from './recommend';
export type {
  BooleanFact,
  CompareOp,
  NumberFact,
  OutboxEntry,
  PostLiveProgress,
  PostLiveStatus,
  RuleExpr,
  SopAction,
  SopRule,
  SopTrigger,
  StaffTask,
  TaggedUser,
  TagRule,
  UserEventType,
} from './crm';
export type {
  CheckoutCoupons,
  ClaimableCoupon,
  ClaimBlock,
  CouponConflict,
  CouponEligibility,
  CouponKind,
  CouponOption,
  CouponRejection,
  CouponRule,
  CouponScope,
  CouponStatus,
  CouponTier,
  MyCoupon,
} from './coupons';
export type { PointsBalance, Profile, PointsEntry, PointsSource, Privilege, PrivilegeKind, Redemption, Reward, RewardKind, StaffRedemption, StaffReward, Tier, TierId } from './points';
export type {
  DrawVerification,
  EntryBlock,
  EntryResult,
  LiveRaffleItem,
  MyEntry,
  MyEntryItem,
  MyPrize,
  PrizeKind,
  PrizeStatus,
  RaffleKind,
  RafflePrize,
  RaffleSlot,
  RaffleSummary,
  RaffleView,
  RaffleWinner,
  SlotState,
  StaffPrize,
  StaffRaffle,
} from './raffle';
export type { LiveCardView, LiveDetail, LiveListItem, LiveReplay, LiveStats, MessageSettings, MessageTemplateSetting, TrackEventInput } from './live';
export type { Binding, FissionGift, FissionProgress, FissionTask, LeaderboardRow, PromoterCenter, ReferralSettings, ResolvedCode, ShareCode } from './referral';
export type { AuditEntry, StaffMember, StaffOrderDetail, StaffOrderEvent, StaffOrderEventKind, StaffOrderLine, StaffOrderPrice, StaffOrderRow, StaffProduct, StaffSku } from './staff';
export type { Cohort, DailyPoint, FunnelStage, LiveMetrics, RangeMetrics, Ratio } from './metrics';
export type { Broadcast, BroadcastKind, MyQuestion, Post, PostProduct, PostSummary, QuestionStatus, StaffQuestion, WecomEntry } from './room';
export type {
  Address,
  Cart,
  CartLine,
  Discount,
  Order,
  OrderLine,
  OrderSource,
  OrderStatus,
  OrderRefund,
  OrderSummary,
  OrderTrace,
  PaymentParams,
  PriceBreakdown,
  ReceiptConfirm,
  Courier,
} from './orders';
export { COURIERS, courierOf } from './orders';
export type { AfterSale, AfterSaleKind, AfterSaleOptions, AfterSaleSettings, AfterSaleState, AfterSaleStep, ReturnAddress, StaffAfterSale } from './aftersale';
export type { MyReview, Review, ReviewPointsRule, ReviewState, ReviewSummary, StaffReview } from './reviews';
export { MAX_REVIEW_PHOTOS, REVIEW_POINTS, REVIEW_POINTS_MIN_CHARS, REVIEW_STATES, REVIEW_TEXT_MAX_CHARS } from './reviews';
export { AFTER_SALE_DAYS, AUTO_COMPLETE_DAYS, AFTER_SALE_KINDS, AFTER_SALE_REASONS, AFTER_SALE_STATES, MAX_AFTER_SALE_PHOTOS } from './aftersale';

/** Every cloud function and its actions: the contract both sides compile against. */
export const contracts = {
  mall: { ...catalog, ...orders, ...afterSale, ...reviews },
  live: { ...live, ...room },
  referral: { ...referral },
  coupons: { ...coupons },
  points: { ...points },
  raffle: { ...raffle },
  recommend: { ...recommend },
  sop: { ...sop },
  admin: { ...admin, ...afterSaleAdmin, ...reviewAdmin, ...liveAdmin, ...roomAdmin, ...couponAdmin, ...rewardAdmin, ...raffleAdmin, ...referralAdmin, ...crmAdmin, ...customerAdmin, ...exportAdmin, ...recommendAdmin, ...staffAdmin, ...catalogAdmin, ...metricsAdmin },
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
