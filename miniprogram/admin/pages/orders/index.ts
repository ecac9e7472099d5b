import type { InputFor, OrderStatus, StaffOrderRow } from '../../../../typings/contract/index';
import { listAllOrders, refundOrder, shipOrder, type StaffOrderPage } from '../../../services/admin';
import { listLives } from '../../../services/live';
import { confirmDialog } from '../../../utils/dialog';
import { formatDateTime } from '../../../utils/time';
import { staffListBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { COURIERS } from '../../utils/generated/couriers';
import { shipFormError, shipToast } from '../../utils/orders';
import { showFailure, staffAccess } from '../../utils/staff';
import { SEARCH_FIELDS, STATUS_FILTERS, anyFilter, exportQuery, listQuery, orderRow, parseSearch, pickDay, searchField, withStatus, type ListFilters, type OrderRow, type Search, type SearchBy } from './utils';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

interface Shipping {
  index: number;
  orderId: string;
  company: string;
  trackingNumber: string;
  error: string;
}

const REFUND_REASON = '商家后台退款';

const orderList = staffListBehavior<StaffOrderRow, OrderRow, StaffOrderPage>({
  list: 'orders',
  row: orderRow,
  extra: (answer) => ({ buyersCapped: answer.buyersCapped }),
});

/**
 * Orders (admin subpackage): every order, searched by order number, buyer nickname, phone tail or
 * product, filtered by status, live and Shanghai days; a row opens the order's detail; a paid order
 * ships with its carrier and tracking number, and refunds after a confirmation, each only for a
 * role that may (`orders.fulfil`, `orders.refund`).
 */
Component({
  behaviors: [orderList],
  data: {
    canShip: false,
    canRefund: false,
    canExport: false,
    /** what 导出 CSV exports: the filters in effect */
    exportQuery: { kind: 'orders' } as InputFor<'admin', 'startExport'>,
    couriers: COURIERS,
    filters: STATUS_FILTERS,
    searchFields: SEARCH_FIELDS,
    searchBy: 'orderId' as SearchBy,
    field: SEARCH_FIELDS[0],
    keyword: '',
    searchError: '',
    /** the search in effect (what the list shows), not what is being typed */
    search: null as Search | null,
    status: '' as '' | OrderStatus,
    lives: [] as Array<{ _id: string; title: string }>,
    liveId: '',
    fromDay: '',
    toDay: '',
    today: '',
    filtered: false,
    buyersCapped: false,
    orders: [] as OrderRow[],
    shipping: null as Shipping | null,
    busy: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ today: formatDateTime(Date.now()).slice(0, 10), ...(options.live ? { liveId: options.live } : {}) });
      void this.load();
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), listLives(), this.fetchList(1)]),
        ([access, lives, list]) => ({
          canShip: access.can['orders.fulfil'],
          canRefund: access.can['orders.refund'],
          canExport: access.can['data.export'],
          exportQuery: exportQuery(this.currentFilters()),
          lives: lives.map((l) => ({ _id: l._id, title: l.title })),
          ...this.firstPageView(list),
        }),
      );
    },

    currentFilters(): ListFilters {
      const { status, liveId, fromDay, toDay, search } = this.data;
      return { status, liveId, fromDay, toDay, search };
    },

    /** A page of orders for the search and filters in effect. */
    fetchList(page: number): Promise<StaffOrderPage> {
      return listAllOrders(listQuery(this.currentFilters(), page));
    },

    /** The filters changed: the first page again, the form closed. */
    refilter(patch: Record<string, unknown>) {
      this.setData({ ...patch, shipping: null });
      this.setData({ filtered: anyFilter(this.currentFilters()), exportQuery: exportQuery(this.currentFilters()) });
      void this.reloadList();
    },

    onSearchBy(e: Tap<{ by: SearchBy }>) {
      const by = e.currentTarget.dataset.by;
      if (by === this.data.searchBy) return;
      this.setData({ searchBy: by, field: searchField(by), keyword: '', searchError: '' });
    },

    onKeyword(e: WechatMiniprogram.Input) {
      this.setData({ keyword: inputValue(e), searchError: '' });
    },

    onSearch() {
      const parsed = parseSearch(this.data.searchBy, this.data.keyword);
      if (!parsed.ok) return this.setData({ searchError: parsed.reason });
      const same = JSON.stringify(parsed.search) === JSON.stringify(this.data.search);
      if (same) return;
      this.refilter({ search: parsed.search, searchError: '' });
    },

    onClearSearch() {
      this.setData({ keyword: '', searchError: '' });
      if (this.data.search) this.refilter({ search: null });
    },

    onStatus(e: Tap<{ status: '' | OrderStatus }>) {
      const status = e.currentTarget.dataset.status;
      if (status !== this.data.status) this.refilter({ status });
    },

    onLive(e: Tap<{ id: string }>) {
      const liveId = e.currentTarget.dataset.id;
      if (liveId !== this.data.liveId) this.refilter({ liveId });
    },

    onFromDay(e: WechatMiniprogram.PickerChange) {
      this.refilter(pickDay(this.data, 'from', String(e.detail.value)));
    },

    onToDay(e: WechatMiniprogram.PickerChange) {
      this.refilter(pickDay(this.data, 'to', String(e.detail.value)));
    },

    onClearDays() {
      if (this.data.fromDay || this.data.toDay) this.refilter({ fromDay: '', toDay: '' });
    },

    onOpen(e: Tap<{ id: string }>) {
      wx.navigateTo({ url: `/admin/pages/order-detail/index?id=${e.currentTarget.dataset.id}` });
    },

    onShip(e: Tap<{ index: number }>) {
      const index = Number(e.currentTarget.dataset.index);
      const order = this.data.orders[index];
      if (!order?.canShip || !this.data.canShip) return;
      this.setData({ shipping: { index, orderId: order._id, company: '', trackingNumber: '', error: '' } });
    },

    onShipInput(e: WechatMiniprogram.Input & Tap<{ field: 'company' | 'trackingNumber' }>) {
      if (this.data.shipping) this.setData({ [`shipping.${e.currentTarget.dataset.field}`]: inputValue(e), 'shipping.error': '' });
    },

    onPickCourier(e: Tap<{ name: string }>) {
      if (this.data.shipping) this.setData({ 'shipping.company': e.currentTarget.dataset.name, 'shipping.error': '' });
    },

    onCancelShip() {
      this.setData({ shipping: null });
    },

    /** Taps inside a row's form stay in the form (the row itself opens the detail). */
    onStay() {},

    async onConfirmShip(): Promise<void> {
      const s = this.data.shipping;
      if (!s || this.data.busy) return;
      const error = shipFormError(s.company, s.trackingNumber);
      if (error) return this.setData({ 'shipping.error': error });
      this.setData({ busy: true });
      try {
        const r = await shipOrder(s.orderId, s.company.trim(), s.trackingNumber.trim());
        this.setData({ busy: false, shipping: null, [`orders[${s.index}]`]: withStatus(this.data.orders[s.index], r.status) });
        wx.showToast(shipToast(r.upload, false));
      } catch (err) {
        this.setData({ busy: false });
        showFailure(err);
      }
    },

    async onRefund(e: Tap<{ index: number }>): Promise<void> {
      const index = Number(e.currentTarget.dataset.index);
      const order = this.data.orders[index];
      if (!order?.canRefund || !this.data.canRefund || this.data.busy) return;
      const ok = await confirmDialog({ title: '确认退款', content: `${order.title}\n退还订单未退的全部金额（实付 ${order.amountText}），原路退回，无法撤销。退部分商品请到订单详情。`, confirmText: '退款' });
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
