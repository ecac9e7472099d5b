import type { AfterSale } from '../../../../typings/contract/index';
import { cancelAfterSale, getAfterSale, submitReturnTracking, supplementAfterSale } from '../../../services/aftersale';
import { assetUrl } from '../../../services/call';
import { actionsOf, kindText, MAX_PHOTOS, NOTE_MAX, showsStaffNote, specText, stateNote, stateText, stepsOf, type AfterSaleActions, type StepView } from '../../../utils/aftersale';
import { copyText } from '../../../utils/clipboard';
import { confirmDialog } from '../../../utils/dialog';
import { errorCode, errorText } from '../../../utils/errors';
import { instanceState } from '../../../utils/instance-state';
import { formatYuan } from '../../../utils/money';
import { changes, isEmpty } from '../../../utils/set-data';
import { formatDateTime } from '../../../utils/time';
import type { PhotoPickerChange } from '../../../components/photo-picker/index';

type DetailState = 'loading' | 'ready' | 'not_found' | 'error';

interface AfterSaleView {
  _id: string;
  orderId: string;
  state: string;
  stateText: string;
  stateNote: string;
  line: { title: string; image: string; specText: string };
  kindText: string;
  quantity: number;
  /** '' for an exchange, which returns nothing */
  amountText: string;
  reason: string;
  note: string;
  photos: string[];
  staffNote: string;
  returnAddress: { name: string; phone: string; address: string } | null;
  returnTrackingText: string;
  reshipTrackingText: string;
  refund: { amountText: string; points: number; settledText: string } | null;
  createdText: string;
}

/** A waybill the shop can read: a carrier named, and 6–32 letters, digits or dashes. */
const WAYBILL = /^[A-Za-z0-9-]{6,32}$/;

const trackingText = (t: { company: string; number: string } | null): string => (t ? `${t.company} ${t.number}` : '');

function view(a: AfterSale): AfterSaleView {
  return {
    _id: a._id,
    orderId: a.orderId,
    state: a.state,
    stateText: stateText(a.state),
    stateNote: stateNote(a.state),
    line: { title: a.title, image: assetUrl(a.image), specText: specText(a.specs) },
    kindText: kindText(a.kind),
    quantity: a.quantity,
    amountText: a.kind === 'exchange' ? '' : formatYuan(a.amountFen),
    reason: a.reason,
    note: a.note,
    photos: a.photos.map(assetUrl),
    staffNote: showsStaffNote(a.state, a.staffNote) ? a.staffNote : '',
    returnAddress: a.state === 'awaiting_return' ? a.returnAddress : null,
    returnTrackingText: trackingText(a.returnTracking),
    reshipTrackingText: trackingText(a.reshipTracking),
    refund:
      a.state === 'refunded' && a.refund
        ? { amountText: formatYuan(a.refund.amountFen), points: a.refund.points, settledText: a.refund.settledAt ? formatDateTime(a.refund.settledAt) : '' }
        : null,
    createdText: formatDateTime(a.createdAt),
  };
}

const NO_ACTIONS: AfterSaleActions = { cancel: false, supplement: false, sendBack: false };

const local = instanceState(() => ({ id: '', token: 0, busy: false, photos: [] as string[] }));

