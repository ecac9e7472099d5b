import type { MyCoupon } from '../../../typings/contract/index';
import { pagedListBehavior, type ListPage, type ListState } from '../../behaviors/paged-list';
import { listMyCoupons } from '../../services/coupons';
import { openPath } from '../../utils/nav';
import type { VantEvent } from '../../utils/vant';
import { couponCard, useTarget, walletTab, WALLET_TABS, type CouponCard } from './utils';

type CardEvent = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>;

// onLoad is the page's (the tab from the query); back from an order the wallet is read again (a coupon used or returned)
const couponList = pagedListBehavior<MyCoupon, CouponCard>({
  list: 'coupons',
  row: couponCard,
  key: (c) => c._id,
  lifecycles: ['onShow', 'onPullDownRefresh', 'onReachBottom'],
});

/** The coupon wallet: available / used / expired (coupons.listMine, 20 a page), "use now" to where it applies. */
Component({
  behaviors: [couponList],
  data: {
    tabs: WALLET_TABS.map(({ key, title }) => ({ key, title })),
    active: 'available',
    state: 'loading' as ListState,
    emptyMessage: WALLET_TABS[0].empty,
    emptyAction: WALLET_TABS[0].emptyAction,
    errorMessage: '',
    coupons: [] as CouponCard[],
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const tab = walletTab(options.status);
      if (tab.key !== this.data.active) this.setData({ active: tab.key, emptyMessage: tab.empty, emptyAction: tab.emptyAction });
      void this.loadFirst();
    },

    onTabChange(e: VantEvent<{ name: string; index: number }>) {
      const tab = walletTab(e.detail.name);
      if (tab.key === this.data.active) return;
      this.setData({ active: tab.key, emptyMessage: tab.empty, emptyAction: tab.emptyAction });
      void this.loadFirst();
    },

    fetchPage(page: number): Promise<ListPage<MyCoupon>> {
      return listMyCoupons(walletTab(this.data.active).key, page);
    },

    /** The coupon behind a card: its scope decides where "use now" goes. */
    couponOf(id: string): MyCoupon | undefined {
      return this.listedItems().find((c) => c._id === id);
    },

    onUse(e: CardEvent) {
      const coupon = this.couponOf(e.currentTarget.dataset.id);
      if (!coupon || coupon.status !== 'available') return;
      openPath(useTarget(coupon.scope));
    },

    onOpenOrder(e: CardEvent) {
      const coupon = this.couponOf(e.currentTarget.dataset.id);
      if (coupon?.orderId) wx.navigateTo({ url: `/pages/order/index?id=${encodeURIComponent(coupon.orderId)}` });
    },

    /** The empty state's way on: the coupon centre from an empty 可使用 tab, else the shop. */
    onEmptyAction() {
      openPath(walletTab(this.data.active).emptyPath);
    },
  },
});
