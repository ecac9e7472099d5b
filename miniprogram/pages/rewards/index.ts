import type { Redemption, Reward, RewardKind } from '../../../typings/contract/index';
import { addressChoiceBehavior } from '../../behaviors/address-choice';
import { assetUrl, failureCode, newRequestId } from '../../services/call';
import { listRewards, redeemReward, type RedeemInput } from '../../services/points';
import { afterFailure, attemptFor, type Attempt } from '../../utils/attempt';
import { confirmDialog } from '../../utils/dialog';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { PRIVILEGE_EFFECT, PRIVILEGE_TEXT, privilegeText } from '../../utils/member';
import { changes, isEmpty } from '../../utils/set-data';

type PageState = 'loading' | 'ready' | 'empty' | 'error';

const KIND_TEXT: Record<RewardKind, string> = { privilege: '会员权益', coupon: '优惠券', product: '实物好礼' };

interface RewardCard {
  _id: string;
  title: string;
  image: string;
  kindText: string;
  detail: string;
  pointsCost: number;
  stockText: string;
  soldOut: boolean;
  affordable: boolean;
}

const rewardCard = (r: Reward): RewardCard => ({
  _id: r._id,
  title: r.title,
  image: assetUrl(r.image),
  kindText: KIND_TEXT[r.kind],
  detail: r.privilege ? [`${PRIVILEGE_TEXT[r.privilege.kind]} ${r.privilege.days} 天`, PRIVILEGE_EFFECT[r.privilege.kind]].filter(Boolean).join(' · ') : r.kind === 'product' ? '包邮到家' : '兑换后放入卡包',
  pointsCost: r.pointsCost,
  stockText: r.stock > 0 ? `剩余 ${r.stock}` : '已兑完',
  soldOut: r.stock <= 0,
  affordable: r.affordable,
});

/** What the shopper got, in one line. */
function redeemedText(r: Redemption): string {
  if (r.couponId) return '兑换成功，优惠券已放入卡包';
  if (r.privilege) return `兑换成功：${privilegeText(r.privilege)}`;
  if (r.shipping) return '兑换成功，我们会尽快为你寄出';
  return '兑换成功';
}

/** Refusals after which the store is read again: the balance or the stock moved elsewhere. */
const STALE = new Set(['INSUFFICIENT_POINTS', 'REWARD_SOLD_OUT', 'REWARD_NOT_FOUND', 'COUPON_SOLD_OUT']);

const local = instanceState(() => ({ token: 0, busy: false, shown: false, rewards: new Map<string, Reward>(), attempt: null as Attempt | null }));

type CardEvent = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>;

/**
 * The rewards store (积分商城): privileges, coupons and products for points. Redeeming asks to
 * confirm (and, for a product, where to ship it); the server takes the stock and the points.
 */
Component({
  behaviors: [addressChoiceBehavior],
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    balance: 0,
    rewards: [] as RewardCard[],
    busyId: '',
  },
  methods: {
    onLoad() {
      void this.load();
    },

    onShow() {
      const state = local(this);
      if (state.shown) void this.load(true);
      state.shown = true;
    },

    onPullDownRefresh() {
      void this.load(true).then(() => wx.stopPullDownRefresh());
    },

    async load(quiet = false): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      if (!quiet || this.data.state !== 'ready') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const { items, balance } = await listRewards();
        if (token !== state.token) return;
        state.rewards = new Map(items.map((r) => [r._id, r]));
        const patch = changes(this.data, {
          state: (items.length ? 'ready' : 'empty') as PageState,
          balance,
          rewards: items.map(rewardCard),
        });
        if (!isEmpty(patch)) this.setData(patch);
      } catch (e) {
        if (token !== state.token) return;
        if (quiet && this.data.state === 'ready') wx.showToast({ title: errorText(e), icon: 'none' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    onRetry() {
      void this.load();
    },

    onRedeem(e: CardEvent) {
      const state = local(this);
      const reward = state.rewards.get(e.currentTarget.dataset.id);
      if (!reward || state.busy) return;
      if (reward.stock <= 0) {
        wx.showToast({ title: errorText({ code: 'REWARD_SOLD_OUT' }), icon: 'none' });
        return;
      }
      if (!reward.affordable) {
        wx.showToast({ title: errorText({ code: 'INSUFFICIENT_POINTS' }), icon: 'none' });
        return;
      }
      void this.redeem(reward);
    },

    /** Address (products), confirmation, then the redemption; a retry after a lost answer reuses its request id. */
    async redeem(reward: Reward): Promise<void> {
      const state = local(this);
      state.busy = true;
      try {
        const input: RedeemInput = { rewardId: reward._id };
        if (reward.kind === 'product') {
          const addressId = await this.chooseShippingAddress('寄到哪里', '下一步');
          if (!addressId) return;
          input.addressId = addressId;
        }
        const ok = await confirmDialog({
          title: '确认兑换',
          content: `使用 ${reward.pointsCost} 积分兑换「${reward.title}」？`,
          confirmText: '兑换',
        });
        if (!ok) return;
        const attempt = attemptFor(state.attempt, JSON.stringify(input), newRequestId);
        this.setData({ busyId: reward._id });
        try {
          const result = await redeemReward(input, attempt.requestId);
          state.attempt = null;
          this.setData({ balance: result.balance, busyId: '' });
          wx.showToast({ title: redeemedText(result), icon: 'none' });
          await this.load(true);
        } catch (e) {
          const code = failureCode(e);
          state.attempt = afterFailure(attempt, code);
          this.setData({ busyId: '' });
          wx.showToast({ title: errorText(e), icon: 'none' });
          if (STALE.has(code)) await this.load(true);
        }
      } finally {
        state.busy = false;
      }
    },
  },
});
