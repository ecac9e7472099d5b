import { whoami } from '../../../services/admin';
import { errorCode, errorText } from '../../../utils/errors';
import { instanceState } from '../../../utils/instance-state';
import { roleLabel } from '../../../utils/roles';
import { groupsFor, type AdminGroup } from './entries';

type AdminState = 'loading' | 'ready' | 'not_staff' | 'error';

const local = instanceState(() => ({ token: 0 }));

/** Staff home (subpackage `admin`): who is signed in, with which role, and the screens that role may use. */
Component({
  data: {
    state: 'loading' as AdminState,
    errorMessage: '',
    openid: '',
    role: '',
    groups: [] as AdminGroup[],
  },
  methods: {
    onLoad() {
      void this.load();
    },

    async load(): Promise<void> {
      const token = ++local(this).token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const me = await whoami();
        if (token !== local(this).token) return;
        this.setData({ state: 'ready', openid: me.openid, role: roleLabel(me.role), groups: groupsFor(me.role) });
      } catch (e) {
        if (token !== local(this).token) return;
        if (errorCode(e) === 'NOT_STAFF') this.setData({ state: 'not_staff' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    onRetry() {
      void this.load();
    },

    onOpenEntry(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { url: string }>) {
      wx.navigateTo({ url: e.currentTarget.dataset.url });
    },

    onBack() {
      wx.switchTab({ url: '/pages/me/index' });
    },
  },
});
