import type { MessageSettings } from '../../../typings/contract/index';
import { bindPhone, messageSettings, recordConsents, setSmsOptOut } from '../../services/live';
import { requestSubscribe } from '../../utils/channels';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { SMS_NOTE, templateRows, type TemplateRow } from './utils';
import { consentToast } from '../../utils/consent-text';

type PageState = 'loading' | 'ready' | 'error';

const local = instanceState(() => ({ token: 0, loaded: false, asking: false, savingSms: false, settings: null as MessageSettings | null }));

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string }>;

/**
 * 消息提醒: each subscribe message the shop sends, with the sends it still allows (every accepted
 * prompt allows one, up to a cap), a tap to allow one more, and the SMS switch (退订 and back).
 */
Component({
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    rows: [] as TemplateRow[],
    smsOn: true,
    smsNote: SMS_NOTE,
    savingSms: false,
    /** the SMS number, masked; '' when none is bound */
    phone: '',
    bindingPhone: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    onShow() {
      if (local(this).loaded) void this.load();
    },

    onRetry() {
      void this.load();
    },

    async load(): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      if (this.data.state === 'error') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const settings = await messageSettings();
        if (token !== state.token) return;
        state.loaded = true;
        state.settings = settings;
        this.setData({ state: 'ready', rows: templateRows(settings), smsOn: !settings.smsOptedOut, phone: settings.phone ?? '' });
      } catch (e) {
        if (token !== state.token) return;
        if (this.data.state === 'ready') wx.showToast({ title: errorText(e), icon: 'none' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    /** The dialog is asked for in the tap itself: WeChat shows it only for a user gesture. */
    onSubscribe(e: Tap) {
      const id = e.currentTarget.dataset.id;
      const state = local(this);
      const row = this.data.rows.find((r) => r.templateId === id);
      if (!id || !row || row.full || state.asking) return;
      state.asking = true;
      const asked = requestSubscribe([id]);
      void (async () => {
        try {
          const answers = await asked;
          if (answers[id] !== 'accept') {
            wx.showToast({ title: consentToast(answers[id]), icon: 'none' });
            return;
          }
          const { credits } = await recordConsents(answers);
          const settings = state.settings;
          if (settings && typeof credits[id] === 'number') {
            settings.templates = settings.templates.map((t) => (t.templateId === id ? { ...t, credits: credits[id] } : t));
            this.setData({ rows: templateRows(settings) });
          }
          wx.showToast({ title: consentToast('accept'), icon: 'none' });
        } catch (err) {
          wx.showToast({ title: errorText(err), icon: 'none' });
        } finally {
          state.asking = false;
        }
      })();
    },

    /** van-switch reports the new value as the event detail. */
    /**
     * 绑定手机号: WeChat's quick verification gives a one-time code (nothing when the shopper declines);
     * the server turns it into the number.
     */
    async onPhoneNumber(e: { detail: { code?: string; errMsg?: string } }) {
      const code = e.detail.code;
      if (!code) {
        wx.showToast({ title: '未获取手机号', icon: 'none' });
        return;
      }
      if (this.data.bindingPhone) return;
      this.setData({ bindingPhone: true });
      try {
        const { phone } = await bindPhone(code);
        this.setData({ phone });
        wx.showToast({ title: '已绑定手机号', icon: 'success' });
      } catch (err) {
        wx.showToast({ title: errorText(err), icon: 'none' });
      } finally {
        this.setData({ bindingPhone: false });
      }
    },

    async onSmsChange(e: { detail: boolean }) {
      const state = local(this);
      const on = e.detail === true;
      if (state.savingSms) return;
      state.savingSms = true;
      this.setData({ savingSms: true, smsOn: on });
      try {
        const { smsOptedOut } = await setSmsOptOut(!on);
        this.setData({ smsOn: !smsOptedOut });
        wx.showToast({ title: smsOptedOut ? '已退订短信' : '已开启短信通知', icon: 'none' });
      } catch (err) {
        this.setData({ smsOn: !on });
        wx.showToast({ title: errorText(err), icon: 'none' });
      } finally {
        state.savingSms = false;
        this.setData({ savingSms: false });
      }
    },
  },
});
