import type { ReturnAddress, StaffAfterSale } from '../../../../typings/contract/index';
import { approveAfterSale, askAfterSaleInfo, receiveReturn, rejectAfterSale, retryAfterSaleRefund, staffGetAfterSale } from '../../../services/aftersale-admin';
import { assetUrl } from '../../../services/call';
import { confirmDialog } from '../../../utils/dialog';
import { errorCode } from '../../../utils/errors';
import { instanceState } from '../../../utils/instance-state';
import { staffPageBehavior } from '../../behaviors/staff-page';
import { detailView, reshipFormError, returnAddressError, staffNoteError, trimAddress, type AfterSaleDetailView } from '../../utils/aftersale';
import { inputValue } from '../../utils/form';
import { COURIERS } from '../../utils/generated/couriers';
import { showFailure, staffAccess } from '../../utils/staff';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

/** The form under the application while staff approve a return (the address), reject or ask (a note), or receive an exchange (the waybill). */
interface Sheet {
  type: 'approve' | 'reject' | 'ask' | 'receive';
  name: string;
  phone: string;
  address: string;
  note: string;
  company: string;
  number: string;
  error: string;
}

type SheetField = 'name' | 'phone' | 'address' | 'note' | 'company' | 'number';

const blankSheet = (type: Sheet['type'], address: ReturnAddress | null = null): Sheet => ({
  type,
  name: address?.name ?? '',
  phone: address?.phone ?? '',
  address: address?.address ?? '',
  note: '',
  company: '',
  number: '',
  error: '',
});

/** What the page keeps off data: the application asked for, what the role may do, the address to start an approval with, the newest refresh. */
const local = instanceState(() => ({
  id: '',
  can: { refund: false, fulfil: false },
  defaultReturnAddress: null as ReturnAddress | null,
  refresh: 0,
}));

/** AFTERSALE_NOT_FOUND is an answer here (the not-found state), not a failure. */
const afterSaleOrNull = (id: string): Promise<StaffAfterSale | null> =>
  staffGetAfterSale(id).catch((e: unknown) => (errorCode(e) === 'AFTERSALE_NOT_FOUND' ? null : Promise.reject(e)));

/**
 * 售后详情 (admin subpackage): the application in full (buyer, order, line, reason, photos, return
 * address, waybills, refund, history) and the moves its state allows to the caller's role: 同意 and
 * 确认收货 and 重新退款 for `orders.refund`, 拒绝 and 要求补充 for `orders.fulfil`. Each move reads the
 * application again after it.
 */
