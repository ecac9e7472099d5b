import type { ClaimableCoupon } from '../../../../../../typings/contract/index';
import { listClaimable } from '../../../../../services/coupons';
import { recordConsents } from '../../../../../services/live';
import { CouponClaims } from '../../../../../utils/coupon-claims';
import { askConsents } from '../../../../../utils/consents';
import { changes, isEmpty } from '../../../../../utils/set-data';
import { instanceState } from '../../../../../utils/instance-state';
import { couponValueText } from '../../utils';

interface CouponView {
  templateId: string;
  title: string;
  value: string;
  claimable: boolean;
  action: string;
}

const BLOCK_TEXT: Record<string, string> = {
  not_started: '未开始',
  ended: '已结束',
  limit_reached: '已领取',
  sold_out: '已抢光',
};
const ELIGIBILITY_TEXT: Record<string, string> = { group_join: '进群可领', reservers: '预约可领', viewers: '观看可领' };

function couponView(c: ClaimableCoupon): CouponView {
  // 直播优先入场: open before the start for this viewer only
  let action = c.early ? '优先领取' : '领取';
  if (!c.claimable) {
    if (c.reason === 'not_eligible') action = ELIGIBILITY_TEXT[c.eligibility] ?? '暂不可领';
    else action = (c.reason && BLOCK_TEXT[c.reason]) || '暂不可领';
  }
  return { templateId: c.templateId, title: c.title, value: couponValueText(c.rule), claimable: c.claimable, action };
}

/** What the page calls on the strip: read it again (a coupon drop came), claim from the coupon-drop banner. */
export interface RoomCouponsMethods {
  load(): Promise<void>;
  /** call it synchronously inside the viewer's tap: it asks for the consent there */
  claim(templateId: string): Promise<void>;
}

/** One claim per coupon on its way, a lost one retried with its request id. */
const local = instanceState(() => ({ claims: new CouponClaims() }));

/**
 * 直播间专享券: the live's coupons in a strip, each with what blocks a claim (not yet eligible,
 * sold out, claimed); a tap claims one. It reads the coupons when the page calls `load`, and shows
 * nothing while there are none or they cannot be read.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    liveId: { type: String, value: '' },
  },
  data: {
    coupons: [] as CouponView[],
  },
  methods: {
    async load(): Promise<void> {
      try {
        const items = await listClaimable(this.data.liveId);
        const patch = changes(this.data, { coupons: items.map(couponView) });
        if (!isEmpty(patch)) this.setData(patch);
      } catch {
        // the strip is left out rather than shown broken
      }
    },

    onClaimTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      const coupon = this.data.coupons.find((c) => c.templateId === id);
      if (coupon?.claimable) void this.claim(id);
    },

    /**
     * A live coupon is claimed at once, not after the consent dialog: stock goes in seconds. The
     * 活动通知 consent asked in the same tap is recorded once the coupon is the shopper's.
     */
    async claim(templateId: string): Promise<void> {
      const consentsAsked = askConsents('couponClaim');
      const claimed = await local(this).claims.claim(templateId);
      if (claimed === null) return;
      const recorded = claimed
        ? consentsAsked.then((consents) => (Object.values(consents).includes('accept') ? recordConsents(consents) : null)).catch(() => null)
        : null;
      await Promise.all([this.load(), recorded]);
    },
  },
});
