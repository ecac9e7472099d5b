import { orderAlertSettings, whoami } from '../../../services/admin';
import { recordConsents } from '../../../services/live';
import { askConsents } from '../../../utils/consents';
import { consentToast } from '../../../utils/consent-text';
import { roleMay } from '../../utils/permissions';
import { errorCode, errorText } from '../../../utils/errors';
import { instanceState } from '../../../utils/instance-state';
import { roleLabel } from '../../../utils/roles';
import { groupsFor, type AdminGroup } from './entries';

type AdminState = 'loading' | 'ready' | 'not_staff' | 'error';

const local = instanceState(() => ({ token: 0, asking: false }));

/** 新订单提醒 as the card shows it; null: the role does not ship, or the count could not be read. */
interface AlertView {
  templateId: string;
  credits: number;
  full: boolean;
  text: string;
  actionText: string;
}

const alertView = (templateId: string, credits: number, max: number): AlertView => ({
  templateId,
  credits,
  full: credits >= max,
  text: credits >= max ? `已达上限 ${max} 次` : credits > 0 ? `还可提醒 ${credits} 笔订单` : '未开启',
  actionText: credits > 0 ? '再开启一次' : '开启提醒',
});

/** Staff home (subpackage `admin`): who is signed in, with which role, and the screens that role may use. */
Component({
  data: {
    state: 'loading' as AdminState,
    errorMessage: '',
    openid: '',
    role: '',
    groups: [] as AdminGroup[],
    alert: null as AlertView | null,
    maxAlerts: 0,
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
        if (roleMay(me.role, 'orders.fulfil')) void this.loadAlert(token);
      } catch (e) {
        if (token !== local(this).token) return;
        if (errorCode(e) === 'NOT_STAFF') this.setData({ state: 'not_staff' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    /** The caller's banked new-order alerts; a failure leaves the card out rather than a wrong count. */
    async loadAlert(token: number): Promise<void> {
      try {
        const settings = await orderAlertSettings();
        if (token !== local(this).token) return;
        this.setData({ alert: alertView(settings.templateId, settings.credits, settings.maxCredits), maxAlerts: settings.maxCredits });
      } catch {
        // the card stays out
      }
    },

    /** 开启提醒: WeChat shows the dialog only inside the tap; each acceptance allows one alert. */
    onAskAlert() {
      const state = local(this);
      const alert = this.data.alert;
      if (!alert || alert.full || state.asking) return;
      state.asking = true;
      const asked = askConsents('newOrderAlert');
      void (async () => {
        try {
          const answers = await asked;
          const answer = answers[alert.templateId];
          if (answer !== 'accept') {
            wx.showToast({ title: consentToast(answer), icon: 'none' });
            return;
          }
          const { credits } = await recordConsents(answers);
          const held = credits[alert.templateId];
          if (typeof held === 'number') this.setData({ alert: alertView(alert.templateId, held, this.data.maxAlerts) });
          wx.showToast({ title: '已开启，有新订单时会提醒你', icon: 'none' });
        } catch (err) {
          wx.showToast({ title: errorText(err), icon: 'none' });
        } finally {
          state.asking = false;
        }
      })();
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
