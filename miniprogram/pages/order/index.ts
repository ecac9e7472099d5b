import type { Order, OrderStatus, ReceiptConfirm } from '../../../typings/contract/index';
import { payBehavior } from '../../behaviors/pay';
import { assetUrl } from '../../services/call';
import { cancelOrder, confirmReceipt, getOrder, orderTrace } from '../../services/orders';
import { traceView, type TraceView } from '../../utils/logistics';
import { checkoutUrl } from '../../utils/checkout-link';
import { confirmDialog } from '../../utils/dialog';
import { errorCode, errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { formatYuan, yuan } from '../../utils/money';
import { amountLabel, canPay, statusText, timeline, type TimelineStep } from '../../utils/orders';
import { changes, isEmpty } from '../../utils/set-data';
import { askReceipt } from '../../utils/receipt';
import { formatDateTime } from '../../utils/time';

type DetailState = 'loading' | 'ready' | 'not_found' | 'error';

interface OrderView {
  _id: string;
  status: string;
  statusText: string;
  note: string;
  createdText: string;
  fromLive: boolean;
  address: { name: string; tel: string; text: string };
  lines: Array<{ skuId: string; title: string; image: string; specText: string; price: string; originPrice: string; quantity: number }>;
  goodsText: string;
  discounts: Array<{ label: string; amountText: string }>;
  shippingText: string;
  payableFen: number;
  payableText: string;
  /** what settled refunds returned, '' when nothing */
  refundedText: string;
  /** the lines offer 申请售后 (the apply page tells what the line allows) */
  afterSale: boolean;
  /** 应付 / 实付 / 订单金额, by whether it was paid */
  amountLabel: string;
  tracking: { company: string; number: string } | null;
}

const NOTE: Record<string, string> = {
  paid: '商家正在备货，请耐心等待',
  shipped: '包裹正在路上',
  completed: '感谢你的购买',
  cancelled: '订单已取消，未产生扣款',
  expired: '超时未支付，订单已关闭',
  refunding: '退款处理中，款项将原路退回',
  refunded: '退款已原路退回',
};

/** What the shopper is told of a refund the platform did not complete (the order's status says the rest). */
const REFUND_NOTE: Record<string, string> = {
  ABNORMAL: '退款遇到问题，商家正在处理，可联系客服了解进度',
  CLOSED: '退款已关闭，款项未退回，如有疑问请联系客服',
};

/** Orders that offer 再次购买: the lines again, at today's prices. */
const BUY_AGAIN_STATUSES: readonly OrderStatus[] = ['completed', 'cancelled', 'expired', 'refunded'];

/** Orders whose lines may be asked about (售后): paid, on the way, or received. */
const AFTER_SALE_STATUSES: readonly OrderStatus[] = ['paid', 'shipped', 'completed'];

function noteOf(o: Order, expired: boolean): string {
  if (o.status === 'created') return expired ? '支付时间已过，订单即将关闭' : '';
  return (o.refund && REFUND_NOTE[o.refund.state]) || (NOTE[o.status] ?? '');
}

function view(o: Order, now: number): OrderView {
  const expired = o.status === 'created' && !canPay(o, now);
  return {
    _id: o._id,
    status: o.status,
    statusText: expired ? '已超时' : statusText(o.status),
    note: noteOf(o, expired),
    createdText: formatDateTime(o.createdAt),
    fromLive: o.source.kind === 'live_card',
    address: {
      name: o.address.userName,
      tel: o.address.telNumber,
      text: `${o.address.provinceName} ${o.address.cityName} ${o.address.countyName} ${o.address.detailInfo}`,
    },
    lines: o.lines.map((l) => ({
      skuId: l.skuId,
      title: l.title,
      image: assetUrl(l.image),
      specText: Object.values(l.specs).join(' / '),
      price: yuan(l.unitPriceFen),
      originPrice: l.listPriceFen > l.unitPriceFen ? yuan(l.listPriceFen) : '',
      quantity: l.quantity,
    })),
    goodsText: formatYuan(o.price.goodsFen),
    discounts: o.price.discounts.map((d) => ({ label: d.label, amountText: `-${formatYuan(d.amountFen)}` })),
    shippingText: o.price.shippingFen === 0 ? '免运费' : formatYuan(o.price.shippingFen),
    payableFen: o.price.payableFen,
    payableText: formatYuan(o.price.payableFen),
    refundedText: o.refundedFen > 0 ? formatYuan(o.refundedFen) : '',
    afterSale: AFTER_SALE_STATUSES.includes(o.status),
    amountLabel: amountLabel(o.status),
    tracking: o.tracking,
  };
}

const local = instanceState(() => ({ orderId: '', token: 0, busy: false, receiptConfirm: null as ReceiptConfirm | null }));

/** 订单详情: lines, address, sums, state with its timeline, tracking, and what the shopper can do now. */
Component({
  behaviors: [payBehavior],
  data: {
    state: 'loading' as DetailState,
    errorMessage: '',
    order: null as OrderView | null,
    steps: [] as TimelineStep[],
    /** ms left to pay when rendered; 0 when nothing counts down */
    remainingMs: 0,
    canPay: false,
    canCancel: false,
    canConfirm: false,
    /** received: 评价 opens the review form for its lines */
    canReview: false,
    /** ended (received, closed or refunded): 再次购买 opens checkout with its lines at today's prices */
    canBuyAgain: false,
    busy: false,
    /** the parcel's trace once read; null while it is not (or cannot be) */
    trace: null as TraceView | null,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      // WeChat's shipping messages open this page with the payment's merchant_trade_no: our order id
      local(this).orderId = options.id ?? options.merchant_trade_no ?? '';
      void this.load();
    },

    async load(): Promise<void> {
      const state = local(this);
      if (!state.orderId) {
        this.setData({ state: 'not_found' });
        return;
      }
      const token = ++state.token;
      if (this.data.state === 'error') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const order = await getOrder(state.orderId);
        if (token !== state.token) return;
        const now = Date.now();
        const payable = canPay(order, now);
        state.receiptConfirm = order.receiptConfirm ?? null;
        const patch = changes(this.data, {
          state: 'ready' as DetailState,
          order: view(order, now),
          steps: timeline(order),
          remainingMs: payable ? order.expiresAt - now : 0,
          canPay: payable,
          canCancel: order.status === 'created',
          canConfirm: order.status === 'shipped',
          canReview: order.status === 'completed',
          canBuyAgain: BUY_AGAIN_STATUSES.includes(order.status),
        });
        if (!isEmpty(patch)) this.setData(patch);
        if (order.tracking && (order.status === 'shipped' || order.status === 'completed')) void this.loadTrace(token, order.status === 'shipped');
      } catch (e) {
        if (token !== state.token) return;
        if (errorCode(e) === 'ORDER_NOT_FOUND') this.setData({ state: 'not_found' });
        else if (this.data.state === 'ready') wx.showToast({ title: errorText(e), icon: 'none' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    /** The parcel's trace, after the order: a trace that cannot be read leaves the waybill as it is. */
    async loadTrace(token: number, shipped: boolean): Promise<void> {
      const state = local(this);
      try {
        const trace = traceView(await orderTrace(state.orderId), shipped);
        if (token === state.token) this.setData({ trace });
      } catch {
        // the waybill number stays to copy
      }
    },

    /** Back from the result page: the order may be paid now. */
    onShow() {
      if (this.data.state === 'ready') void this.load();
    },

    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    /** The payment window closed while the page was open. */
    onExpire() {
      if (this.data.remainingMs > 0) this.setData({ remainingMs: 0 });
      void this.load();
    },

    /** Runs one action at a time, then shows the order as it is now. */
    async act(run: () => Promise<unknown>, done: string): Promise<void> {
      const state = local(this);
      if (state.busy) return;
      state.busy = true;
      this.setData({ busy: true });
      try {
        await run();
        if (done) wx.showToast({ title: done, icon: 'success' });
      } catch (e) {
        wx.showToast({ title: errorText(e), icon: 'none' });
      } finally {
        state.busy = false;
        this.setData({ busy: false });
      }
      await this.load();
    },

    async onCancel(): Promise<void> {
      if (!this.data.canCancel || local(this).busy) return;
      const ok = await confirmDialog({ title: '取消订单', content: '确定取消这个订单吗？', confirmText: '取消订单', cancelText: '再想想' });
      if (ok) await this.act(() => cancelOrder(local(this).orderId), '订单已取消');
    },

    async onConfirmReceipt(): Promise<void> {
      if (!this.data.canConfirm || local(this).busy) return;
      if (await askReceipt(local(this).receiptConfirm)) await this.act(() => confirmReceipt(local(this).orderId), '已确认收货');
    },

    async onPay(): Promise<void> {
      const order = this.data.order;
      if (!order || !this.data.canPay || local(this).busy) return;
      local(this).busy = true;
      try {
        await this.payOrder(order._id, order.payableFen, false, true);
      } finally {
        local(this).busy = false;
      }
    },

    onApplyAfterSale(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { skuId: string }>) {
      const order = this.data.order;
      if (!order?.afterSale) return;
      wx.navigateTo({ url: `/pages/after-sale/apply/index?orderId=${encodeURIComponent(order._id)}&skuId=${encodeURIComponent(e.currentTarget.dataset.skuId)}` });
    },

    onBuyAgain() {
      const order = this.data.order;
      if (!this.data.canBuyAgain || !order) return;
      wx.navigateTo({ url: checkoutUrl(order.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity }))) });
    },

    onReview() {
      const order = this.data.order;
      if (this.data.canReview && order) wx.navigateTo({ url: `/pages/review/index?orderId=${encodeURIComponent(order._id)}` });
    },

    onCopyTracking() {
      const tracking = this.data.order?.tracking;
      if (tracking) wx.setClipboardData({ data: tracking.number });
    },

    onRetry() {
      void this.load();
    },
  },
});
