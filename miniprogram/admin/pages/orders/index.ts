import type { OrderStatus } from '../../../../typings/contract/index';
import { listAllOrders, refundOrder, shipOrder } from '../../../services/admin';
import { listLives } from '../../../services/live';
import { confirmDialog } from '../../../utils/dialog';
import { instanceState } from '../../../utils/instance-state';
import { inputValue } from '../../utils/form';
import { failureView, goBack, showFailure, staffAccess, type StaffPageState } from '../../utils/staff';
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

const local = instanceState(() => ({ token: 0 }));

/**
 * Orders (admin subpackage): every order, filtered by status and live; ship a paid order with its
 * carrier and tracking number; refund one after a confirmation (roles with `orders.refund`).
 */
Component({
  data: {
    state: 'loading' as StaffPageState,
    errorMessage: '',
    canRefund: false,
    filters: STATUS_FILTERS,
    status: '' as '' | OrderStatus,
    lives: [] as Array<{ _id: string; title: string }>,
    liveId: '',
    orders: [] as OrderRow[],
    total: 0,
    page: 1,
    listing: false,
    shipping: null as Shipping | null,
    busy: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      if (options.live) this.setData({ liveId: options.live });
      void this.load();
    },

    async load(): Promise<void> {
      const token = ++local(this).token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const [access, lives, list] = await Promise.all([staffAccess(), listLives(), listAllOrders(this.query(1))]);
        if (token !== local(this).token) return;
        this.setData({
          state: 'ready',
          canRefund: access.can['orders.refund'],
          lives: lives.map((l) => ({ _id: l._id, title: l.title })),
          orders: list.items.map(orderRow),
          total: list.total,
          page: 1,
        });
      } catch (e) {
        if (token !== local(this).token) return;
        this.setData(failureView(e));
      }
    },

    query(page: number) {
      const q: { status?: OrderStatus; liveId?: string; page: number } = { page };
      if (this.data.status) q.status = this.data.status;
      if (this.data.liveId) q.liveId = this.data.liveId;
      return q;
    },

    /** The list again for the current filters (first page), keeping the page around it. */
    async reload(): Promise<void> {
      const token = ++local(this).token;
      this.setData({ listing: true, shipping: null });
      try {
        const list = await listAllOrders(this.query(1));
        if (token !== local(this).token) return;
        this.setData({ listing: false, orders: list.items.map(orderRow), total: list.total, page: 1 });
      } catch (e) {
        if (token !== local(this).token) return;
        this.setData({ listing: false });
        showFailure(e);
      }
    },

    async onMore(): Promise<void> {
      if (this.data.listing || this.data.orders.length >= this.data.total) return;
      const token = local(this).token;
      const page = this.data.page + 1;
      this.setData({ listing: true });
      try {
        const list = await listAllOrders(this.query(page));
        if (token !== local(this).token) return;
        const start = this.data.orders.length;
        const patch: Record<string, unknown> = { listing: false, page, total: list.total };
        list.items.forEach((o, i) => (patch[`orders[${start + i}]`] = orderRow(o)));
        this.setData(patch);
      } catch (e) {
        this.setData({ listing: false });
        showFailure(e);
      }
    },

    onRetry() {
      if (this.data.state === 'denied') goBack();
      else void this.load();
    },

    onStatus(e: Tap<{ status: '' | OrderStatus }>) {
      const status = e.currentTarget.dataset.status;
      if (status === this.data.status) return;
      this.setData({ status });
      void this.reload();
    },

    onLive(e: Tap<{ id: string }>) {
      const liveId = e.currentTarget.dataset.id;
      if (liveId === this.data.liveId) return;
      this.setData({ liveId });
      void this.reload();
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
