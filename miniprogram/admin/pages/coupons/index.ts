import { listLives } from '../../../services/live';
import { createCouponTemplate, listCouponTemplates, stopCouponTemplate } from '../../../services/marketing-admin';
import { errorCode } from '../../../utils/errors';
import { staffPageBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { adminErrorText, staffAccess } from '../../utils/staff';
import { ELIGIBILITY_OPTIONS, KIND_OPTIONS, emptyForm, formFieldOf, templateInput, templateRow, type CouponForm, type Eligibility, type FormKind, type TemplateRow } from './utils';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;
type TextField = 'title' | 'value' | 'threshold' | 'percentOff' | 'cap' | 'totalStock' | 'perUserLimit' | 'validDays';

/**
 * Coupon templates (admin subpackage, `marketing.write`): a form for the common kinds (no
 * threshold, spend-and-save, percentage off) with stock, per-user limit, validity, an optional
 * live and who may claim; below it the shop's templates (newest first), each with its ID to copy and
 * a way to stop claims.
 */
Component({
  behaviors: [staffPageBehavior],
  data: {
    kinds: KIND_OPTIONS,
    eligibilities: ELIGIBILITY_OPTIONS,
    lives: [] as Array<{ _id: string; title: string }>,
    form: emptyForm(),
    errorField: '',
    formError: '',
    submitting: false,
    created: [] as TemplateRow[],
    total: 0,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), listLives(), listCouponTemplates()]),
        ([access, lives, templates]) =>
          access.can['marketing.write']
            ? {
                lives: lives.filter((l) => l.state !== 'ended').map((l) => ({ _id: l._id, title: l.title })),
                created: templates.items.map(templateRow),
                total: templates.total,
              }
            : { state: 'denied', errorMessage: '你的角色无权进行此操作' },
      );
    },

    onInput(e: WechatMiniprogram.Input & Tap<{ field: TextField }>) {
      const field = e.currentTarget.dataset.field;
      this.setData({ [`form.${field}`]: inputValue(e), ...(this.data.errorField === field ? { errorField: '', formError: '' } : {}) });
    },

    onKind(e: Tap<{ kind: FormKind }>) {
      this.setData({ 'form.kind': e.currentTarget.dataset.kind, errorField: '', formError: '' });
    },

    onEligibility(e: Tap<{ eligibility: Eligibility }>) {
      this.setData({ 'form.eligibility': e.currentTarget.dataset.eligibility, errorField: '', formError: '' });
    },

    onLive(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      this.setData({ 'form.liveId': this.data.form.liveId === id ? '' : id, errorField: '', formError: '' });
    },

    onStackable(e: WechatMiniprogram.SwitchChange) {
      this.setData({ 'form.stackable': !!e.detail.value });
    },

    async onSubmit(): Promise<void> {
      if (this.data.submitting) return;
      const form: CouponForm = this.data.form;
      const checked = templateInput(form);
      if (!checked.ok) {
        this.setData({ errorField: checked.field, formError: checked.message });
        return;
      }
      this.setData({ submitting: true, errorField: '', formError: '' });
      try {
        await createCouponTemplate(checked.input);
        const templates = await listCouponTemplates();
        this.setData({ submitting: false, created: templates.items.map(templateRow), total: templates.total, form: { ...emptyForm(), liveId: form.liveId } });
        wx.showToast({ title: '已创建', icon: 'success' });
      } catch (e) {
        const field = formFieldOf((e as { field?: string }).field);
        this.setData({ submitting: false, errorField: field ?? '', formError: errorCode(e) === 'COUPON_TEMPLATE_INVALID' ? `${adminErrorText(e)}：${(e as Error).message}` : adminErrorText(e) });
      }
    },

    async onStop(e: Tap<{ id: string }>): Promise<void> {
      const templateId = e.currentTarget.dataset.id;
      const confirmed = await new Promise<boolean>((resolve) =>
        wx.showModal({
          title: '停发这张券？',
          content: '之后顾客不能再领取，已领到的券照常可用。',
          confirmText: '停发',
          success: (r) => resolve(r.confirm),
          fail: () => resolve(false),
        }),
      );
      if (!confirmed) return;
      try {
        await stopCouponTemplate(templateId);
        const templates = await listCouponTemplates();
        this.setData({ created: templates.items.map(templateRow), total: templates.total });
        wx.showToast({ title: '已停发', icon: 'success' });
      } catch (err) {
        wx.showToast({ title: adminErrorText(err), icon: 'none' });
      }
    },

    onCopyId(e: Tap<{ id: string }>) {
      wx.setClipboardData({ data: e.currentTarget.dataset.id });
    },
  },
});
