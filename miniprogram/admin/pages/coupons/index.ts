import { listLives } from '../../../services/live';
import type { StaffCouponTemplate } from '../../../../typings/contract/coupons';
import { createCouponTemplate, listCouponTemplates, stopCouponTemplate, updateCouponTemplate } from '../../../services/marketing-admin';
import { instanceState } from '../../../utils/instance-state';
import type { ProductPickerChange } from '../../components/product-picker/index';
import { errorCode } from '../../../utils/errors';
import { staffPageBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { adminErrorText, staffAccess } from '../../utils/staff';
import { ELIGIBILITY_OPTIONS, KIND_OPTIONS, editFormOf, editInput, emptyForm, formFieldOf, templateInput, templateRow, type CouponForm, type EditForm, type Eligibility, type FormKind, type TemplateRow } from './utils';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;
type TextField = 'title' | 'value' | 'threshold' | 'percentOff' | 'cap' | 'totalStock' | 'perUserLimit' | 'validDays';
type EditField = 'title' | 'totalStock' | 'perUserLimit';

/** The templates as the server listed them: what an edit form starts from. */
const local = instanceState(() => ({ templates: [] as StaffCouponTemplate[] }));

/**
 * Coupon templates (admin subpackage, `marketing.write`): a form for every kind (no threshold,
 * spend-and-save, percentage off, and 回购券 for those who bought given products) with the products
 * it applies to picked by name, stock, per-user limit, validity, an optional live and who may claim;
 * below it the shop's templates (newest first), each with its ID to copy, an edit of what may change
 * after claims (name, stock, per-user limit, end of claiming) and a way to stop claims.
 */
/** Why the server refused an edit, in staff's words. */
function editErrorText(field: string): string {
  if (field === 'totalStock') return '发行量不能少于已发出的张数';
  if (field === 'claimEnd') return '领取截止要晚于现在和开始领取时间，且不晚于券的有效期';
  return '没有要保存的修改';
}

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
    edit: null as EditForm | null,
    editError: '',
    editField: '',
    saving: false,
    today: '',
  },
  methods: {
    onLoad() {
      this.setData({ today: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) });
      void this.load();
    },

    /** The list as the server answered it. */
    listed(templates: { items: StaffCouponTemplate[]; total: number }) {
      local(this).templates = templates.items;
      return { created: templates.items.map(templateRow), total: templates.total };
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), listLives(), listCouponTemplates()]),
        ([access, lives, templates]) =>
          access.can['marketing.write']
            ? {
                lives: lives.filter((l) => l.state !== 'ended').map((l) => ({ _id: l._id, title: l.title })),
                ...this.listed(templates),
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

    onRelatedProducts(e: WechatMiniprogram.CustomEvent<ProductPickerChange>) {
      this.setData({ 'form.relatedProducts': e.detail.products, ...(this.data.errorField === 'relatedProducts' ? { errorField: '', formError: '' } : {}) });
    },

    onScopeProducts(e: WechatMiniprogram.CustomEvent<ProductPickerChange>) {
      this.setData({ 'form.scopeProducts': e.detail.products, ...(this.data.errorField === 'scopeProducts' ? { errorField: '', formError: '' } : {}) });
    },

    // editing a template that exists

    onEdit(e: Tap<{ id: string }>) {
      const t = local(this).templates.find((x) => x.templateId === e.currentTarget.dataset.id);
      if (t) this.setData({ edit: editFormOf(t), editError: '', editField: '' });
    },

    onCancelEdit() {
      this.setData({ edit: null, editError: '', editField: '' });
    },

    onEditInput(e: WechatMiniprogram.Input & Tap<{ field: EditField }>) {
      this.setData({ [`edit.${e.currentTarget.dataset.field}`]: inputValue(e), editError: '', editField: '' });
    },

    onEditEndDay(e: WechatMiniprogram.PickerChange) {
      this.setData({ 'edit.claimEndDay': String(e.detail.value), editError: '', editField: '' });
    },

    onEditNoEnd() {
      this.setData({ 'edit.claimEndDay': '', editError: '', editField: '' });
    },

    async onSaveEdit(): Promise<void> {
      const edit = this.data.edit;
      if (!edit || this.data.saving) return;
      const checked = editInput(edit);
      if (!checked.ok) return this.setData({ editField: checked.field, editError: checked.message });
      this.setData({ saving: true });
      try {
        await updateCouponTemplate(checked.input);
        const templates = await listCouponTemplates();
        this.setData({ saving: false, edit: null, ...this.listed(templates) });
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (err) {
        const field = (err as { field?: string }).field ?? '';
        this.setData({ saving: false, editField: field, editError: errorCode(err) === 'COUPON_TEMPLATE_INVALID' ? editErrorText(field) : adminErrorText(err) });
      }
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
        this.setData({ submitting: false, ...this.listed(templates), form: { ...emptyForm(), liveId: form.liveId } });
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
        this.setData(this.listed(templates));
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
