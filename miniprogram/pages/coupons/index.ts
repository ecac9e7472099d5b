import type { MyCoupon } from '../../../typings/contract/index';
import { listMyCoupons } from '../../services/coupons';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { openPath } from '../../utils/nav';
import type { VantEvent } from '../../utils/vant';
import { couponCard, useTarget, walletTab, WALLET_TABS, type CouponCard } from './utils';

type ListState = 'loading' | 'ready' | 'empty' | 'error';
type MoreState = 'idle' | 'loading' | 'error' | 'done';

const local = instanceState(() => ({
  token: 0,
  page: 0,
  shown: false,
  /** the coupons shown, by id: their scope decides where "use now" goes */
  coupons: new Map<string, MyCoupon>(),
}));

type CardEvent = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>;

/** The coupon wallet: available / used / expired (coupons.listMine, 20 a page), "use now" to where it applies. */
Component({
  data: {
    tabs: WALLET_TABS.map(({ key, title }) => ({ key, title })),
    active: 'available',
    state: 'loading' as ListState,
    emptyMessage: WALLET_TABS[0].empty,
    errorMessage: '',
    coupons: [] as CouponCard[],
    moreState: 'idle' as MoreState,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const tab = walletTab(options.status);
      if (tab.key !== this.data.active) this.setData({ active: tab.key, emptyMessage: tab.empty });
      void this.loadFirst();
    },

    /** Back from an order: a coupon may have been used or returned. */
    onShow() {
      const state = local(this);
      if (state.shown) void this.loadFirst(true);
      state.shown = true;
    },

    onPullDownRefresh() {
      void this.loadFirst(true).then(() => wx.stopPullDownRefresh());
    },

    onReachBottom() {
      void this.loadMore();
    },

    onTabChange(e: VantEvent<{ name: string; index: number }>) {
      const tab = walletTab(e.detail.name);
      if (tab.key === this.data.active) return;
      this.setData({ active: tab.key, emptyMessage: tab.empty });
      void this.loadFirst();
    },

    async loadFirst(quiet = false): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      const tab = walletTab(this.data.active);
      if (!quiet || this.data.state !== 'ready') this.setData({ state: 'loading', errorMessage: '', coupons: [], moreState: 'idle' });
      try {
        const { items, total } = await listMyCoupons(tab.key, 1);
        if (token !== state.token) return;
        state.page = 1;
        state.coupons = new Map(items.map((c) => [c._id, c]));
        this.setData({
          state: items.length ? 'ready' : 'empty',
          coupons: items.map(couponCard),
          moreState: items.length >= total ? 'done' : 'idle',
        });
      } catch (e) {
        if (token !== state.token) return;
        if (quiet && this.data.state === 'ready') wx.showToast({ title: errorText(e), icon: 'none' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    async loadMore(): Promise<void> {
      const state = local(this);
      if (this.data.state !== 'ready' || (this.data.moreState !== 'idle' && this.data.moreState !== 'error')) return;
      const token = state.token;
      this.setData({ moreState: 'loading' });
      try {
        const { items, total } = await listMyCoupons(walletTab(this.data.active).key, state.page + 1);
        if (token !== state.token) return;
        state.page += 1;
        const fresh = items.filter((c) => !state.coupons.has(c._id));
        const start = this.data.coupons.length;
        const patch: Record<string, unknown> = { moreState: !items.length || start + fresh.length >= total ? 'done' : 'idle' };
        fresh.forEach((c, i) => {
          state.coupons.set(c._id, c);
          patch[`coupons[${start + i}]`] = couponCard(c);
        });
        this.setData(patch);
      } catch {
        if (token === state.token) this.setData({ moreState: 'error' });
      }
    },

    onUse(e: CardEvent) {
      const coupon = local(this).coupons.get(e.currentTarget.dataset.id);
      if (!coupon || coupon.status !== 'available') return;
      openPath(useTarget(coupon.scope));
    },

    onOpenOrder(e: CardEvent) {
      const coupon = local(this).coupons.get(e.currentTarget.dataset.id);
      if (coupon?.orderId) wx.navigateTo({ url: `/pages/order/index?id=${encodeURIComponent(coupon.orderId)}` });
    },

    onRetry() {
      void this.loadFirst();
    },

    onRetryMore() {
      void this.loadMore();
    },

    onGoShopping() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
