import { assetUrl } from '../../services/call';
import { readPending, writePending, type PendingSelection } from '../../utils/pending-checkout';
import { changes, isEmpty } from '../../utils/set-data';

type CartState = 'loading' | 'ready' | 'empty' | 'error';

interface LineView {
  skuId: string;
  productId: string;
  title: string;
  image: string;
  specText: string;
  priceFen: number;
  quantity: number;
  subtotalFen: number;
  fromLive: boolean;
}

const lineView = (l: PendingSelection): LineView => ({
  skuId: l.skuId,
  productId: l.productId,
  title: l.title,
  image: assetUrl(l.image),
  specText: l.specText,
  priceFen: l.priceFen,
  quantity: l.quantity,
  subtotalFen: l.priceFen * l.quantity,
  fromLive: l.attribution.source === 'live_card',
});

/** The selections kept on this device by "buy now" and "add to cart". */
Component({
  data: {
    state: 'loading' as CartState,
    lines: [] as LineView[],
    count: 0,
    totalFen: 0,
  },
  methods: {
    onShow() {
      this.refresh();
    },

    refresh() {
      let pending: PendingSelection[];
      try {
        pending = readPending();
      } catch {
        this.setData({ state: 'error' });
        return;
      }
      const lines = pending.map(lineView);
      const next = {
        state: (lines.length ? 'ready' : 'empty') as CartState,
        lines,
        count: lines.reduce((n, l) => n + l.quantity, 0),
        totalFen: lines.reduce((n, l) => n + l.subtotalFen, 0),
      };
      const patch = changes(this.data, next);
      if (!isEmpty(patch)) this.setData(patch);
    },

    onRemove(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { sku: string }>) {
      const skuId = e.currentTarget.dataset.sku;
      const pending = readPending();
      const rest = pending.filter((l) => l.skuId !== skuId);
      if (rest.length === pending.length) return;
      writePending(rest);
      this.refresh();
    },

    onOpenProduct(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      wx.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(e.currentTarget.dataset.id)}` });
    },

    onGoShopping() {
      wx.switchTab({ url: '/pages/home/index' });
    },

    onRetry() {
      this.refresh();
    },
  },
});
