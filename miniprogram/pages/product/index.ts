import type { Product, TrackEventInput } from '../../../typings/contract/index';
import { attributionBehavior } from '../../behaviors/attribution';
import { setFavorite } from '../../services/browsing';
import { addToCart } from '../../services/cart';
import { assetUrl, newRequestId } from '../../services/call';
import { getProduct, remindRestock } from '../../services/catalog';
import { askConsents } from '../../utils/consents';
import { couponCenter } from '../../services/coupons';
import { track, type ConsentAnswers } from '../../services/live';
import { listReviews } from '../../services/reviews';
import { missingTargetState, type Attribution } from '../../utils/attribution';
import { checkoutUrl } from '../../utils/checkout-link';
import { errorCode, errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { upcomingPriceText } from '../../utils/live-price';
import { reviewRow, type ReviewRow } from '../../utils/reviews';
import { changes, isEmpty } from '../../utils/set-data';
import type { VantEvent } from '../../utils/vant';
import {
  chosenSku,
  initialSelection,
  missingGroups,
  quantityLimit,
  selectionText,
  specView,
  toggle,
  type Selection,
  type SpecGroupView,
} from '../../utils/sku';
import { couponHints, displayPrice, serviceText, landingCard, memberPriceText, restockNote, restockState, selectionOf, type RestockState } from './utils';
import { SHOP_TITLE, shareWithCode, timelineQuery } from '../../utils/share';

type PageState = 'loading' | 'ready' | 'not_found' | 'bad_code' | 'error';

interface ProductView {
  _id: string;
  title: string;
  subtitle: string;
  detail: string;
  /** 正品保障 and the after-sale window an order placed now keeps */
  serviceText: string;
  images: string[];
}

interface SkuView {
  _id: string;
  priceFen: number;
  stock: number;
  /** 每人限购, when the SKU has one */
  perUserLimit: number | null;
}

/** The live price offer while its live is on: when it ends (for the countdown). */
interface LiveView {
  livePriceFen: number;
  endAt: number;
  /** ms left when rendered; 0 hides the countdown */
  remainingMs: number;
}

const local = instanceState(() => ({
  productId: '',
  /** `?sku=`: the SKU to open on (a restock message names it) */
  skuId: '',
  attribution: { source: 'organic' } as Attribution,
  product: null as Product | null,
  selection: {} as Selection,
  token: 0,
  /** the landing's card tap and product view are recorded once per page */
  tracked: false,
  /** the coupon hints are read once per page */
  hinted: false,
  /** the reviews preview is read once the shopper scrolls (not part of the first screen) */
  reviewsAsked: false,
  adding: false,
  reminding: false,
  /** a 收藏 tap on its way, and the load token when the last one was made: older answers keep the tapped state */
  favoriting: false,
  favoredAtToken: 0,
}));

const LOW_STOCK = 10;
/** reviews shown on the product page; the rest are on 商品评价 */
const REVIEW_PREVIEW = 2;

type PreviewState = 'idle' | 'loading' | 'ready' | 'error';

function stockHint(product: Product, sku: SkuView | null, missing: string[]): string {
  if (sku && sku.stock <= 0) return '该规格已售罄';
  if (product.stock <= 0) return '已售罄';
  if (!sku) return `请选择 ${missing.join(' ')}`;
  const stock = sku.stock <= LOW_STOCK ? `仅剩 ${sku.stock} 件` : `库存 ${sku.stock} 件`;
  return sku.perUserLimit && sku.stock > 0 ? `${stock} · 每人限购 ${sku.perUserLimit} 件` : stock;
}

Component({
  behaviors: [attributionBehavior],
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    fromLive: false,
    product: null as ProductView | null,
    live: null as LiveView | null,
    /** landing from a card before its live: "直播价 ¥129 · 20:00 开播后生效" */
    upcomingText: '',
    /** ms to the card's live start when rendered; its countdown asks again at the start */
    upcomingInMs: 0,
    groups: [] as SpecGroupView[],
    sku: null as SkuView | null,
    priceFen: 0,
    originalFen: 0,
    /** the shown price is the live price (the chosen SKU has one, or none is chosen yet) */
    livePriced: false,
    /** 会员价 · who pays it; '' when the SKU has none */
    memberText: '',
    selectedText: '',
    hint: '',
    quantity: 1,
    maxQuantity: 1,
    canBuy: false,
    /** 到货提醒 for the chosen sold-out SKU: '' (has stock, or none chosen), 'remind', 'waiting' */
    restock: '' as RestockState,
    /** the line over the action bar when the chosen SKU cannot be bought */
    note: '',
    reminding: false,
    cartCount: 0,
    adding: false,
    /** the coupon hint row's rules (领券), empty: no row */
    couponHints: [] as string[],
    /** 收藏: the star in the action bar */
    favorited: false,
    /** 商品评价: the two newest visible reviews and the counts, read on the first scroll */
    reviews: { state: 'idle' as PreviewState, total: 0, summaryText: '', items: [] as ReviewRow[] },
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const entry = this.captureEntry(options);
      const state = local(this);
      state.productId = entry.productId ?? '';
      state.skuId = options.sku ?? '';
      state.attribution = entry.attribution;
      if (entry.attribution.source === 'live_card') this.setData({ fromLive: true });
      void this.load();
    },

    /** Back on screen (from the cart, checkout, another product): stock and prices afresh, the choice kept. */
    onShow() {
      if (this.data.state === 'ready') void this.load();
    },

    async load(): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      if (this.data.state !== 'loading' && this.data.state !== 'ready') this.setData({ state: 'loading', errorMessage: '' });
      if (!state.productId) {
        // a poster's scene names only its code: the product is what the code opens
        const entry = await this.resolveCapturedEntry();
        if (token !== state.token) return;
        state.productId = entry.productId ?? '';
        state.attribution = entry.attribution;
        if (!state.productId) {
          this.setData(missingTargetState(entry));
          return;
        }
      }
      let product: Product;
      try {
        product = await getProduct(state.productId, landingCard(state.attribution) ?? undefined);
      } catch (e) {
        if (token !== state.token) return;
        if (errorCode(e) === 'PRODUCT_NOT_FOUND') this.setData({ state: 'not_found' });
        else if (this.data.state === 'ready') wx.showToast({ title: errorText(e), icon: 'none' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
        return;
      }
      if (token !== state.token) return;
      state.product = product;
      const first = this.data.state !== 'ready';
      if (first) wx.setNavigationBarTitle({ title: product.title });
      const remainingMs = product.live ? Math.max(0, product.live.endAt - Date.now()) : 0;
      const patch = changes(this.data, {
        state: 'ready' as PageState,
        product: {
          _id: product._id,
          title: product.title,
          subtitle: product.subtitle,
          detail: product.detail,
          serviceText: serviceText(product.afterSaleDays),
          images: (product.images.length ? product.images : [product.image]).map(assetUrl),
        },
        live: product.live ? { livePriceFen: product.live.livePriceFen, endAt: product.live.endAt, remainingMs } : null,
        upcomingText: product.upcoming ? upcomingPriceText(product.upcoming.livePriceFen, product.upcoming.startAt, Date.now()) : '',
        upcomingInMs: product.upcoming ? Math.max(0, product.upcoming.startAt - Date.now()) : 0,
        // a load begun before the last 收藏 tap answered says what the server had before it
        favorited: state.favoriting || token <= state.favoredAtToken ? this.data.favorited : product.favorited,
      });
      if (!isEmpty(patch)) this.setData(patch);
      const named = first && state.skuId ? selectionOf(product, state.skuId) : null;
      this.applySelection(first ? (named ?? initialSelection(product.specGroups, product.skus)) : state.selection);
      this.trackLanding(product);
      void this.loadCouponHints(product._id);
    },

    /** The shop coupons that cover this product, once: one call; a failure leaves the row out. */
    async loadCouponHints(productId: string): Promise<void> {
      const state = local(this);
      if (state.hinted) return;
      state.hinted = true;
      try {
        const hints = couponHints((await couponCenter(productId)).items);
        if (hints.length) this.setData({ couponHints: hints });
      } catch {
        // the product page shows no hint rather than a broken one
      }
    },

    onPageScroll() {
      void this.loadReviews();
    },

    onReachBottom() {
      void this.loadReviews();
    },

    /** The reviews preview, once: one call when the page is first scrolled; a failure offers a retry. */
    async loadReviews(again = false): Promise<void> {
      const state = local(this);
      if ((state.reviewsAsked && !again) || !state.product) return;
      state.reviewsAsked = true;
      this.setData({ 'reviews.state': 'loading' });
      try {
        const answer = await listReviews(state.product._id);
        this.setData({
          reviews: {
            state: 'ready',
            total: answer.summary.total,
            summaryText: answer.summary.total ? `${answer.summary.average.toFixed(1)} 分` : '',
            items: answer.items.slice(0, REVIEW_PREVIEW).map(reviewRow),
          },
        });
      } catch {
        this.setData({ 'reviews.state': 'error' });
      }
    },

    onRetryReviews() {
      void this.loadReviews(true);
    },

    onOpenReviews() {
      wx.navigateTo({ url: `/pages/reviews/index?productId=${encodeURIComponent(local(this).productId)}` });
    },

    onOpenCoupons() {
      wx.navigateTo({ url: `/pages/coupon-center/index?product=${encodeURIComponent(local(this).productId)}` });
    },

    /** Records the landing once: the live card tap (when it came from a card) and the product view. */
    trackLanding(product: Product) {
      const state = local(this);
      if (state.tracked) return;
      state.tracked = true;
      const at = Date.now();
      const { liveId, cardId } = state.attribution;
      const events: TrackEventInput[] = [];
      if (liveId && cardId) events.push({ type: 'card_tap', liveId, cardId, at });
      events.push(liveId ? { type: 'product_view', productId: product._id, liveId, at } : { type: 'product_view', productId: product._id, at });
      // best effort: a lost view is not worth an error on the product page
      track(newRequestId(), events).catch(() => undefined);
    },

    /** Recomputes the picker from a selection and sends only what changed. */
    applySelection(selection: Selection) {
      const state = local(this);
      const product = state.product;
      if (!product) return;
      state.selection = selection;
      const chosen = chosenSku(product.specGroups, product.skus, selection);
      const sku: SkuView | null = chosen ? { _id: chosen._id, priceFen: chosen.priceFen, stock: chosen.stock, perUserLimit: chosen.perUserLimit ?? null } : null;
      const maxQuantity = Math.max(1, quantityLimit(chosen));
      const quantity = Math.min(Math.max(1, this.data.quantity), maxQuantity);
      const restock = restockState(sku, product.restockSkuIds);
      const hint = stockHint(product, sku, missingGroups(product.specGroups, selection));
      const next = {
        groups: specView(product.specGroups, product.skus, selection),
        sku,
        ...displayPrice(product, sku, product.live),
        memberText: memberPriceText(product, chosen),
        selectedText: selectionText(product.specGroups, selection),
        hint,
        quantity,
        maxQuantity,
        canBuy: !!sku && sku.stock > 0,
        restock,
        note: restockNote(restock) || hint,
      };
      const patch = changes(this.data, next);
      if (!isEmpty(patch)) this.setData(patch);
    },

    onSpecTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { group: string; value: string; disabled: boolean }>) {
      const { group, value, disabled } = e.currentTarget.dataset;
      const product = local(this).product;
      if (!product || disabled) return;
      const next = toggle(product.skus, local(this).selection, group, value);
      if (next !== local(this).selection) this.applySelection(next);
    },

    onQuantityChange(e: VantEvent<number>) {
      const quantity = Math.min(Math.max(1, Number(e.detail) || 1), this.data.maxQuantity);
      if (quantity !== this.data.quantity) this.setData({ quantity });
    },

    onQuantityOverlimit(e: VantEvent<'plus' | 'minus'>) {
      if (!this.data.sku) {
        wx.showToast({ title: '请先选择规格', icon: 'none' });
        return;
      }
      const limited = this.data.sku.perUserLimit !== null && this.data.maxQuantity === this.data.sku.perUserLimit;
      const title = e.detail === 'plus' ? (limited ? `每人限购 ${this.data.maxQuantity} 件` : `最多购买 ${this.data.maxQuantity} 件`) : '至少购买 1 件';
      wx.showToast({ title, icon: 'none' });
    },

    /** The card's live has started: ask again, once, for the live price. */
    onLiveStart() {
      if (!this.data.upcomingText) return;
      this.setData({ upcomingText: '', upcomingInMs: 0 });
      void this.load();
    },

    /** The live card's price has ended: ask again, once, for the regular price. */
    onLiveEnd() {
      if (!this.data.live) return;
      this.setData({ live: null });
      void this.load();
    },

    /** Opens checkout with the chosen SKU as its one line, carrying where the shopper came from. */
    buyNow(): boolean {
      const sku = this.data.sku;
      if (!sku || !this.data.canBuy) return false;
      wx.navigateTo({ url: checkoutUrl([{ skuId: sku._id, quantity: this.data.quantity }], { attribution: this.attributionForOrder() }) });
      return true;
    },

    /** Adds the chosen SKU to the server cart, with the live card when the product came from one. */
    async addToCart(): Promise<boolean> {
      const state = local(this);
      const sku = this.data.sku;
      if (!sku || !this.data.canBuy || state.adding) return false;
      state.adding = true;
      this.setData({ adding: true });
      const card = landingCard(state.attribution);
      try {
        const cart = await addToCart({ skuId: sku._id, quantity: this.data.quantity, ...(card ?? {}) });
        this.setData({ cartCount: cart.count });
        wx.showToast({ title: '已加入购物车', icon: 'success' });
        if (card) track(newRequestId(), [{ type: 'add_to_cart', liveId: card.liveId, cardId: card.cardId, at: Date.now() }]).catch(() => undefined);
        return true;
      } catch (e) {
        wx.showToast({ title: errorText(e), icon: 'none' });
        return false;
      } finally {
        state.adding = false;
        this.setData({ adding: false });
      }
    },

    onBuyTap() {
      if (!this.buyNow()) this.promptSelection();
    },

    onAddTap() {
      if (local(this).adding) return;
      if (!this.data.sku || !this.data.canBuy) this.promptSelection();
      else void this.addToCart();
    },

    /**
     * 到货提醒: asks the restock consent in the tap (WeChat shows it only for a gesture), then records
     * the reminder with the answer. Asked already: says so and sends nothing.
     */
    onRestockTap() {
      const sku = this.data.sku;
      if (!sku || !this.data.restock || local(this).reminding) return;
      if (this.data.restock === 'waiting') {
        wx.showToast({ title: '已设置到货提醒，到货后微信通知你', icon: 'none' });
        return;
      }
      local(this).reminding = true;
      void this.remind(sku._id, askConsents('restock'));
    },

    async remind(skuId: string, asked: Promise<ConsentAnswers>): Promise<void> {
      const state = local(this);
      this.setData({ reminding: true });
      try {
        const reminder = await remindRestock(skuId, await asked);
        const product = state.product;
        if (product && !product.restockSkuIds.includes(skuId)) state.product = { ...product, restockSkuIds: [...product.restockSkuIds, skuId] };
        this.applySelection(state.selection);
        wx.showToast({ title: reminder.notifiable ? '已设置，到货后微信通知你' : '已登记，允许订阅消息后才能收到到货通知', icon: 'none' });
      } catch (e) {
        wx.showToast({ title: errorText(e), icon: 'none' });
        // back in stock meanwhile (or gone): the page shows what is true now
        if (errorCode(e) === 'SKU_IN_STOCK' || errorCode(e) === 'SKU_UNAVAILABLE') void this.load();
      } finally {
        state.reminding = false;
        this.setData({ reminding: false });
      }
    },

    onOpenCart() {
      wx.switchTab({ url: '/pages/cart/index' });
    },

    /** 收藏 on or off: the star turns at once and turns back if the server refuses; a tap while one is on its way is ignored. */
    async onFavoriteTap(): Promise<void> {
      const state = local(this);
      if (state.favoriting || this.data.state !== 'ready') return;
      const on = !this.data.favorited;
      state.favoriting = true;
      state.favoredAtToken = state.token;
      this.setData({ favorited: on });
      try {
        await setFavorite(state.productId, on);
        wx.showToast({ title: on ? '收藏成功' : '已取消收藏', icon: on ? 'success' : 'none' });
      } catch (e) {
        this.setData({ favorited: !on });
        wx.showToast({ title: errorText(e), icon: 'none' });
      } finally {
        state.favoriting = false;
      }
    },

    promptSelection() {
      if (this.data.state === 'ready') wx.showToast({ title: this.data.hint || '请选择规格', icon: 'none' });
    },

    onPreview(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { src: string }>) {
      const urls = this.data.product?.images ?? [];
      if (urls.length) wx.previewImage({ urls, current: e.currentTarget.dataset.src });
    },

    onRetry() {
      void this.load();
    },

    /** The product with the sharer's code, and the live card while its price is on (a friend gets the same price). */
    onShareAppMessage() {
      const product = this.data.product;
      if (!product) return { title: SHOP_TITLE, path: '/pages/home/index' };
      const card = this.data.live ? landingCard(local(this).attribution) : null;
      const path = `/pages/product/index?${timelineQuery({ id: product._id, live: card?.liveId, card: card?.cardId })}`;
      return shareWithCode({ title: product.title, path, imageUrl: product.images[0] }, { productId: product._id, ...(card ? { liveId: card.liveId } : {}) });
    },

    onShareTimeline() {
      const product = this.data.product;
      return { title: product?.title ?? SHOP_TITLE, query: product ? timelineQuery({ id: product._id }) : '' };
    },
  },
});
