import type { AfterSaleKind, AfterSaleOptions } from '../../../../typings/contract/index';
import { afterSaleOptions, applyAfterSale } from '../../../services/aftersale';
import { assetUrl, newRequestId } from '../../../services/call';
import { kindText, MAX_PHOTOS, NOTE_MAX, specText, unavailableReason } from '../../../utils/aftersale';
import { errorCode, errorText } from '../../../utils/errors';
import { instanceState } from '../../../utils/instance-state';
import { formatYuan } from '../../../utils/money';
import { changes, isEmpty } from '../../../utils/set-data';
import type { VantEvent } from '../../../utils/vant';
import type { PhotoPickerChange } from '../../../components/photo-picker/index';
import { askConsents } from '../../../utils/consents';
import { recordConsents } from '../../../services/live';

type ApplyState = 'loading' | 'ready' | 'unavailable' | 'error';

interface KindChoice {
  kind: AfterSaleKind;
  text: string;
}

const local = instanceState(() => ({
  orderId: '',
  skuId: '',
  token: 0,
  options: null as AfterSaleOptions | null,
  photos: [] as string[],
  /** kept while an attempt is retried after a network failure, so the server answers it once */
  requestId: '',
}));

const amountOf = (options: AfterSaleOptions | null, quantity: number): string => formatYuan(options?.amounts[quantity - 1] ?? 0);

/** 申请售后: one line of an order; the kinds, units and reasons it allows now, a note and photos. */
Component({
  data: {
    state: 'loading' as ApplyState,
    errorMessage: '',
    unavailableText: '',
    openId: '',
    line: { title: '', image: '', specText: '' },
    kinds: [] as KindChoice[],
    kind: '' as AfterSaleKind | '',
    reasons: [] as string[],
    reasonIndex: -1,
    quantity: 1,
    maxQuantity: 1,
    amountText: '',
    note: '',
    noteMax: NOTE_MAX,
    maxPhotos: MAX_PHOTOS,
    uploading: false,
    submitting: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const state = local(this);
      state.orderId = options.orderId ?? '';
      state.skuId = options.skuId ?? '';
      void this.load();
    },

    /** The line's options; `quiet` keeps the form on screen while they load (after a refused submit). */
    async load(quiet = false): Promise<void> {
      const state = local(this);
      if (!state.orderId || !state.skuId) {
        this.setData({ state: 'unavailable', unavailableText: '找不到要申请售后的商品' });
        return;
      }
      const token = ++state.token;
      if (!quiet && this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const options = await afterSaleOptions(state.orderId, state.skuId);
        if (token !== state.token) return;
        state.options = options;
        const kinds = options.kinds.map((k) => ({ kind: k.kind, text: kindText(k.kind) }));
        const kept = kinds.find((k) => k.kind === this.data.kind)?.kind;
        const kind = kept ?? kinds[0]?.kind ?? '';
        const quantity = Math.min(Math.max(1, this.data.quantity), Math.max(1, options.maxQuantity));
        const patch = changes(this.data, {
          state: (kinds.length ? 'ready' : 'unavailable') as ApplyState,
          unavailableText: unavailableReason(options, Date.now()),
          openId: options.openId ?? '',
          line: { title: options.title, image: assetUrl(options.image), specText: specText(options.specs) },
          kinds,
          kind,
          reasons: [...(options.kinds.find((k) => k.kind === kind)?.reasons ?? [])],
          reasonIndex: kept ? this.data.reasonIndex : -1,
          quantity,
          maxQuantity: Math.max(1, options.maxQuantity),
          amountText: amountOf(options, quantity),
        });
        if (!isEmpty(patch)) this.setData(patch);
      } catch (e) {
        if (token !== state.token) return;
        if (errorCode(e) === 'AFTERSALE_NOT_ALLOWED' || errorCode(e) === 'ORDER_NOT_FOUND') {
          this.setData({ state: 'unavailable', unavailableText: '该商品不能申请售后', openId: '' });
        } else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    onRetry() {
      void this.load();
    },

    onPickKind(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { kind: AfterSaleKind }>) {
      const kind = e.currentTarget.dataset.kind;
      const allowed = local(this).options?.kinds.find((k) => k.kind === kind);
      if (!allowed || kind === this.data.kind || this.data.submitting) return;
      this.setData({ kind, reasons: [...allowed.reasons], reasonIndex: -1 });
    },

    onQuantity(e: VantEvent<number | string>) {
      const quantity = Number(e.detail);
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > this.data.maxQuantity || quantity === this.data.quantity) return;
      this.setData({ quantity, amountText: amountOf(local(this).options, quantity) });
    },

    onReason(e: WechatMiniprogram.PickerChange) {
      const reasonIndex = Number(e.detail.value);
      if (reasonIndex >= 0 && reasonIndex < this.data.reasons.length && reasonIndex !== this.data.reasonIndex) this.setData({ reasonIndex });
    },

    onNote(e: WechatMiniprogram.Input) {
      this.setData({ note: e.detail.value.slice(0, NOTE_MAX) });
    },

    onPhotos(e: WechatMiniprogram.CustomEvent<PhotoPickerChange>) {
      local(this).photos = e.detail.fileIds;
      if (e.detail.uploading !== this.data.uploading) this.setData({ uploading: e.detail.uploading });
    },

    async onSubmit(): Promise<void> {
      const state = local(this);
      const { kind, reasonIndex, reasons, quantity, note, submitting, uploading } = this.data;
      if (submitting || !kind) return;
      if (uploading) {
        wx.showToast({ title: '图片上传中，请稍候', icon: 'none' });
        return;
      }
      if (reasonIndex < 0) {
        wx.showToast({ title: '请选择申请原因', icon: 'none' });
        return;
      }
      this.setData({ submitting: true });
      // asked inside the tap: the shop's answers to the application come by 订单状态通知
      const consents = await askConsents('afterSale');
      if (Object.keys(consents).length) void recordConsents(consents).catch(() => undefined);
      if (!state.requestId) state.requestId = newRequestId();
      const text = note.trim();
      try {
        const applied = await applyAfterSale(
          {
            orderId: state.orderId,
            skuId: state.skuId,
            kind,
            quantity,
            reason: reasons[reasonIndex],
            ...(text ? { note: text } : {}),
            ...(state.photos.length ? { photos: state.photos } : {}),
          },
          state.requestId,
        );
        state.requestId = '';
        wx.redirectTo({ url: `/pages/after-sale/detail/index?id=${encodeURIComponent(applied._id)}` });
      } catch (e) {
        const code = errorCode(e);
        if (code !== 'NETWORK') state.requestId = '';
        wx.showToast({ title: errorText(e), icon: 'none' });
        if (code === 'AFTERSALE_OPEN' || code === 'AFTERSALE_NOT_ALLOWED') await this.load(true);
      } finally {
        this.setData({ submitting: false });
      }
    },

    /** The line's open application, when it has one. */
    onOpenExisting() {
      const id = this.data.openId;
      if (id) wx.redirectTo({ url: `/pages/after-sale/detail/index?id=${encodeURIComponent(id)}` });
    },
  },
});
