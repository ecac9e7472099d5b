import type { Binding, ReferralSettings } from '../../../../typings/contract/index';
import type { Page } from '../../../services/admin';
import { getReferralSettings, listBindings, setReferralSettings } from '../../../services/marketing-admin';
import { formatDateTime } from '../../../utils/time';
import { staffListBehavior } from '../../behaviors/staff-page';
import { inputValue, parseCount } from '../../utils/form';
import { showFailure, staffAccess } from '../../utils/staff';

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

const bindingList = staffListBehavior<Binding, BindingRow>({ list: 'items', row: bindingRow });

/**
 * Referral bindings (admin subpackage): who was bound to which inviter, through which code and
 * why (first touch, hours after arriving), newest first, filterable by either side; and the
 * referral settings (binding window, promoter rules), editable with `marketing.write`.
 */
Component({
  behaviors: [bindingList],
  data: {
    canEdit: false,
    inviterId: '',
    inviteeId: '',
    items: [] as BindingRow[],
    settings: SETTINGS.map((s) => ({ key: s.key, label: s.label, value: '' })),
    settingsError: '',
    saving: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), this.fetchList(1), getReferralSettings()]),
        ([access, list, settings]) => ({
          canEdit: access.can['marketing.write'],
          ...this.firstPageView(list),
          settings: SETTINGS.map((s) => ({ key: s.key, label: s.label, value: String(settings[s.key]) })),
        }),
      );
    },

    /** A page of bindings for the inviter and invitee typed. */
    fetchList(page: number): Promise<Page<Binding>> {
      const q: { inviterId?: string; inviteeId?: string; page: number } = { page };
      if (this.data.inviterId.trim()) q.inviterId = this.data.inviterId.trim();
      if (this.data.inviteeId.trim()) q.inviteeId = this.data.inviteeId.trim();
      return listBindings(q);
    },

    onFilter(): Promise<void> {
      return this.reloadList();
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
