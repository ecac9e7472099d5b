import type { ProductPickerChange } from '../../components/product-picker/index';
import type { CouponPickerChange } from '../../components/coupon-picker/index';
import type { LiveListItem } from '../../../../typings/contract/index';
import { listLives } from '../../../services/live';
import { createRaffle, drawRaffle, listRaffles, rafflePrizes } from '../../../services/marketing-admin';
import { confirmDialog } from '../../../utils/dialog';
import { instanceState } from '../../../utils/instance-state';
import { staffPageBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { showFailure, staffAccess } from '../../utils/staff';
import { emptyRaffleForm, prizeRow, raffleInput, raffleRow, type DrawKind, type PrizeKindChoice, type PrizeRow, type RaffleForm, type RaffleRow } from './utils';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

const VERIFY_PAGE = '/pages/raffle/verify/index';

const local = instanceState(() => ({ lives: [] as LiveListItem[] }));

/**
 * Raffles (admin subpackage): every raffle with its draws; run the next draw now (pressing again
 * answers the same result), see who won and how each prize was delivered, open the public
 * verification of a draw; and create a raffle with one prize for a live.
 */
Component({
  behaviors: [staffPageBehavior],
  data: {
    canWrite: false,
    raffles: [] as RaffleRow[],
    prizes: {} as Record<string, PrizeRow[]>,
    lives: [] as Array<{ _id: string; title: string }>,
    form: emptyRaffleForm(),
    intervals: [15, 30, 60, 120, 240],
    formError: '',
    busy: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), listRaffles(), listLives()]),
        ([access, raffles, lives]) => {
          local(this).lives = lives;
          const open = lives.filter((l) => l.state !== 'ended').map((l) => ({ _id: l._id, title: l.title }));
          return {
            canWrite: access.can['raffle.write'],
            raffles: raffles.map(raffleRow),
            lives: open,
            'form.liveId': this.data.form.liveId || open[0]?._id || '',
          };
        },
      );
    },

    async onDraw(e: Tap<{ index: number }>): Promise<void> {
      const index = Number(e.currentTarget.dataset.index);
      const raffle = this.data.raffles[index];
      if (!raffle?.drawable || !this.data.canWrite || this.data.busy) return;
      if (!(await confirmDialog({ title: '立即开奖', content: `「${raffle.title}」的下一轮现在开奖，报名随之截止。`, confirmText: '开奖' }))) return;
      this.setData({ busy: true });
      try {
        const slot = await drawRaffle(raffle.raffleId);
        wx.showToast({ title: `第 ${slot.slot} 轮已开奖，${slot.winners.length} 人中奖`, icon: 'none' });
        const fresh = (await listRaffles()).find((r) => r.raffleId === raffle.raffleId);
        this.setData({ busy: false, ...(fresh ? { [`raffles[${index}]`]: raffleRow(fresh) } : {}) });
        await this.showPrizes(raffle.raffleId);
      } catch (err) {
        this.setData({ busy: false });
        showFailure(err);
      }
    },

    onPrizes(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (this.data.prizes[id]) this.setData({ [`prizes.${id}`]: null });
      else void this.showPrizes(id);
    },

    async showPrizes(raffleId: string): Promise<void> {
      try {
        const rows = (await rafflePrizes(raffleId)).map(prizeRow);
        this.setData({ [`prizes.${raffleId}`]: rows });
      } catch (err) {
        showFailure(err);
      }
    },

    onVerify(e: Tap<{ id: string; slot: number }>) {
      wx.navigateTo({ url: `${VERIFY_PAGE}?id=${encodeURIComponent(e.currentTarget.dataset.id)}&slot=${e.currentTarget.dataset.slot}` });
    },

    onInput(e: WechatMiniprogram.Input & Tap<{ field: keyof RaffleForm }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: inputValue(e), formError: '' });
    },

    /** the coupon picked in the picker (tapped again: none) */
    onCoupon(e: WechatMiniprogram.CustomEvent<CouponPickerChange>) {
      this.setData({ 'form.templateId': e.detail.templateId, formError: '' });
    },

    onGoods(e: WechatMiniprogram.CustomEvent<ProductPickerChange>) {
      const [product] = e.detail.products;
      const skus = product?.skus ?? [];
      this.setData({
        'form.goods': e.detail.products,
        // one SKU needs no choosing
        'form.skuId': skus.length === 1 ? skus[0]!.skuId : '',
        ...(product && !this.data.form.prizeTitle.trim() ? { 'form.prizeTitle': product.title } : {}),
        formError: '',
      });
    },

    onSku(e: Tap<{ id: string }>) {
      this.setData({ 'form.skuId': e.currentTarget.dataset.id, formError: '' });
    },

    onPick(e: Tap<{ field: 'liveId' | 'kind' | 'drawType' | 'everyMinutes' | 'prizeKind'; value: string | number }>) {
      const { field, value } = e.currentTarget.dataset;
      this.setData({ [`form.${field}`]: field === 'everyMinutes' ? Number(value) : (value as string | DrawKind | PrizeKindChoice), formError: '' });
    },

    async onCreate(): Promise<void> {
      if (!this.data.canWrite || this.data.busy) return;
      const checked = raffleInput(this.data.form, local(this).lives);
      if (!checked.ok) {
        this.setData({ formError: checked.message });
        return;
      }
      this.setData({ busy: true, formError: '' });
      try {
        const r = await createRaffle(checked.input);
        this.setData({ busy: false, form: emptyRaffleForm(checked.input.liveId) });
        wx.showToast({ title: `已创建，共 ${r.slots.length} 轮`, icon: 'none' });
        void this.load();
      } catch (err) {
        this.setData({ busy: false });
        showFailure(err);
      }
    },
  },
});