/** 售后详情: where the application stands, what the shop said, and the shopper's next step. */
Component({
  data: {
    state: 'loading' as DetailState,
    errorMessage: '',
    sale: null as AfterSaleView | null,
    steps: [] as StepView[],
    actions: NO_ACTIONS,
    waybill: { company: '', number: '' },
    supplementNote: '',
    noteMax: NOTE_MAX,
    /** photos the supplement may still add */
    photosLeft: MAX_PHOTOS,
    uploading: false,
    busy: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      local(this).id = options.id ?? '';
      void this.load();
    },

    async load(): Promise<void> {
      const state = local(this);
      if (!state.id) {
        this.setData({ state: 'not_found' });
        return;
      }
      const token = ++state.token;
      if (this.data.state === 'error') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const sale = await getAfterSale(state.id);
        if (token !== state.token) return;
        const patch = changes(this.data, {
          state: 'ready' as DetailState,
          sale: view(sale),
          steps: stepsOf(sale.history),
          actions: actionsOf(sale.state),
          photosLeft: Math.max(0, MAX_PHOTOS - sale.photos.length),
        });
        if (!isEmpty(patch)) this.setData(patch);
      } catch (e) {
        if (token !== state.token) return;
        if (errorCode(e) === 'AFTERSALE_NOT_FOUND') this.setData({ state: 'not_found' });
        else if (this.data.state === 'ready') wx.showToast({ title: errorText(e), icon: 'none' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    onShow() {
      if (this.data.state === 'ready') void this.load();
    },

    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    onRetry() {
      void this.load();
    },

    /** Runs one action at a time; true when it went through. The application is read again either way. */
    async act(run: () => Promise<unknown>, done: string): Promise<boolean> {
      const state = local(this);
      if (state.busy) return false;
      state.busy = true;
      this.setData({ busy: true });
      let ok = false;
      try {
        await run();
        ok = true;
        wx.showToast({ title: done, icon: 'success' });
      } catch (e) {
        wx.showToast({ title: errorText(e), icon: 'none' });
      } finally {
        state.busy = false;
        this.setData({ busy: false });
      }
      await this.load();
      return ok;
    },

    async onCancel(): Promise<void> {
      if (!this.data.actions.cancel || local(this).busy) return;
      const ok = await confirmDialog({ title: '撤销申请', content: '撤销后这次售后申请将关闭，确定撤销吗？', confirmText: '撤销申请', cancelText: '再想想' });
      if (ok) await this.act(() => cancelAfterSale(local(this).id), '已撤销申请');
    },

    onCompany(e: WechatMiniprogram.Input) {
      this.setData({ 'waybill.company': e.detail.value });
    },

    onWaybillNumber(e: WechatMiniprogram.Input) {
      this.setData({ 'waybill.number': e.detail.value });
    },

    async onSubmitTracking(): Promise<void> {
      if (!this.data.actions.sendBack || local(this).busy) return;
      const company = this.data.waybill.company.trim();
      const number = this.data.waybill.number.trim();
      if (!company) {
        wx.showToast({ title: '请填写快递公司', icon: 'none' });
        return;
      }
      if (!WAYBILL.test(number)) {
        wx.showToast({ title: '请填写正确的运单号', icon: 'none' });
        return;
      }
      if (await this.act(() => submitReturnTracking(local(this).id, { company, number }), '已提交运单号')) {
        this.setData({ waybill: { company: '', number: '' } });
      }
    },

    onSupplementNote(e: WechatMiniprogram.Input) {
      this.setData({ supplementNote: e.detail.value.slice(0, NOTE_MAX) });
    },

    onSupplementPhotos(e: WechatMiniprogram.CustomEvent<PhotoPickerChange>) {
      local(this).photos = e.detail.fileIds;
      if (e.detail.uploading !== this.data.uploading) this.setData({ uploading: e.detail.uploading });
    },

    async onSubmitSupplement(): Promise<void> {
      const state = local(this);
      if (!this.data.actions.supplement || state.busy) return;
      if (this.data.uploading) {
        wx.showToast({ title: '图片上传中，请稍候', icon: 'none' });
        return;
      }
      const note = this.data.supplementNote.trim();
      const photos = state.photos;
      if (!note && !photos.length) {
        wx.showToast({ title: '请填写说明或上传照片', icon: 'none' });
        return;
      }
      const more = { ...(note ? { note } : {}), ...(photos.length ? { photos } : {}) };
      if (await this.act(() => supplementAfterSale(state.id, more), '已提交补充资料')) {
        state.photos = [];
        this.setData({ supplementNote: '' });
      }
    },

    onCopyAddress() {
      const a = this.data.sale?.returnAddress;
      if (a) void copyText(`${a.name} ${a.phone} ${a.address}`);
    },

    onPreviewPhoto(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      const urls = this.data.sale?.photos ?? [];
      wx.previewImage({ urls, current: urls[Number(e.currentTarget.dataset.index)] });
    },

    onOpenOrder() {
      const orderId = this.data.sale?.orderId;
      if (orderId) wx.navigateTo({ url: `/pages/order/index?id=${encodeURIComponent(orderId)}` });
    },
  },
});
