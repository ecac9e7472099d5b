import { config } from '../../config';
import { whoami } from '../../services/admin';
import { DEV_IDENTITIES, getDevOpenid, isValidOpenid, setDevOpenid } from '../../services/identity';
import { instanceState } from '../../utils/instance-state';
import { ORDER_TABS, tabOf } from '../../utils/orders';
import { roleLabel } from '../../utils/roles';

type StaffState = 'checking' | 'staff' | 'none';

const local = instanceState(() => ({ token: 0 }));

const ORDER_ICONS: Record<string, string> = {
  created: 'pending-payment',
  paid: 'send-gift-o',
  shipped: 'logistics',
  completed: 'completed',
  refund: 'after-sale',
};

/** Member centre placeholder: the dev identity switcher (local mode) and the staff entry. */
Component({
  data: {
    localMode: config.mode === 'local',
    openid: '',
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
      this.setData({ openid: openid.trim(), customOpenid: '', customError: '' });
      void this.checkStaff();
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

    onOpenOrders(e: { currentTarget: { dataset: { status?: string } } }) {
      const tab = tabOf(e.currentTarget.dataset.status);
      wx.navigateTo({ url: tab.key === 'all' ? '/pages/orders/index' : `/pages/orders/index?status=${tab.key}` });
    },

    onOpenAdmin() {
      if (this.data.staffState === 'staff') wx.navigateTo({ url: '/admin/pages/index/index' });
    },
  },
});
