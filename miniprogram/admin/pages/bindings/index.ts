import type { Binding, ReferralSettings } from '../../../../typings/contract/index';
import { getReferralSettings, listBindings, setReferralSettings } from '../../../services/marketing-admin';
import { instanceState } from '../../../utils/instance-state';
import { formatDateTime } from '../../../utils/time';
import { inputValue, parseCount } from '../../utils/form';
import { failureView, goBack, showFailure, staffAccess, type StaffPageState } from '../../utils/staff';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;
type SettingKey = keyof ReferralSettings;

interface BindingRow {
  key: string;
  invitee: string;
  inviter: string;
  code: string;
  reason: string;
  timeText: string;
}

const bindingRow = (b: Binding): BindingRow => ({
  key: `${b.inviteeId}:${b.createdAt}`,
  invitee: b.inviteeId,
  inviter: b.inviterId,
  code: b.code,
  reason: b.reason,
  timeText: formatDateTime(b.createdAt),
});

/** The settings, their labels and allowed ranges (the contract's). */
const SETTINGS: Array<{ key: SettingKey; label: string; min: number; max: number }> = [
  { key: 'windowDays', label: '新用户绑定窗口（天）', min: 1, max: 90 },
  { key: 'promoterMinWatchMinutes', label: '推广奖励需观看（分钟）', min: 1, max: 600 },
  { key: 'promoterPointsPerInvitee', label: '每位有效好友奖励积分', min: 1, max: 10_000 },
  { key: 'promoterDailyCap', label: '每日奖励人数上限', min: 1, max: 1000 },
];

const local = instanceState(() => ({ token: 0 }));

/**
 * Referral bindings (admin subpackage): who was bound to which inviter, through which code and
 * why (first touch, hours after arriving), newest first, filterable by either side; and the
 * referral settings (binding window, promoter rules), editable with `marketing.write`.
 */
Component({
  data: {
    state: 'loading' as StaffPageState,
    errorMessage: '',
    canEdit: false,
    inviterId: '',
    inviteeId: '',
    items: [] as BindingRow[],
    total: 0,
    page: 1,
    listing: false,
    settings: SETTINGS.map((s) => ({ key: s.key, label: s.label, value: '' })),
    settingsError: '',
    saving: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    query(page: number) {
      const q: { inviterId?: string; inviteeId?: string; page: number } = { page };
      if (this.data.inviterId.trim()) q.inviterId = this.data.inviterId.trim();
      if (this.data.inviteeId.trim()) q.inviteeId = this.data.inviteeId.trim();
      return q;
    },

    async load(): Promise<void> {
      const token = ++local(this).token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const [access, list, settings] = await Promise.all([staffAccess(), listBindings(this.query(1)), getReferralSettings()]);
        if (token !== local(this).token) return;
        this.setData({
          state: 'ready',
          canEdit: access.can['marketing.write'],
          items: list.items.map(bindingRow),
          total: list.total,
          page: 1,
          settings: SETTINGS.map((s) => ({ key: s.key, label: s.label, value: String(settings[s.key]) })),
        });
      } catch (e) {
        if (token !== local(this).token) return;
        this.setData(failureView(e));
      }
    },

    async onFilter(): Promise<void> {
      const token = ++local(this).token;
      this.setData({ listing: true });
      try {
        const list = await listBindings(this.query(1));
        if (token !== local(this).token) return;
        this.setData({ listing: false, items: list.items.map(bindingRow), total: list.total, page: 1 });
      } catch (e) {
        this.setData({ listing: false });
        showFailure(e);
      }
    },

    async onMore(): Promise<void> {
      if (this.data.listing || this.data.items.length >= this.data.total) return;
      const page = this.data.page + 1;
      this.setData({ listing: true });
      try {
        const list = await listBindings(this.query(page));
        const start = this.data.items.length;
        const patch: Record<string, unknown> = { listing: false, page, total: list.total };
        list.items.forEach((b, i) => (patch[`items[${start + i}]`] = bindingRow(b)));
        this.setData(patch);
      } catch (e) {
        this.setData({ listing: false });
        showFailure(e);
      }
    },

    onRetry() {
      if (this.data.state === 'denied') goBack();
      else void this.load();
    },

    onFilterInput(e: WechatMiniprogram.Input & Tap<{ field: 'inviterId' | 'inviteeId' }>) {
      this.setData({ [e.currentTarget.dataset.field]: inputValue(e) });
    },

    onSettingInput(e: WechatMiniprogram.Input & Tap<{ index: number }>) {
      this.setData({ [`settings[${Number(e.currentTarget.dataset.index)}].value`]: inputValue(e), settingsError: '' });
    },

    async onSaveSettings(): Promise<void> {
      if (!this.data.canEdit || this.data.saving) return;
      const input: Partial<ReferralSettings> = {};
      for (const [i, s] of SETTINGS.entries()) {
        const n = parseCount(this.data.settings[i].value, s.min, s.max);
        if (n === null) {
          this.setData({ settingsError: `${s.label}：请填写 ${s.min}–${s.max} 的整数` });
          return;
        }
        input[s.key] = n;
      }
      this.setData({ saving: true });
      try {
        const saved = await setReferralSettings(input);
        this.setData({ saving: false, settings: SETTINGS.map((s) => ({ key: s.key, label: s.label, value: String(saved[s.key]) })) });
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (e) {
        this.setData({ saving: false });
        showFailure(e);
      }
    },
  },
});
