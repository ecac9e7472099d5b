import type { StaffOrderDetail } from '../../../../typings/contract/index';
import { getStaffOrder, refundOrder, remindReceipt, reshipOrder, shipOrder } from '../../../services/admin';
import { assetUrl } from '../../../services/call';
import { confirmDialog } from '../../../utils/dialog';
import { errorCode } from '../../../utils/errors';
import { instanceState } from '../../../utils/instance-state';
import { staffPageBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { COURIERS } from '../../utils/generated/couriers';
import { shipFormError, shipToast } from '../../utils/orders';
import { showFailure, staffAccess } from '../../utils/staff';
import { detailView, refundSheet, type OrderDetailView, type RefundSheet } from './utils';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

interface Shipping {
  company: string;
  trackingNumber: string;
  error: string;
  /** correcting a shipped order's waybill rather than shipping it */
  reship: boolean;
}

/** 退款原因 staff pick from (or type their own); a retry of a processing refund keeps the order's own. */
export const REFUND_REASONS = ['缺货无法发货', '与买家协商退款', '商品质量问题', '发错商品'];
const RETRY_REASON = '商家后台退款';

/** What the page keeps off data: the order asked for, what the role may do, the newest refresh. */
const local = instanceState(() => ({ orderId: '', can: { ship: false, refund: false }, refresh: 0 }));

/** ORDER_NOT_FOUND is an answer here (the not-found state), not a failure. */
const orderOrNull = (orderId: string): Promise<StaffOrderDetail | null> =>
  getStaffOrder(orderId).catch((e: unknown) => (errorCode(e) === 'ORDER_NOT_FOUND' ? null : Promise.reject(e)));

/**
 * 订单详情 (admin subpackage), read-only: buyer, address, lines, the price in parts, payment,
 * shipping, refund and what happened when. Ships (`orders.fulfil`) and refunds (`orders.refund`)
 * through the same actions as the list, offered only to a role holding the permission, then reads
 * the order again.
 */
Component({
  behaviors: [staffPageBehavior],
  data: {
    order: null as OrderDetailView | null,
    shipping: null as Shipping | null,
    /** the refund sheet while staff pick the lines and units to refund */
    refunding: null as (RefundSheet & { error: string; reason: string }) | null,
    refundReasons: REFUND_REASONS,
    couriers: COURIERS,
    busy: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      local(this).orderId = options.id ?? '';
      void this.load();
    },

    view(order: StaffOrderDetail): OrderDetailView {
      const v = detailView(order, local(this).can);
      return { ...v, lines: v.lines.map((l) => ({ ...l, image: assetUrl(l.image) })) };
    },

    load(): Promise<void> {
      const { orderId } = local(this);
      if (!orderId) {
        this.setData({ state: 'not_found' });
        return Promise.resolve();
      }
      return this.loadScreen(
        () => Promise.all([staffAccess(), orderOrNull(orderId)]),
        ([access, order]) => {
          local(this).can = { ship: access.can['orders.fulfil'], refund: access.can['orders.refund'] };
          return order ? { order: this.view(order), shipping: null } : { state: 'not_found' };
        },
      );
    },

    /** The order again after a change, keeping the screen; a newer read drops an older one. */
    async refresh(): Promise<void> {
      const state = local(this);
      const token = ++state.refresh;
      try {
        const order = await getStaffOrder(state.orderId);
        if (token === state.refresh) this.setData({ order: this.view(order) });
      } catch (e) {
        if (token === state.refresh) showFailure(e);
      }
    },

    onCopy(e: Tap<{ text: string }>) {
      const text = e.currentTarget.dataset.text;
      if (text) wx.setClipboardData({ data: text });
    },

    onShip() {
      if (this.data.order?.canShip) this.setData({ shipping: { company: '', trackingNumber: '', error: '', reship: false } });
    },

    /** 修改物流: the form filled with the waybill as it stands. */
    onReship() {
      const order = this.data.order;
      if (!order?.canReship) return;
      this.setData({ shipping: { company: order.tracking.company, trackingNumber: order.tracking.number, error: '', reship: true } });
    },

    onPickCourier(e: Tap<{ name: string }>) {
      if (this.data.shipping) this.setData({ 'shipping.company': e.currentTarget.dataset.name, 'shipping.error': '' });
    },

    onShipInput(e: WechatMiniprogram.Input & Tap<{ field: 'company' | 'trackingNumber' }>) {
      if (this.data.shipping) this.setData({ [`shipping.${e.currentTarget.dataset.field}`]: inputValue(e), 'shipping.error': '' });
    },

    onCancelShip() {
      this.setData({ shipping: null });
    },

    async onConfirmShip(): Promise<void> {
      const s = this.data.shipping;
      const order = this.data.order;
      if (!s || !order || this.data.busy) return;
      const error = shipFormError(s.company, s.trackingNumber);
      if (error) return this.setData({ 'shipping.error': error });
      this.setData({ busy: true });
      try {
        const send = s.reship ? reshipOrder : shipOrder;
        const r = await send(order._id, s.company.trim(), s.trackingNumber.trim());
        this.setData({ busy: false, shipping: null });
        wx.showToast(shipToast(r.upload, s.reship));
        await this.refresh();
      } catch (err) {
        this.setData({ busy: false });
        showFailure(err);
      }
    },

    /** 提醒确认收货: WeChat reminds the buyer, once per order, after asking staff. */
    async onRemind(): Promise<void> {
      const order = this.data.order;
      if (!order?.canRemind || this.data.busy) return;
      const ok = await confirmDialog({ title: '提醒确认收货', content: '快递已签收时使用：微信会提醒买家确认收货，每单只能提醒一次。', confirmText: '提醒' });
      if (!ok) return;
      this.setData({ busy: true });
      try {
        await remindReceipt(order._id);
        this.setData({ busy: false });
        wx.showToast({ title: '已提醒买家', icon: 'success' });
        await this.refresh();
      } catch (err) {
        this.setData({ busy: false });
        showFailure(err);
      }
    },

    /** 退款: a refund still processing is asked again; otherwise the sheet opens with everything left picked. */
    async onRefund(): Promise<void> {
      const order = this.data.order;
      if (!order?.canRefund || this.data.busy) return;
      if (order.refundAction === 'new') {
        this.setData({ refunding: { ...refundSheet(order, order.refundable.map((l) => l.max)), error: '', reason: '' }, shipping: null });
        return;
      }
      const ok = await confirmDialog({ title: '重新提交退款', content: '这笔退款还在微信支付处理中，重新提交不会重复退款。', confirmText: '提交' });
      if (ok) await this.sendRefund(undefined, this.data.order?.refundReason || RETRY_REASON);
    },

    /** − / + on a line of the refund sheet. */
    onRefundStep(e: Tap<{ index: number; delta: number }>) {
      const order = this.data.order;
      const sheet = this.data.refunding;
      if (!order || !sheet) return;
      const { index, delta } = e.currentTarget.dataset;
      const quantities = sheet.lines.map((l, i) => (i === Number(index) ? l.quantity + Number(delta) : l.quantity));
      this.setData({ refunding: { ...refundSheet(order, quantities), error: '', reason: sheet.reason } });
    },

    onRefundReason(e: Tap<{ reason: string }>) {
      if (this.data.refunding) this.setData({ 'refunding.reason': e.currentTarget.dataset.reason, 'refunding.error': '' });
    },

    onRefundReasonInput(e: WechatMiniprogram.Input) {
      if (this.data.refunding) this.setData({ 'refunding.reason': inputValue(e), 'refunding.error': '' });
    },

    onCancelRefund() {
      this.setData({ refunding: null });
    },

    async onConfirmRefund(): Promise<void> {
      const order = this.data.order;
      const sheet = this.data.refunding;
      if (!order || !sheet || this.data.busy) return;
      if (!sheet.picked.length) return this.setData({ 'refunding.error': '请选择要退款的商品' });
      const reason = sheet.reason.trim();
      if (!reason) return this.setData({ 'refunding.error': '请选择或填写退款原因' });
      if (reason.length > 80) return this.setData({ 'refunding.error': '退款原因最多 80 个字' });
      const what = sheet.whole ? '退还剩余全部商品' : sheet.lines.filter((l) => l.quantity > 0).map((l) => `${l.title} ×${l.quantity}`).join('、');
      const ok = await confirmDialog({ title: '确认退款', content: `${what}\n退款 ${sheet.totalText}，原路退回，无法撤销。`, confirmText: '退款' });
      if (ok) await this.sendRefund(sheet.picked, reason);
    },

    async sendRefund(lines?: Array<{ skuId: string; quantity: number }>, reason = RETRY_REASON): Promise<void> {
      const order = this.data.order;
      if (!order) return;
      this.setData({ busy: true });
      try {
        const r = await refundOrder(order._id, reason, lines);
        this.setData({ busy: false, refunding: null });
        wx.showToast({ title: r.refund?.state === 'SUCCESS' ? '已退款' : '退款处理中', icon: 'success' });
        await this.refresh();
      } catch (err) {
        this.setData({ busy: false });
        showFailure(err);
      }
    },

    onBack() {
      wx.navigateBack({ delta: 1 });
    },
  },
});
