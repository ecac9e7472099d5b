import type { BroadcastKind } from '../../../../../../typings/contract/index';
import { pushBroadcast, type BroadcastInput } from '../../../../../services/live-admin';
import { copyText } from '../../../../../utils/clipboard';
import { errorText } from '../../../../../utils/errors';
import { clockTime } from '../../../../../utils/time';
import type { ConsoleCard, ConsoleCoupon, Tap } from '../../types';

const KINDS: Array<{ kind: BroadcastKind; label: string }> = [
  { kind: 'stock_warning', label: '库存告急' },
  { kind: 'rerun', label: '返场预告' },
  { kind: 'coupon_drop', label: '发券' },
  { kind: 'notice', label: '公告' },
];
const NEEDS_CARD: ReadonlySet<BroadcastKind> = new Set(['stock_warning', 'rerun']);
const DURATIONS = [60, 120, 300, 600];

/**
 * Pushes a broadcast to every open companion room of the live: a kind, the card it is about
 * (required for 库存告急 and 返场预告), the coupon of a 发券, how long rooms show it and optional
 * text; then shows the copy for the WeCom fan group.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    liveId: { type: String, value: '' },
    cards: { type: Array, value: [] as ConsoleCard[] },
    coupons: { type: Array, value: [] as ConsoleCoupon[] },
  },
  data: {
    kinds: KINDS,
    durations: DURATIONS.map((sec) => ({ sec, label: `${sec / 60} 分钟` })),
    kind: 'notice' as BroadcastKind,
    cardId: '',
    couponTemplateId: '',
    text: '',
    durationSec: 120,
    pushing: false,
    groupCopy: '',
    expiresText: '',
  },
  methods: {
    onInput(e: WechatMiniprogram.Input) {
      this.setData({ text: e.detail.value });
    },

    onPickKind(e: Tap<{ kind: BroadcastKind }>) {
      const kind = e.currentTarget.dataset.kind;
      if (kind !== this.data.kind) this.setData({ kind });
    },

    onPickCard(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      this.setData({ cardId: id === this.data.cardId ? '' : id });
    },

    onPickCoupon(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      this.setData({ couponTemplateId: id === this.data.couponTemplateId ? '' : id });
    },

    onPickDuration(e: Tap<{ sec: number }>) {
      const sec = Number(e.currentTarget.dataset.sec);
      if (sec !== this.data.durationSec) this.setData({ durationSec: sec });
    },

    async onPush(): Promise<void> {
      const { liveId, kind, cardId, couponTemplateId, text, durationSec, pushing } = this.data;
      if (pushing || !liveId) return;
      if (NEEDS_CARD.has(kind) && !cardId) {
        wx.showToast({ title: '请先选择商品', icon: 'none' });
        return;
      }
      const input: BroadcastInput = { liveId, kind, durationSec };
      if (cardId) input.cardId = cardId;
      if (kind === 'coupon_drop' && couponTemplateId) input.couponTemplateId = couponTemplateId;
      if (text.trim()) input.text = text.trim();
      this.setData({ pushing: true });
      try {
        const result = await pushBroadcast(input);
        this.setData({ pushing: false, groupCopy: result.groupCopy, expiresText: `${clockTime(result.expiresAt)} 前在直播间显示`, text: '' });
        wx.showToast({ title: '已推送到直播间', icon: 'success' });
      } catch (e) {
        this.setData({ pushing: false });
        wx.showToast({ title: errorText(e), icon: 'none' });
      }
    },

    onCopyGroupCopy() {
      if (this.data.groupCopy) void copyText(this.data.groupCopy);
    },
  },
});
