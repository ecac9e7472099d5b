import type { OrderStatus, StaffOrderRow } from '../../../../typings/contract/index';
import { listAllOrders, refundOrder, shipOrder, type Page } from '../../../services/admin';
import { listLives } from '../../../services/live';
import { confirmDialog } from '../../../utils/dialog';
import { staffListBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { showFailure, staffAccess } from '../../utils/staff';
import { STATUS_FILTERS, TRACKING, orderRow, withStatus, type OrderRow } from './utils';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

interface Shipping {
  index: number;
  orderId: string;
  company: string;
  trackingNumber: string;
  error: string;
}

const REFUND_REASON = '商家后台退款';

const orderList = staffListBehavior<StaffOrderRow, OrderRow>({ list: 'orders', row: orderRow });

/**
 * Orders (admin subpackage): every order, filtered by status and live; ship a paid order with its
 * carrier and tracking number; refund one after a confirmation (roles with `orders.refund`).
 */
Component({
  behaviors: [orderList],
  data: {
    canRefund: false,
    filters: STATUS_FILTERS,
    status: '' as '' | OrderStatus,
    lives: [] as Array<{ _id: string; title: string }>,
    liveId: '',
    orders: [] as OrderRow[],
    shipping: null as Shipping | null,
    busy: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      if (options.live) this.setData({ liveId: options.live });
      void this.load();
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), listLives(), this.fetchList(1)]),
        ([access, lives, list]) => ({
          canRefund: access.can['orders.refund'],
          lives: lives.map((l) => ({ _id: l._id, title: l.title })),
          ...this.firstPageView(list),
        }),
      );
    },

    /** A page of orders for the status and live chosen. */
    fetchList(page: number): Promise<Page<StaffOrderRow>> {
      const q: { status?: OrderStatus; liveId?: string; page: number } = { page };
      if (this.data.status) q.status = this.data.status;
      if (this.data.liveId) q.liveId = this.data.liveId;
      return listAllOrders(q);
    },

    onStatus(e: Tap<{ status: '' | OrderStatus }>) {
      const status = e.currentTarget.dataset.status;
      if (status === this.data.status) return;
      this.setData({ status, shipping: null });
      void this.reloadList();
    },

    onLive(e: Tap<{ id: string }>) {
      const liveId = e.currentTarget.dataset.id;
      if (liveId === this.data.liveId) return;
      this.setData({ liveId, shipping: null });
      void this.reloadList();
    },

    onShip(e: Tap<{ index: number }>) {
      const index = Number(e.currentTarget.dataset.index);
      const order = this.data.orders[index];
      if (!order?.canShip) return;
      this.setData({ shipping: { index, orderId: order._id, company: '', trackingNumber: '', error: '' } });
    },

    onShipInput(e: WechatMiniprogram.Input & Tap<{ field: 'company' | 'trackingNumber' }>) {
      if (this.data.shipping) this.setData({ [`shipping.${e.currentTarget.dataset.field}`]: inputValue(e), 'shipping.error': '' });
    },

    onCancelShip() {
      this.setData({ shipping: null });
    },

    async onConfirmShip(): Promise<void> {
      const s = this.data.shipping;
      if (!s || this.data.busy) return;
      const company = s.company.trim();
      const trackingNumber = s.trackingNumber.trim();
      if (!company) return this.setData({ 'shipping.error': '请填写快递公司' });
      if (!TRACKING.test(trackingNumber)) return this.setData({ 'shipping.error': '运单号为 4–40 位字母、数字或 -' });
      this.setData({ busy: true });
      try {
        const r = await shipOrder(s.orderId, company, trackingNumber);
        this.setData({ busy: false, shipping: null, [`orders[${s.index}]`]: withStatus(this.data.orders[s.index], r.status) });
        wx.showToast({ title: '已发货', icon: 'success' });
      } catch (err) {
        this.setData({ busy: false });
        showFailure(err);
      }
    },

    async onRefund(e: Tap<{ index: number }>): Promise<void> {
      const index = Number(e.currentTarget.dataset.index);
      const order = this.data.orders[index];
      if (!order?.canRefund || !this.data.canRefund || this.data.busy) return;
      const ok = await confirmDialog({ title: '确认退款', content: `${order.title}\n全额退款 ${order.payableText}，原路退回，无法撤销。`, confirmText: '退款' });
      if (!ok) return;
      this.setData({ busy: true });
      try {
        const r = await refundOrder(order._id, REFUND_REASON);
        this.setData({ busy: false, [`orders[${index}]`]: withStatus(order, r.status) });
        wx.showToast({ title: r.status === 'refunded' ? '已退款' : '退款处理中', icon: 'success' });
      } catch (err) {
        this.setData({ busy: false });
        showFailure(err);
      }
    },
  },
});
