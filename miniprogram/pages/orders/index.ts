import type { OrderSummary, ReceiptConfirm } from '../../../typings/contract/index';
import { pagedListBehavior, type ListPage, type ListState } from '../../behaviors/paged-list';
import { payBehavior } from '../../behaviors/pay';
import { assetUrl } from '../../services/call';
import { confirmReceipt, listOrders } from '../../services/orders';
import { askReceipt } from '../../utils/receipt';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { MergedPages } from '../../utils/merged-pages';
import { formatYuan } from '../../utils/money';
import { amountLabel, canPay, ORDER_TABS, statusText, tabOf, type OrderTab } from '../../utils/orders';
import { formatDateTime } from '../../utils/time';
import type { VantEvent } from '../../utils/vant';

/** The API's page size for listOrders. */
const PAGE_SIZE = 10;
const THUMBS = 3;

interface OrderCard {
  _id: string;
  statusText: string;
  createdText: string;
  thumbs: Array<{ image: string; title: string }>;
  /** the one line's title when the order has one line */
  title: string;
  count: number;
  /** 应付 / 实付 / 订单金额, by whether it was paid */
  amountLabel: string;
  payableFen: number;
  payableText: string;
  canPay: boolean;
  canConfirm: boolean;
  /** WeChat's 确认收货 component's extraData, when the payment is under 发货信息管理 */
  receiptConfirm: ReceiptConfirm | null;
}

const card = (o: OrderSummary, now: number): OrderCard => ({
  _id: o._id,
  statusText: o.status === 'created' && !canPay(o, now) ? '已超时' : statusText(o.status),
  createdText: formatDateTime(o.createdAt),
  thumbs: o.lines.slice(0, THUMBS).map((l) => ({ image: assetUrl(l.image), title: l.title })),
  title: o.lines.length === 1 ? o.lines[0].title : '',
  count: o.count,
  amountLabel: amountLabel(o.status),
  payableFen: o.payableFen,
  payableText: formatYuan(o.payableFen),
  canPay: canPay(o, now),
  canConfirm: o.status === 'shipped',
  receiptConfirm: o.receiptConfirm ?? null,
});

type CardEvent = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>;

/** A tab's pages: one query per status it lists (the refunds tab reads two, merged newest first). */
const pagesFor = (tab: OrderTab) =>
  new MergedPages<OrderSummary>(
    tab.statuses.length ? tab.statuses.map((status) => (page: number) => listOrders(status, page)) : [(page: number) => listOrders(undefined, page)],
    PAGE_SIZE,
  );

const local = instanceState(() => ({ pages: null as MergedPages<OrderSummary> | null, busy: false }));

// onLoad is the page's (the tab from the query); back from an order or a payment the list is read again
const orderList = pagedListBehavior<OrderSummary, OrderCard>({ list: 'orders', row: card, lifecycles: ['onShow', 'onPullDownRefresh', 'onReachBottom'] });

Component({
  behaviors: [payBehavior, orderList],
  data: {
    tabs: ORDER_TABS.map((t) => ({ key: t.key, title: t.title })),
    active: 'all',
    state: 'loading' as ListState,
    errorMessage: '',
    orders: [] as OrderCard[],
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const tab = tabOf(options.status);
      if (tab.key !== this.data.active) this.setData({ active: tab.key });
      void this.loadFirst();
    },

    onTabChange(e: VantEvent<{ name: string; index: number }>) {
      const key = tabOf(e.detail.name).key;
      if (key === this.data.active) return;
      this.setData({ active: key });
      void this.loadFirst();
    },

    /** The active tab's pages: the first starts them afresh, each next one continues them. */
    async fetchPage(page: number): Promise<ListPage<OrderSummary>> {
      const state = local(this);
      if (page === 1 || !state.pages) state.pages = pagesFor(tabOf(this.data.active));
      const pages = state.pages;
      const items = await pages.next();
      return { items, total: pages.total, done: pages.done };
    },

    onOpenOrder(e: CardEvent) {
      wx.navigateTo({ url: `/pages/order/index?id=${encodeURIComponent(e.currentTarget.dataset.id)}` });
    },

    async onPay(e: CardEvent): Promise<void> {
      const state = local(this);
      const order = this.data.orders.find((o) => o._id === e.currentTarget.dataset.id);
      if (!order || !order.canPay || state.busy) return;
      state.busy = true;
      try {
        await this.payOrder(order._id, order.payableFen);
      } finally {
        state.busy = false;
      }
    },

    async onConfirmReceipt(e: CardEvent): Promise<void> {
      const state = local(this);
      const id = e.currentTarget.dataset.id;
      const order = this.data.orders.find((o) => o._id === id);
      if (state.busy || !order || !(await askReceipt(order.receiptConfirm))) return;
      state.busy = true;
      try {
        await confirmReceipt(id);
        wx.showToast({ title: '已确认收货', icon: 'success' });
        await this.loadFirst(true);
      } catch (err) {
        wx.showToast({ title: errorText(err), icon: 'none' });
      } finally {
        state.busy = false;
      }
    },

    /** 退款/售后 tab: the shopper's after-sale applications, of part of an order or all of it. */
    onOpenAfterSales() {
      wx.navigateTo({ url: '/pages/after-sale/list/index' });
    },

    onGoShopping() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
