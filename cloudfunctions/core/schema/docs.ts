import type { CategoryDoc, BannerDoc, FavoriteDoc, HistoryDoc, ProductDoc, RestockSubscriptionDoc, SkuDoc } from './catalog';
import type { CouponClaimDoc, CouponDoc, CouponTemplateDoc } from './coupons';
import type { AuditDoc, AuditIntentDoc, CapSlotDoc, ExportChunkDoc, ExportDoc, JobDoc, RateWindowDoc, RequestRecord, StaffDoc, UserDoc, UserEventDoc, VisitDoc } from './kernel';
import type { InterestDoc, LiveDoc, LiveStatsDoc, ReservationDoc, EventBatchDoc } from './live';
import type { ConsentCreditDoc, OutboxDoc, SmsContactDoc } from './messaging';
import type { AddressDoc, AfterSaleDoc, CartItemDoc, CheckoutIntentDoc, OrderDoc, OrderSettingsDoc, PurchaseCountDoc } from './orders';
import type { PaymentDoc } from './payments';
import type { MemberAccountDoc, PointsEntryDoc, PrivilegeDoc, RedemptionDoc, RewardDoc } from './points';
import type { EntryDoc, PrizeDoc, RaffleDoc, SlotDoc, WinsDoc } from './raffle';
import type { ItemAssocDoc } from './recommend';
import type {
  BindingDoc,
  FissionClaimDoc,
  FissionTaskDoc,
  PromoterDayDoc,
  PromoterDoc,
  PromoterRewardDoc,
  SettingsDoc,
  ShareCodeDoc,
} from './referral';
import type { BroadcastDoc, ClipDoc, PostDoc, QuestionDoc } from './room';
import type { SopCounterDoc, SopRuleDoc, SopTaskDoc, StaffTaskDoc } from './sop';
import type { InviteDoc } from './staff';
import type { TagRuleDoc, UserTagDoc } from './tags';
import type { MediaCheckDoc, ReviewDoc, ReviewSettingsDoc, ReviewStatsDoc } from './reviews';
import type { WecomJoinDoc, WecomWelcomeDoc } from './wecom';

/** The document type of every collection, by name: `db.collection('orders')` is a Collection<OrderDoc>. */
export interface CollectionDocs {
  users: UserDoc;
  staff: StaffDoc;
  visits: VisitDoc;
  staff_invites: InviteDoc;
  requests: RequestRecord;
  rate_windows: RateWindowDoc;
  audit: AuditDoc;
  audit_intents: AuditIntentDoc;
  exports: ExportDoc;
  export_chunks: ExportChunkDoc;
  categories: CategoryDoc;
  banners: BannerDoc;
  products: ProductDoc;
  skus: SkuDoc;
  restock_subscriptions: RestockSubscriptionDoc;
  favorites: FavoriteDoc;
  browse_history: HistoryDoc;
  lives: LiveDoc;
  cart_items: CartItemDoc;
  addresses: AddressDoc;
  orders: OrderDoc;
  after_sales: AfterSaleDoc;
  order_settings: OrderSettingsDoc;
  reviews: ReviewDoc;
  review_stats: ReviewStatsDoc;
  review_settings: ReviewSettingsDoc;
  media_checks: MediaCheckDoc;
  purchase_counts: PurchaseCountDoc;
  checkout_intents: CheckoutIntentDoc;
  payments: PaymentDoc;
  reservations: ReservationDoc;
  consent_credits: ConsentCreditDoc;
  outbox: OutboxDoc;
  event_batches: EventBatchDoc;
  live_stats: LiveStatsDoc;
  wecom_joins: WecomJoinDoc;
  wecom_welcomes: WecomWelcomeDoc;
  sms_contacts: SmsContactDoc;
  broadcasts: BroadcastDoc;
  questions: QuestionDoc;
  clips: ClipDoc;
  posts: PostDoc;
  share_codes: ShareCodeDoc;
  referral_bindings: BindingDoc;
  fission_tasks: FissionTaskDoc;
  fission_claims: FissionClaimDoc;
  promoters: PromoterDoc;
  promoter_rewards: PromoterRewardDoc;
  promoter_days: PromoterDayDoc;
  slots: CapSlotDoc;
  settings: SettingsDoc;
  interests: InterestDoc;
  coupon_templates: CouponTemplateDoc;
  coupons: CouponDoc;
  coupon_claims: CouponClaimDoc;
  member_accounts: MemberAccountDoc;
  points_entries: PointsEntryDoc;
  rewards: RewardDoc;
  redemptions: RedemptionDoc;
  privileges: PrivilegeDoc;
  raffles: RaffleDoc;
  raffle_slots: SlotDoc;
  raffle_entries: EntryDoc;
  raffle_prizes: PrizeDoc;
  raffle_wins: WinsDoc;
  item_assoc: ItemAssocDoc;
  jobs: JobDoc;
  user_events: UserEventDoc;
  tag_rules: TagRuleDoc;
  user_tags: UserTagDoc;
  sop_rules: SopRuleDoc;
  sop_tasks: SopTaskDoc;
  sop_counters: SopCounterDoc;
  staff_tasks: StaffTaskDoc;
}

export type CollectionName = keyof CollectionDocs;
