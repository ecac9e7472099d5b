import type { SopRule } from '../../../../typings/contract/index';
import { listSopRules, saveSopRule } from '../../../services/crm-admin';
import { instanceState } from '../../../utils/instance-state';
import { inputValue } from '../../utils/form';
import { failureView, goBack, showFailure, staffAccess, type StaffPageState } from '../../utils/staff';
import { EVENT_TEXT, MESSAGE_PAGES, emptySopForm, sopInput, sopRow, toggled, type SopForm, type SopRow } from './utils';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

const local = instanceState(() => ({ token: 0, rules: [] as SopRule[] }));

/**
 * SOP rules (admin subpackage): automated steps ("cart unpaid 24 h: remind"), each with its
 * trigger, condition, action, timing and how its tasks went; turn one on or off, or add one.
 */
Component({
  data: {
    state: 'loading' as StaffPageState,
    errorMessage: '',
    canWrite: false,
    rules: [] as SopRow[],
    events: (Object.keys(EVENT_TEXT) as Array<keyof typeof EVENT_TEXT>).map((event) => ({ event, label: EVENT_TEXT[event] })),
    pages: MESSAGE_PAGES,
    triggerKinds: [
      { kind: 'time_after_event', label: '事件后一段时间' },
      { kind: 'event', label: '事件发生时' },
      { kind: 'tag_added', label: '打上标签时' },
    ],
    actionKinds: [
      { kind: 'staff_task', label: '店员跟进' },
      { kind: 'subscribe', label: '订阅消息' },
      { kind: 'sms', label: '短信' },
      { kind: 'grant_points', label: '送积分' },
      { kind: 'grant_coupon', label: '发券' },
      { kind: 'add_tag', label: '打标签' },
    ],
    form: emptySopForm(),
    formError: '',
    busy: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    async load(): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const [access, rules] = await Promise.all([staffAccess(), listSopRules()]);
        if (token !== state.token) return;
        state.rules = rules;
        this.setData({ state: 'ready', canWrite: access.can['crm.write'], rules: rules.map(sopRow) });
      } catch (e) {
        if (token !== state.token) return;
        this.setData(failureView(e));
      }
    },

    async refresh(): Promise<void> {
      const rules = await listSopRules();
      local(this).rules = rules;
      this.setData({ rules: rules.map(sopRow) });
    },

    onRetry() {
      if (this.data.state === 'denied') goBack();
      else void this.load();
    },

    async onToggle(e: Tap<{ id: string }>): Promise<void> {
      const rule = local(this).rules.find((r) => r.ruleId === e.currentTarget.dataset.id);
      if (!rule || !this.data.canWrite || this.data.busy) return;
      this.setData({ busy: true });
      try {
        await saveSopRule(toggled(rule));
        await this.refresh();
        this.setData({ busy: false });
      } catch (err) {
        this.setData({ busy: false });
        showFailure(err);
      }
    },

    onInput(e: WechatMiniprogram.Input & Tap<{ field: keyof SopForm }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: inputValue(e), formError: '' });
    },

    onPick(e: Tap<{ field: 'triggerKind' | 'event' | 'actionKind' | 'page'; value: string }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.currentTarget.dataset.value, formError: '' });
    },

    async onSave(): Promise<void> {
      if (!this.data.canWrite || this.data.busy) return;
      const checked = sopInput(this.data.form);
      if (!checked.ok) return this.setData({ formError: checked.message });
      this.setData({ busy: true, formError: '' });
      try {
        await saveSopRule(checked.input);
        await this.refresh();
        this.setData({ busy: false, form: emptySopForm() });
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (err) {
        this.setData({ busy: false });
        showFailure(err);
      }
    },
  },
});
