import { config } from '../../config';
import type { RecommendSelect } from '../../components/recommend-list/index';
import { whoami } from '../../services/admin';
import { listMyCoupons } from '../../services/coupons';
import { uploadImage } from '../../services/call';
import { pointsBalance, setProfile } from '../../services/points';
import { DEV_IDENTITIES, getDevOpenid, isValidOpenid, setDevOpenid } from '../../services/identity';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { expiringText, privilegeText, tierView, type TierView } from '../../utils/member';
import { ORDER_TABS, tabOf } from '../../utils/orders';
import { roleLabel } from '../../utils/roles';
import { changes, isEmpty } from '../../utils/set-data';

type StaffState = 'checking' | 'staff' | 'none';
type MemberState = 'loading' | 'ready' | 'error';

const local = instanceState(() => ({ token: 0, memberToken: 0 }));

/** The member centre's own pages, as shortcuts under the member card. */
const MEMBER_SHORTCUTS = [
  { key: 'points', title: '积分明细', icon: 'balance-list-o', url: '/pages/points/index' },
  { key: 'coupons', title: '优惠券', icon: 'coupon-o', url: '/pages/coupons/index' },
  { key: 'coupon-center', title: '领券中心', icon: 'discount-o', url: '/pages/coupon-center/index' },
  { key: 'rewards', title: '积分商城', icon: 'gift-o', url: '/pages/rewards/index' },
  { key: 'reservations', title: '我的预约', icon: 'clock-o', url: '/pages/reservations/index' },
  { key: 'raffles', title: '我的抽奖', icon: 'gift-card-o', url: '/pages/raffle/entries/index' },
  { key: 'favorites', title: '我的收藏', icon: 'star-o', url: '/pages/favorites/index' },
  { key: 'history', title: '浏览足迹', icon: 'browsing-history-o', url: '/pages/history/index' },
  { key: 'reviews', title: '我的评价', icon: 'comment-o', url: '/pages/my-reviews/index' },
];

const ORDER_ICONS: Record<string, string> = {
  created: 'pending-payment',
  paid: 'send-gift-o',
  shipped: 'logistics',
  completed: 'completed',
  refund: 'after-sale',
};

/**
 * The member centre (Me tab): tier and progress, points and coupons at a glance, shortcuts to the
 * member pages and orders, the dev identity switcher (local mode) and, for staff only, the shop entry.
 */
