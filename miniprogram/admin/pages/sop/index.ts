import type { CouponPickerChange } from '../../components/coupon-picker/index';
import { listSopRules, saveSopRule } from '../../../services/crm-admin';
import { crmRulesBehavior } from '../../behaviors/crm-rules';
import { EVENT_TEXT, MESSAGE_PAGES, emptySopForm, sopInput, sopRow, toggled } from './utils';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

const sopRules = crmRulesBehavior({ list: listSopRules, row: sopRow });

/**
 * SOP rules (admin subpackage): automated steps ("cart unpaid 24 h: remind"), each with its
 * trigger, condition, action, timing and how its tasks went; turn one on or off, or add one.
 */
Component({
  behaviors: [sopRules],
  data: {
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
  },
  methods: {
    onLoad() {
      void this.load();
    },

    async onToggle(e: Tap<{ id: string }>): Promise<void> {
      const rule = this.editableRule(e.currentTarget.dataset.id);
      if (rule) await this.changeRules(() => saveSopRule(toggled(rule)));
    },

    /** the coupon picked in the picker (tapped again: none) */
    onCoupon(e: WechatMiniprogram.CustomEvent<CouponPickerChange>) {
      this.setData({ 'form.templateId': e.detail.templateId, formError: '' });
    },

    onPick(e: Tap<{ field: 'triggerKind' | 'event' | 'actionKind' | 'page'; value: string }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.currentTarget.dataset.value, formError: '' });
    },

    async onSave(): Promise<void> {
      if (!this.data.canWrite || this.data.busy) return;
      const checked = sopInput(this.data.form);
      if (!checked.ok) return this.setData({ formError: checked.message });
      this.setData({ formError: '' });
      const saved = await this.changeRules(() => saveSopRule(checked.input), () => ({ form: emptySopForm() }));
      if (saved.ok) wx.showToast({ title: '已保存', icon: 'success' });
    },
  },
});