Component({
  behaviors: [staffPageBehavior],
  data: {
    afterSale: null as AfterSaleDetailView | null,
    sheet: null as Sheet | null,
    couriers: COURIERS,
    busy: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      local(this).id = options.id ?? '';
      void this.load();
    },

    view(a: StaffAfterSale): AfterSaleDetailView {
      const state = local(this);
      state.defaultReturnAddress = a.defaultReturnAddress;
      const v = detailView(a, state.can);
      return { ...v, line: { ...v.line, image: assetUrl(v.line.image) }, photos: v.photos.map(assetUrl) };
    },

    load(): Promise<void> {
      const { id } = local(this);
      if (!id) {
        this.setData({ state: 'not_found' });
        return Promise.resolve();
      }
      return this.loadScreen(
        () => Promise.all([staffAccess(), afterSaleOrNull(id)]),
        ([access, a]) => {
          local(this).can = { refund: access.can['orders.refund'], fulfil: access.can['orders.fulfil'] };
          return a ? { afterSale: this.view(a), sheet: null } : { state: 'not_found' };
        },
      );
    },

    /** The application again after a move, keeping the screen; a newer read drops an older one. */
    async refresh(): Promise<void> {
      const state = local(this);
      const token = ++state.refresh;
      try {
        const a = await staffGetAfterSale(state.id);
        if (token === state.refresh) this.setData({ afterSale: this.view(a) });
      } catch (e) {
        if (token === state.refresh) showFailure(e);
      }
    },

    /** Sends a move once (busy until it answers), says what it did, and reads the application again. */
    async act(send: () => Promise<StaffAfterSale>, toast: string): Promise<void> {
      this.setData({ busy: true });
      try {
        await send();
        this.setData({ busy: false, sheet: null });
        wx.showToast({ title: toast, icon: 'success' });
        await this.refresh();
      } catch (err) {
        this.setData({ busy: false });
        showFailure(err);
        // someone else moved it meanwhile: show where it is now
        if (errorCode(err) === 'AFTERSALE_STATE_INVALID') {
          this.setData({ sheet: null });
          await this.refresh();
        }
      }
    },

    /** A confirmation first; taps meanwhile are ignored. */
    async confirmThenAct(dialog: { title: string; content: string; confirmText: string }, send: () => Promise<StaffAfterSale>, toast: string): Promise<void> {
      this.setData({ busy: true });
      const ok = await confirmDialog(dialog);
      if (!ok) return this.setData({ busy: false });
      await this.act(send, toast);
    },

    onOpenOrder() {
      const a = this.data.afterSale;
      if (a) wx.navigateTo({ url: `/admin/pages/order-detail/index?id=${a.orderId}` });
    },

    onPreview(e: Tap<{ index: number }>) {
      const photos = this.data.afterSale?.photos ?? [];
      const current = photos[Number(e.currentTarget.dataset.index)];
      if (current) wx.previewImage({ current, urls: photos });
    },

    onCopy(e: Tap<{ text: string }>) {
      const text = e.currentTarget.dataset.text;
      if (text) wx.setClipboardData({ data: text });
    },

    /** 同意: a refund after a confirmation; a return or exchange through the address sheet. */
    async onApprove(): Promise<void> {
      const a = this.data.afterSale;
      if (!a?.actions.approve || this.data.busy) return;
      if (a.kind !== 'refund') return this.setData({ sheet: blankSheet('approve', local(this).defaultReturnAddress) });
      const id = a._id;
      await this.confirmThenAct(
        { title: '同意退款', content: `${a.line.title} ${a.line.quantityText}\n退款 ${a.amountText}，原路退回，无法撤销。`, confirmText: '同意退款' },
        () => approveAfterSale(id),
        '已同意，退款处理中',
      );
    },

    onReject() {
      if (this.data.afterSale?.actions.reject && !this.data.busy) this.setData({ sheet: blankSheet('reject') });
    },

    onAsk() {
      if (this.data.afterSale?.actions.ask && !this.data.busy) this.setData({ sheet: blankSheet('ask') });
    },

    /** 确认收货: a return is refunded after a confirmation; an exchange needs the replacement's waybill. */
    async onReceive(): Promise<void> {
      const a = this.data.afterSale;
      if (!a?.actions.receive || this.data.busy) return;
      if (a.kind === 'exchange') return this.setData({ sheet: blankSheet('receive') });
      const id = a._id;
      await this.confirmThenAct(
        { title: '确认收到退货', content: `确认已收到买家退回的商品？\n将退款 ${a.amountText}，原路退回，无法撤销。`, confirmText: '确认收货' },
        () => receiveReturn(id),
        '已确认收货，退款处理中',
      );
    },

    async onRetryRefund(): Promise<void> {
      const a = this.data.afterSale;
      if (!a?.actions.retry || this.data.busy) return;
      const id = a._id;
      await this.confirmThenAct(
        { title: '重新退款', content: `重新向微信支付发起退款 ${a.amountText}，原路退回。`, confirmText: '重新退款' },
        () => retryAfterSaleRefund(id),
        '已重新发起退款',
      );
    },

    onSheetInput(e: WechatMiniprogram.Input & Tap<{ field: SheetField }>) {
      if (this.data.sheet) this.setData({ [`sheet.${e.currentTarget.dataset.field}`]: inputValue(e), 'sheet.error': '' });
    },

    onPickCourier(e: Tap<{ name: string }>) {
      if (this.data.sheet) this.setData({ 'sheet.company': e.currentTarget.dataset.name, 'sheet.error': '' });
    },

    onCancelSheet() {
      if (!this.data.busy) this.setData({ sheet: null });
    },

    async onConfirmSheet(): Promise<void> {
      const s = this.data.sheet;
      const a = this.data.afterSale;
      if (!s || !a || this.data.busy) return;
      const id = a._id;
      if (s.type === 'approve') {
        const address = trimAddress({ name: s.name, phone: s.phone, address: s.address });
        const error = returnAddressError(address);
        if (error) return this.setData({ 'sheet.error': error });
        return this.act(() => approveAfterSale(id, address), '已同意，等待买家寄回');
      }
      if (s.type === 'receive') {
        const error = reshipFormError(s.company, s.number);
        if (error) return this.setData({ 'sheet.error': error });
        return this.act(() => receiveReturn(id, { company: s.company.trim(), number: s.number.trim() }), '已确认收货，换货已寄出');
      }
      const ask = s.type === 'ask';
      const error = staffNoteError(s.note, ask);
      if (error) return this.setData({ 'sheet.error': error });
      const note = s.note.trim();
      return this.act(() => (ask ? askAfterSaleInfo(id, note) : rejectAfterSale(id, note)), ask ? '已请买家补充' : '已拒绝');
    },

    onBack() {
      wx.navigateBack({ delta: 1 });
    },
  },
});
