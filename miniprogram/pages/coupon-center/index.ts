import type { ClaimableCoupon, MyCoupon } from '../../../typings/contract/index';
import { pageLoadBehavior } from '../../behaviors/page-load';
import { couponCenter } from '../../services/coupons';
import { CouponClaims } from '../../utils/coupon-claims';
import { useTarget } from '../../utils/coupon-text';
import { instanceState } from '../../utils/instance-state';
import { openPath } from '../../utils/nav';
import { centerCard, welcomeCard, type CenterCard, type WelcomeCard } from './utils';

type Center = { items: ClaimableCoupon[]; welcome: MyCoupon | null };
type CardEvent = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>;

const local = instanceState(() => ({
  productId: '',
  answer: null as Center | null,
  /** one claim per coupon on its way, a lost one retried with its request id */
  claims: new CouponClaims(),
}));

// onLoad is the page's (the product from the query); back from using a coupon the list is read again
const centerLoad = pageLoadBehavior({ lifecycles: ['onShow', 'onPullDownRefresh'] });

/**
 * 领券中心: the shop's coupons to claim (with `product`, those that cover that product) and the
 * new-member coupon the shopper was given on arrival. 立即领取 claims once per tap; a card the
 * shopper holds all of offers 去使用, which opens where the coupon applies.
 */
Component({
  behaviors: [centerLoad],
  data: {
    forProduct: false,
    coupons: [] as CenterCard[],
    welcome: null as WelcomeCard | null,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      local(this).productId = options.product ?? '';
      if (options.product) {
        this.setData({ forProduct: true });
        wx.setNavigationBarTitle({ title: '本商品可领优惠券' });
      }
      void this.load();
    },

    fetch(): Promise<Center> {
      return couponCenter(local(this).productId || undefined);
    },

    isEmpty(answer: Center): boolean {
      return answer.items.length === 0 && answer.welcome === null;
    },

    view(answer: Center): Record<string, unknown> {
      local(this).answer = answer;
      return { coupons: answer.items.map(centerCard), welcome: answer.welcome ? welcomeCard(answer.welcome) : null };
    },

    async onClaim(e: CardEvent): Promise<void> {
      const templateId = e.currentTarget.dataset.id;
      const state = local(this);
      const coupon = state.answer?.items.find((c) => c.templateId === templateId);
      if (!coupon?.claimable) return;
      if ((await state.claims.claim(templateId)) === null) return;
      // claimed, sold out or over: the card shows what the server now says
      await this.load(true);
    },

    onUse(e: CardEvent) {
      const coupon = local(this).answer?.items.find((c) => c.templateId === e.currentTarget.dataset.id);
      if (coupon) openPath(useTarget(coupon.scope));
    },

    onUseWelcome() {
      const welcome = local(this).answer?.welcome;
      if (welcome && welcome.status === 'available') openPath(useTarget(welcome.scope));
    },

    onOpenWallet() {
      wx.navigateTo({ url: '/pages/coupons/index' });
    },

    onGoShopping() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
