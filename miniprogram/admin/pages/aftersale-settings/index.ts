import type { AfterSaleSettings } from '../../../../typings/contract/index';
import { getAfterSaleSettings, setAfterSaleSettings, type AfterSaleSettingsChange } from '../../../services/aftersale-admin';
import { failureCode, newRequestId } from '../../../services/call';
import { AFTER_SALE_DAYS_MAX, AUTO_COMPLETE_DAYS_MAX } from '../../../utils/generated/limits';
import { instanceState } from '../../../utils/instance-state';
import { formatDateTime } from '../../../utils/time';
import { inputValue, parseCount } from '../../utils/form';
import { failureView, goBack, showFailure, staffAccess, type StaffPageState } from '../../utils/staff';

type Field = 'name' | 'phone' | 'address' | 'afterSaleDays' | 'autoCompleteDays';

interface Form {
  name: string;
  phone: string;
  address: string;
  afterSaleDays: string;
  autoCompleteDays: string;
}

const PHONE = /^[0-9+\- ]{6,20}$/;

const formOf = (s: AfterSaleSettings): Form => ({
  name: s.returnAddress?.name ?? '',
  phone: s.returnAddress?.phone ?? '',
  address: s.returnAddress?.address ?? '',
  afterSaleDays: String(s.afterSaleDays),
  autoCompleteDays: String(s.autoCompleteDays),
});

/** What the form asks to change, or the first thing wrong with it (field and line). */
function changeOf(form: Form, saved: AfterSaleSettings): { change: AfterSaleSettingsChange } | { field: Field; error: string } {
  const afterSaleDays = parseCount(form.afterSaleDays, 1, AFTER_SALE_DAYS_MAX);
  if (afterSaleDays === null) return { field: 'afterSaleDays', error: `售后时限为 1–${AFTER_SALE_DAYS_MAX} 天` };
  const autoCompleteDays = parseCount(form.autoCompleteDays, 1, AUTO_COMPLETE_DAYS_MAX);
  if (autoCompleteDays === null) return { field: 'autoCompleteDays', error: `自动确认收货为签收后 1–${AUTO_COMPLETE_DAYS_MAX} 天` };
  const name = form.name.trim();
  const phone = form.phone.trim();
  const address = form.address.trim();
  const change: AfterSaleSettingsChange = {};
  if (name || phone || address) {
    if (!name) return { field: 'name', error: '请填写收件人' };
    if (!PHONE.test(phone)) return { field: 'phone', error: '请填写正确的联系电话' };
    if (address.length < 4) return { field: 'address', error: '请填写完整的退货地址' };
    const was = saved.returnAddress;
    if (!was || was.name !== name || was.phone !== phone || was.address !== address) change.returnAddress = { name, phone, address };
  } else if (saved.returnAddress) change.returnAddress = null;
  if (afterSaleDays !== saved.afterSaleDays) change.afterSaleDays = afterSaleDays;
  if (autoCompleteDays !== saved.autoCompleteDays) change.autoCompleteDays = autoCompleteDays;
  return { change };
}

const local = instanceState(() => ({
  token: 0,
  saved: null as AfterSaleSettings | null,
  saving: false,
  /** kept while a save is retried after a network failure, so the server applies it once */
  requestId: '',
}));

/**
 * 售后与收货设置 (admin subpackage): the return address approvals offer, the days after receipt a
 * return or exchange may be asked for (a product may set its own on 商品与库存), and the days after
 * delivery a shipped order completes by itself. Staff who refund (orders.refund) change them; other
 * staff read them.
 */
Component({
  data: {
    state: 'loading' as StaffPageState,
    errorMessage: '',
    canEdit: false,
    form: { name: '', phone: '', address: '', afterSaleDays: '', autoCompleteDays: '' } as Form,
    errorField: '' as Field | '',
    formError: '',
    saving: false,
    dirty: false,
    updatedText: '',
    afterSaleMax: AFTER_SALE_DAYS_MAX,
    autoCompleteMax: AUTO_COMPLETE_DAYS_MAX,
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
        const [access, settings] = await Promise.all([staffAccess(), getAfterSaleSettings()]);
        if (token !== state.token) return;
        this.show(settings, access.can['orders.refund']);
      } catch (e) {
        if (token !== state.token) return;
        this.setData(failureView(e));
      }
    },

    show(settings: AfterSaleSettings, canEdit?: boolean) {
      local(this).saved = settings;
      this.setData({
        state: 'ready',
        canEdit: canEdit ?? this.data.canEdit,
        form: formOf(settings),
        errorField: '',
        formError: '',
        dirty: false,
        updatedText: settings.updatedAt ? `上次保存 ${formatDateTime(settings.updatedAt)}` : '尚未保存，正在使用默认设置',
      });
    },

    onRetry() {
      if (this.data.state === 'denied') goBack();
      else void this.load();
    },

    onInput(e: WechatMiniprogram.Input) {
      const field = (e.currentTarget.dataset as { field?: Field }).field;
      if (!field || !this.data.canEdit) return;
      this.setData({ [`form.${field}`]: inputValue(e), dirty: true, ...(this.data.errorField === field ? { errorField: '', formError: '' } : {}) });
    },

    onClearAddress() {
      if (!this.data.canEdit || this.data.saving) return;
      this.setData({ 'form.name': '', 'form.phone': '', 'form.address': '', dirty: true, errorField: '', formError: '' });
    },

    async onSave(): Promise<void> {
      const state = local(this);
      if (!this.data.canEdit || state.saving || !state.saved) return;
      const checked = changeOf(this.data.form, state.saved);
      if ('error' in checked) {
        this.setData({ errorField: checked.field, formError: checked.error });
        return;
      }
      if (!Object.keys(checked.change).length) {
        wx.showToast({ title: '没有需要保存的修改', icon: 'none' });
        this.setData({ dirty: false });
        return;
      }
      state.saving = true;
      this.setData({ saving: true });
      if (!state.requestId) state.requestId = newRequestId();
      try {
        const saved = await setAfterSaleSettings(checked.change, state.requestId);
        state.requestId = '';
        this.show(saved);
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (e) {
        if (failureCode(e) !== 'NETWORK') state.requestId = '';
        showFailure(e);
      } finally {
        state.saving = false;
        this.setData({ saving: false });
      }
    },
  },
});
