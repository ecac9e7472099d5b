import type { Address, OrderSource } from '../../../typings/contract/index';
import { payBehavior } from '../../behaviors/pay';
import { listAddresses, saveAddress, addressFields, type AddressFields } from '../../services/addresses';
import { assetUrl, failureCode, newRequestId } from '../../services/call';
import { createOrder, previewOrder, type CreateOrderInput, type OrderItem, type Preview } from '../../services/orders';
import { afterFailure, attemptFor, type Attempt } from '../../utils/attempt';
import { askConsents } from '../../utils/consents';
import { recordConsents } from '../../services/live';
import { checkoutSource, parseCheckoutItems } from '../../utils/checkout-link';
import { errorCode, errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { formatYuan } from '../../utils/money';
import { changes, isEmpty } from '../../utils/set-data';
import type { AddressFormInput, AddressFormSave } from '../../components/address-form/index';
import { chooseWechatAddress, wechatAddressRefusal } from '../../utils/wechat-address';
import {
  addressView,
  breakdown,
  couponOptionView,
  couponStep,
  couponSummary,
  lineView,
  pickAddress,
  sameCoupons,
  type AddressView,
  type CouponChoice,
  type CouponOptionView,
  type LineView,
} from './utils';

type CheckoutState = 'loading' | 'ready' | 'empty' | 'error';

type TapEvent<D extends Record<string, unknown>> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

/**
 * Checkout (确认订单): the lines from the query (one line from "buy now", the selected cart lines
 * with from=cart), priced by mall.previewOrder — the page shows the server's sums and adds none of
 * its own. The best coupon combination the server suggests is applied until the shopper chooses;
 * then the shopper builds a stack coupon by coupon, each choice priced by the server before the next.
 * Submitting creates the order with one request id per attempt, then pays.
 */
const local = instanceState(() => ({
  items: [] as OrderItem[],
  fromCart: false,
  source: { kind: 'organic' } as OrderSource,
  addresses: [] as Address[],
  addressId: null as string | null,
  /** the shopper's coupon choice; null: the server's suggestion */
  chosen: null as string[] | null,
  /** coupon choices tapped while an earlier one is being priced, taken in turn */
  choices: [] as CouponChoice[],
  choosing: false,
  preview: null as Preview | null,
  previewToken: 0,
  attempt: null as Attempt | null,
  submitting: false,
}));

Component({
  behaviors: [payBehavior],
  data: {
    state: 'loading' as CheckoutState,
    errorMessage: '',
    address: null as AddressView | null,
    addresses: [] as AddressView[],
    addressesOpen: false,
    /** the address form: null closed; {} new; an address to edit */
    form: null as AddressFormInput | Record<string, never> | null,
    savingAddress: false,
    lines: [] as LineView[],
    count: 0,
    couponText: '',
    couponsOpen: false,
    couponOptions: [] as CouponOptionView[],
    suggestedText: '',
    noCoupon: false,
    goodsText: '',
    discounts: [] as Array<{ label: string; amountText: string }>,
    shippingText: '',
    payableFen: 0,
    payableText: '',
    submitting: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const state = local(this);
      state.items = parseCheckoutItems(options.items);
      state.fromCart = options.from === 'cart';
      state.source = checkoutSource(options, getApp<IAppOption>()?.globalData?.attribution);
      if (!state.items.length) {
        this.setData({ state: 'empty' });
        return;
      }
      void this.load();
    },

    async load(): Promise<void> {
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const [addresses] = await Promise.all([listAddresses(), this.preview(true)]);
        this.showAddresses(addresses);
        if (this.data.state !== 'ready') this.setData({ state: 'ready' });
      } catch (e) {
        this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    /**
     * Prices the order now with the chosen coupons (or, before any choice, the server's suggested
     * combination, applied in the same request). `initial` lets failures
     * reach load(); later ones are shown as a toast and keep the last preview.
     */
    async preview(initial = false): Promise<void> {
      const state = local(this);
      const token = ++state.previewToken;
      const couponIds = state.chosen ?? [];
      try {
        const result = await previewOrder({
          items: state.items,
          source: state.source,
          ...(couponIds.length ? { couponIds } : {}),
          ...(state.chosen === null ? { applySuggested: true } : {}),
          ...(state.fromCart ? { fromCart: true } : {}),
        });
        if (token !== state.previewToken) return;
        this.showPreview(result);
      } catch (e) {
        if (token !== state.previewToken) return;
        const code = errorCode(e);
        if ((code === 'COUPON_NOT_APPLICABLE' || code === 'COUPON_NOT_FOUND') && (state.chosen === null || state.chosen.length)) {
          // a coupon went out of use meanwhile: show the order without it, keeping the others
          wx.showToast({ title: errorText(e), icon: 'none' });
          const refused = /^couponIds\.(\d+)$/.exec((e as { field?: string }).field ?? '');
          state.chosen = refused ? couponIds.filter((_, i) => i !== Number(refused[1])) : [];
          await this.preview(initial);
          return;
        }
        if (initial) throw e;
        wx.showToast({ title: errorText(e), icon: 'none' });
      }
    },

    showPreview(preview: Preview) {
      local(this).preview = preview;
      const applied = preview.coupons.applied;
      const suggested = preview.coupons.suggested;
      const sameAsSuggested = sameCoupons(suggested, applied);
      const patch = changes(this.data, {
        lines: preview.lines.map((l) => lineView(l, assetUrl(l.image), preview.stock[l.skuId], preview.limits[l.skuId])),
        count: preview.lines.reduce((n, l) => n + l.quantity, 0),
        couponText: couponSummary(preview),
        couponOptions: preview.coupons.options.map((o) => couponOptionView(o, applied)),
        suggestedText: suggested.length && !sameAsSuggested ? `使用推荐组合（${suggested.length} 张共省 ${formatYuan(preview.coupons.suggestedFen)}）` : '',
        noCoupon: applied.length === 0,
        ...breakdown(preview),
      });
      if (!isEmpty(patch)) this.setData(patch);
    },

    showAddresses(addresses: Address[]) {
      const state = local(this);
      state.addresses = addresses;
      state.addressId = pickAddress(addresses, state.addressId);
      const views = addresses.map(addressView);
      const patch = changes(this.data, {
        addresses: views,
        address: views.find((a) => a._id === state.addressId) ?? null,
      });
      if (!isEmpty(patch)) this.setData(patch);
    },

    async reloadAddresses(select?: string): Promise<void> {
      const addresses = await listAddresses();
      if (select) local(this).addressId = select;
      this.showAddresses(addresses);
    },

    onToggleAddresses() {
      this.setData({ addressesOpen: !this.data.addressesOpen, form: null });
    },

    onPickAddress(e: TapEvent<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      local(this).addressId = id;
      this.showAddresses(local(this).addresses);
      this.setData({ addressesOpen: false });
    },

    onNewAddress() {
      this.setData({ form: {}, addressesOpen: false });
    },

    onEditAddress(e: TapEvent<{ id: string }>) {
      const a = local(this).addresses.find((x) => x._id === e.currentTarget.dataset.id);
      if (!a) return;
      const form: AddressFormInput = { _id: a._id, ...addressFields(a) };
      this.setData({ form, addressesOpen: false });
    },

    onCancelForm() {
      this.setData({ form: null });
    },

    async onSaveForm(e: WechatMiniprogram.CustomEvent<AddressFormSave>) {
      await this.save(e.detail.fields, e.detail.addressId);
    },

    /** Saves an address and uses it for this order. */
    async save(fields: AddressFields, addressId?: string): Promise<boolean> {
      if (this.data.savingAddress) return false;
      this.setData({ savingAddress: true });
      try {
        const id = await saveAddress(fields, addressId);
        await this.reloadAddresses(id);
        this.setData({ form: null, savingAddress: false });
        return true;
      } catch (e) {
        this.setData({ savingAddress: false });
        wx.showToast({ title: errorText(e), icon: 'none' });
        return false;
      }
    },

    /**
     * "Use my WeChat address": the address WeChat keeps, saved to the address book and used. When
     * WeChat cannot give it (the privacy consent refused), the form opens for typing it.
     */
    async onUseWechatAddress() {
      const chosen = await chooseWechatAddress();
      if (chosen.ok) {
        await this.save(chosen.fields);
        return;
      }
      if (chosen.reason === 'cancel') return;
      wx.showToast({ title: wechatAddressRefusal(chosen.reason), icon: 'none' });
      this.setData({ form: {}, addressesOpen: false });
    },

    onToggleCoupons() {
      this.setData({ couponsOpen: !this.data.couponsOpen });
    },

    /**
     * A coupon tapped goes in or out of the order (replacing the ones it does not go with); the
     * empty id is "不使用优惠券". The panel stays open to build a stack.
     */
    onPickCoupon(e: TapEvent<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (!id) {
        this.setData({ couponsOpen: false });
        this.choose({ kind: 'none' });
        return;
      }
      const option = this.data.couponOptions.find((o) => o.couponId === id);
      if (!option || !option.applicable) return;
      this.choose({ kind: 'toggle', couponId: id });
    },

    onUseSuggested() {
      if (!local(this).preview?.coupons.suggested.length) return;
      this.setData({ couponsOpen: false });
      this.choose({ kind: 'suggested' });
    },

    /**
     * Takes coupon choices one at a time, each from what the last preview applied, so a tap while
     * one is being priced is neither lost nor priced on a stale stack. "不使用" and "使用推荐组合"
     * set the whole stack: the taps still waiting before them no longer matter.
     */
    choose(choice: CouponChoice) {
      const state = local(this);
      if (choice.kind !== 'toggle') state.choices = [];
      state.choices.push(choice);
      void this.takeChoices();
    },

    async takeChoices(): Promise<void> {
      const state = local(this);
      if (state.choosing) return;
      state.choosing = true;
      try {
        for (let choice = state.choices.shift(); choice; choice = state.choices.shift()) {
          if (!state.preview) continue;
          const step = couponStep(state.preview.coupons, choice);
          if (step.toast) wx.showToast({ title: step.toast, icon: 'none' });
          if (!step.couponIds) continue;
          state.chosen = step.couponIds;
          await this.preview();
        }
      } finally {
        state.choosing = false;
      }
    },

    /** The createOrder input for what is on screen now, or a reason it cannot be submitted. */
    orderInput(): CreateOrderInput | string {
      const state = local(this);
      if (!state.preview) return '订单还在计算中';
      if (!state.addressId) return '请先添加收货地址';
      const couponIds = state.preview.coupons.applied;
      return {
        items: state.items,
        addressId: state.addressId,
        source: state.source,
        ...(couponIds.length ? { couponIds } : {}),
        ...(state.fromCart ? { fromCart: true } : {}),
      };
    },

    async onSubmit(): Promise<void> {
      const state = local(this);
      if (state.submitting) return;
      const input = this.orderInput();
      if (typeof input === 'string') {
        wx.showToast({ title: input, icon: 'none' });
        return;
      }
      state.submitting = true;
      this.setData({ submitting: true });
      // asked inside the tap, answered before the order goes: paid, shipped and refund notices need it
      const consents = await askConsents('submitOrder');
      if (Object.keys(consents).length) void recordConsents(consents).catch(() => undefined);
      const attempt = attemptFor(state.attempt, JSON.stringify(input), newRequestId);
      state.attempt = attempt;
      let created: { orderId: string; payableFen: number };
      try {
        created = await createOrder(input, attempt.requestId);
      } catch (e) {
        state.attempt = afterFailure(attempt, failureCode(e));
        state.submitting = false;
        this.setData({ submitting: false });
        if (errorCode(e) === 'OUT_OF_STOCK' || errorCode(e) === 'PURCHASE_LIMIT_EXCEEDED') {
          void this.explainShortage(errorText(e));
          return;
        }
        wx.showToast({ title: errorText(e), icon: 'none' });
        this.afterRefusal(errorCode(e));
        return;
      }
      // the order exists now: whatever the payment does, the shopper moves on to its result
      await this.payOrder(created.orderId, created.payableFen, true);
    },

    /** Refused for stock or 每人限购: price the order again and say which line has how many left. */
    async explainShortage(fallback: string): Promise<void> {
      await this.preview();
      const lines = this.data.lines as LineView[];
      const short = lines.find((l) => l.stockNote);
      const over = lines.find((l) => l.overLimit);
      const title = short ? `${short.title} ${short.stockNote}，请减少数量` : over ? `${over.title} ${over.limitNote}` : fallback;
      wx.showToast({ title, icon: 'none' });
    },

    /** After a refusal, show what changed: stock and shelves in the lines, a deleted address. */
    afterRefusal(code: string) {
      if (code === 'OUT_OF_STOCK' || code === 'SKU_UNAVAILABLE') void this.preview();
      if (code === 'ADDRESS_NOT_FOUND') this.reloadAddresses().catch(() => undefined);
    },

    onRetry() {
      void this.load();
    },

    onBack() {
      wx.navigateBack({ delta: 1 });
    },
  },
});
