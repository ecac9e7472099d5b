import type { Cart } from '../../../typings/contract/index';
import { assetUrl } from '../../services/call';
import { getCart, removeCartItem, updateCartItem } from '../../services/cart';
import { checkoutUrl } from '../../utils/checkout-link';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { changes, isEmpty, listChanges } from '../../utils/set-data';
import type { VantEvent } from '../../utils/vant';
import { checkoutSelection, lineView, nextSelection, totals, type LineView } from './utils';

type CartState = 'loading' | 'ready' | 'empty' | 'error';

type LineEvent<D = unknown> = VantEvent<D, { sku: string }>;

/**
 * The server cart (购物车): every answer is the whole cart priced now. The selection is kept on
 * the page: lines start selected the first time they are seen, and only buyable lines count.
 */
const local = instanceState(() => ({
  cart: null as Cart | null,
  selected: new Set<string>(),
  known: new Set<string>(),
  /** the newest cart request; older answers are dropped */
  token: 0,
  /** lines with a write on the way: further taps on them wait for the answer */
  busy: new Set<string>(),
}));

Component({
  data: {
    state: 'loading' as CartState,
    errorMessage: '',
    lines: [] as LineView[],
    selectedCount: 0,
    selectedQuantity: 0,
    totalFen: 0,
    allSelected: false,
  },
  methods: {
    onShow() {
      void this.load();
    },

    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    async load(): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      const shown = this.data.state === 'ready';
      if (!shown && this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const cart = await getCart();
        if (token === state.token) this.render(cart);
      } catch (e) {
        if (token !== state.token) return;
        // a failed refresh keeps the cart on screen
        if (shown) wx.showToast({ title: errorText(e), icon: 'none' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    /** Shows a cart answer, sending only the lines and totals that changed. */
    render(cart: Cart) {
      const state = local(this);
      state.cart = cart;
      const next = nextSelection(cart, state.selected, state.known);
      state.selected = next.selected;
      state.known = next.known;
      this.show();
    },

    show() {
      const state = local(this);
      const cart = state.cart;
      if (!cart) return;
      const lines = cart.lines.map((l) => lineView(l, state.selected.has(l.skuId), assetUrl(l.image)));
      const patch = {
        ...changes(this.data, { state: (lines.length ? 'ready' : 'empty') as CartState, errorMessage: '', ...totals(lines) }),
        ...listChanges('lines', this.data.lines, lines),
      };
      if (!isEmpty(patch)) this.setData(patch);
    },

    /** Runs a cart write for one line; the answer is the new cart. Taps on a busy line are ignored. */
    async write(skuId: string, run: () => Promise<Cart>): Promise<boolean> {
      const state = local(this);
      if (state.busy.has(skuId)) return false;
      state.busy.add(skuId);
      const token = ++state.token;
      try {
        const cart = await run();
        if (token === state.token) this.render(cart);
        return true;
      } catch (e) {
        wx.showToast({ title: errorText(e), icon: 'none' });
        // the refusal may mean the cart changed elsewhere (stock, price): show it as it is now
        void this.load();
        return false;
      } finally {
        state.busy.delete(skuId);
      }
    },

    onQuantityChange(e: LineEvent<number>) {
      const skuId = e.currentTarget.dataset.sku;
      const quantity = Number(e.detail);
      const line = this.data.lines.find((l) => l.skuId === skuId);
      if (!line || !Number.isInteger(quantity) || quantity < 1 || quantity === line.quantity) return;
      void this.write(skuId, () => updateCartItem(skuId, quantity));
    },

    onQuantityOverlimit(e: LineEvent<'plus' | 'minus'>) {
      const line = this.data.lines.find((l) => l.skuId === e.currentTarget.dataset.sku);
      if (!line) return;
      const title = e.detail === 'plus' ? (line.problemText || `最多购买 ${line.max} 件`) : '至少购买 1 件，不想要了可以删除';
      wx.showToast({ title, icon: 'none' });
    },

    onRemove(e: LineEvent) {
      const skuId = e.currentTarget.dataset.sku;
      void this.write(skuId, () => removeCartItem(skuId));
    },

    onSelect(e: LineEvent<boolean>) {
      const skuId = e.currentTarget.dataset.sku;
      const selected = local(this).selected;
      if (e.detail) selected.add(skuId);
      else selected.delete(skuId);
      this.show();
    },

    onSelectAll(e: VantEvent<boolean>) {
      const state = local(this);
      state.selected = new Set(e.detail ? this.data.lines.filter((l) => l.buyable).map((l) => l.skuId) : []);
      this.show();
    },

    onCheckout() {
      const cart = local(this).cart;
      if (!cart) return;
      const { items, attribution } = checkoutSelection(cart, this.data.lines);
      if (!items.length) {
        wx.showToast({ title: '请选择要结算的商品', icon: 'none' });
        return;
      }
      wx.navigateTo({ url: checkoutUrl(items, { fromCart: true, attribution }) });
    },

    onOpenProduct(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(id)}` });
    },

    onGoShopping() {
      wx.switchTab({ url: '/pages/home/index' });
    },

    onRetry() {
      void this.load();
    },
  },
});