Component({
  data: {
    localMode: config.mode === 'local',
    openid: '',
    memberState: 'loading' as MemberState,
    memberError: '',
    member: null as TierView | null,
    /** the tier's first character on the avatar: 普 / 银 / 金 / 钻 */
    avatarText: '会',
    /** the avatar the member chose, '' before one */
    avatarUrl: '',
    /** the member's nickname as the shop has it (微信用户xxxx until they set one) */
    nickname: '',
    editingNickname: false,
    savingProfile: false,
    balance: 0,
    expiringText: '',
    privileges: [] as string[],
    couponCount: 0,
    memberShortcuts: MEMBER_SHORTCUTS.map(({ key, title, icon }) => ({ key, title, icon })),
    identities: DEV_IDENTITIES.map((i) => ({ openid: i.openid, label: i.label })),
    customOpenid: '',
    customError: '',
    staffState: 'checking' as StaffState,
    role: '',
    /** 我的订单 shortcuts: one per order tab but "all" (the row above opens that) */
    orderShortcuts: ORDER_TABS.filter((t) => t.key !== 'all').map((t) => ({ key: t.key, title: t.title, icon: ORDER_ICONS[t.key] ?? 'orders-o' })),
  },
  methods: {
    onShow() {
      const openid = this.data.localMode ? getDevOpenid() : '';
      if (openid !== this.data.openid) this.setData({ openid });
      void this.checkStaff();
      void this.loadMember();
    },

    /** Tier, points and the available-coupon count; shown again quietly on every visit to the tab. */
    async loadMember(): Promise<void> {
      const state = local(this);
      const token = ++state.memberToken;
      if (this.data.memberState === 'error') this.setData({ memberState: 'loading', memberError: '' });
      try {
        const [balance, coupons] = await Promise.all([pointsBalance(), listMyCoupons('available')]);
        if (token !== state.memberToken) return;
        const patch = changes(this.data, {
          memberState: 'ready' as MemberState,
          member: tierView(balance),
          avatarText: balance.tier.name.slice(0, 1),
          avatarUrl: balance.profile.avatarUrl ?? '',
          nickname: balance.profile.nickname,
          balance: balance.balance,
          expiringText: expiringText(balance.expiring),
          privileges: balance.privileges.map(privilegeText),
          couponCount: coupons.total,
        });
        if (!isEmpty(patch)) this.setData(patch);
      } catch (e) {
        if (token !== state.memberToken) return;
        if (this.data.memberState === 'ready') return; // keep what is shown; the next visit tries again
        this.setData({ memberState: 'error', memberError: errorText(e) });
      }
    },

    /** 头像: the picked image is uploaded (Storage), then kept as the avatar. */
    async onChooseAvatar(e: { detail: { avatarUrl?: string } }) {
      const path = e.detail.avatarUrl;
      if (!path || this.data.savingProfile) return;
      this.setData({ savingProfile: true });
      try {
        const avatarFileId = await uploadImage(path, 'avatar');
        const profile = await setProfile({ avatarFileId });
        this.setData({ avatarUrl: profile.avatarUrl ?? '' });
        wx.showToast({ title: '头像已更新', icon: 'success' });
      } catch (err) {
        wx.showToast({ title: errorText(err), icon: 'none' });
      } finally {
        this.setData({ savingProfile: false });
      }
    },

    onEditNickname() {
      this.setData({ editingNickname: true });
    },

    /** 昵称: what the nickname input holds when it loses focus (WeChat has checked it by then). */
    async onNicknameDone(e: { detail: { value?: string } }) {
      const nickname = (e.detail.value ?? '').trim();
      this.setData({ editingNickname: false });
      if (!nickname || nickname === this.data.nickname || this.data.savingProfile) return;
      this.setData({ savingProfile: true });
      try {
        const profile = await setProfile({ nickname });
        this.setData({ nickname: profile.nickname });
      } catch (err) {
        wx.showToast({ title: errorText(err), icon: 'none' });
      } finally {
        this.setData({ savingProfile: false });
      }
    },

    onRetryMember() {
      void this.loadMember();
    },

    onOpenMember(e: { currentTarget: { dataset: { key?: string } } }) {
      const target = MEMBER_SHORTCUTS.find((s) => s.key === e.currentTarget.dataset.key);
      if (target) wx.navigateTo({ url: target.url });
    },

    /** The staff entry shows only when admin.whoami answers. */
    async checkStaff(): Promise<void> {
      const token = ++local(this).token;
      if (this.data.staffState !== 'checking') this.setData({ staffState: 'checking' });
      try {
        const me = await whoami();
        if (token !== local(this).token) return;
        this.setData({ staffState: 'staff', role: roleLabel(me.role) });
      } catch {
        if (token !== local(this).token) return;
        this.setData({ staffState: 'none', role: '' });
      }
    },

    switchTo(openid: string): boolean {
      if (!setDevOpenid(openid)) return false;
      this.setData({ openid: openid.trim(), customOpenid: '', customError: '', memberState: 'loading', member: null });
      void this.checkStaff();
      void this.loadMember();
      return true;
    },

    onPickIdentity(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { openid: string }>) {
      const openid = e.currentTarget.dataset.openid;
      if (openid !== this.data.openid) this.switchTo(openid);
    },

    onCustomInput(e: WechatMiniprogram.Input) {
      this.setData({ customOpenid: e.detail.value, customError: '' });
    },

    onCustomConfirm() {
      const value = this.data.customOpenid.trim();
      if (!isValidOpenid(value)) {
        this.setData({ customError: '只能包含字母、数字、- 和 _，最多 64 位' });
        return;
      }
      this.switchTo(value);
    },

    onOpenContent() {
      wx.navigateTo({ url: '/pages/content/index' });
    },

    onOpenPrivacy() {
      wx.navigateTo({ url: '/pages/privacy/index' });
    },

    onOpenNotifications() {
      wx.navigateTo({ url: '/pages/notifications/index' });
    },

    onOpenAddresses() {
      wx.navigateTo({ url: '/pages/addresses/index' });
    },

    onOpenPromoter() {
      wx.navigateTo({ url: '/pages/promoter/index' });
    },

    onOpenOrders(e: { currentTarget: { dataset: { status?: string } } }) {
      const tab = tabOf(e.currentTarget.dataset.status);
      wx.navigateTo({ url: tab.key === 'all' ? '/pages/orders/index' : `/pages/orders/index?status=${tab.key}` });
    },

    onRecommendSelect(e: WechatMiniprogram.CustomEvent<RecommendSelect>) {
      wx.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(e.detail.productId)}` });
    },

    onOpenAdmin() {
      if (this.data.staffState === 'staff') wx.navigateTo({ url: '/admin/pages/index/index' });
    },
  },
});
