import type { Product } from '../../../typings/contract/index';
import { attributionBehavior } from '../../behaviors/attribution';
import type { StepperChange, StepperOverlimit } from '../../components/stepper/index';
import { assetUrl } from '../../services/call';
import { getProduct } from '../../services/catalog';
import { errorCode, errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { readPending, upsertPending, writePending, type PendingSelection } from '../../utils/pending-checkout';
import { changes, isEmpty } from '../../utils/set-data';
import {
  chosenSku,
  initialSelection,
  missingGroups,
  quantityLimit,
  selectionText,
  specView,
  toggle,
  type Selection,
  type SpecGroupView,
} from '../../utils/sku';

type PageState = 'loading' | 'ready' | 'not_found' | 'error';

interface ProductView {
  _id: string;
  title: string;
  subtitle: string;
  detail: string;
  images: string[];
  priceFen: number;
  originalPriceFen: number;
}

interface SkuView {
  _id: string;
  priceFen: number;
  stock: number;
}

const local = instanceState(() => ({ productId: '', product: null as Product | null, selection: {} as Selection, token: 0 }));

const LOW_STOCK = 10;

function stockHint(product: Product, sku: SkuView | null, missing: string[]): string {
  if (product.stock <= 0) return '已售罄';
  if (!sku) return `请选择 ${missing.join(' ')}`;
  if (sku.stock <= LOW_STOCK) return `仅剩 ${sku.stock} 件`;
  return `库存 ${sku.stock} 件`;
}

Component({
  behaviors: [attributionBehavior],
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    fromLive: false,
    product: null as ProductView | null,
    groups: [] as SpecGroupView[],
    sku: null as SkuView | null,
    priceFen: 0,
    selectedText: '',
    hint: '',
    quantity: 1,
    maxQuantity: 1,
    canBuy: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const entry = this.captureEntry(options);
      local(this).productId = entry.productId ?? '';
      if (entry.attribution.source === 'live_card') this.setData({ fromLive: true });
      void this.load();
    },

    async load(): Promise<void> {
      const state = local(this);
      if (!state.productId) {
        this.setData({ state: 'not_found' });
        return;
      }
      const token = ++state.token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      let product: Product;
      try {
        product = await getProduct(state.productId);
      } catch (e) {
        if (token !== state.token) return;
        if (errorCode(e) === 'PRODUCT_NOT_FOUND') this.setData({ state: 'not_found' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
        return;
      }
      if (token !== state.token) return;
      state.product = product;
      wx.setNavigationBarTitle({ title: product.title });
      this.setData({
        state: 'ready',
        product: {
          _id: product._id,
          title: product.title,
          subtitle: product.subtitle,
          detail: product.detail,
          images: (product.images.length ? product.images : [product.image]).map(assetUrl),
          priceFen: product.priceFen,
          originalPriceFen: product.originalPriceFen,
        },
      });
      this.applySelection(initialSelection(product.specGroups, product.skus));
    },

    /** Recomputes the picker from a selection and sends only what changed. */
    applySelection(selection: Selection) {
      const state = local(this);
      const product = state.product;
      if (!product) return;
      state.selection = selection;
      const chosen = chosenSku(product.specGroups, product.skus, selection);
      const sku: SkuView | null = chosen ? { _id: chosen._id, priceFen: chosen.priceFen, stock: chosen.stock } : null;
      const maxQuantity = Math.max(1, quantityLimit(chosen));
      const quantity = Math.min(Math.max(1, this.data.quantity), maxQuantity);
      const next = {
        groups: specView(product.specGroups, product.skus, selection),
        sku,
        priceFen: sku ? sku.priceFen : product.priceFen,
        selectedText: selectionText(product.specGroups, selection),
        hint: stockHint(product, sku, missingGroups(product.specGroups, selection)),
        quantity,
        maxQuantity,
        canBuy: !!sku && sku.stock > 0,
      };
      const patch = changes(this.data, next);
      if (!isEmpty(patch)) this.setData(patch);
    },

    onSpecTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { group: string; value: string; disabled: boolean }>) {
      const { group, value, disabled } = e.currentTarget.dataset;
      const product = local(this).product;
      if (!product || disabled) return;
      const next = toggle(product.skus, local(this).selection, group, value);
      if (next !== local(this).selection) this.applySelection(next);
    },

    onQuantityChange(e: WechatMiniprogram.CustomEvent<StepperChange>) {
      const quantity = Math.min(Math.max(1, e.detail.value), this.data.maxQuantity);
      if (quantity !== this.data.quantity) this.setData({ quantity });
    },

    onQuantityOverlimit(e: WechatMiniprogram.CustomEvent<StepperOverlimit>) {
      if (!this.data.sku) {
        wx.showToast({ title: '请先选择规格', icon: 'none' });
        return;
      }
      const title = e.detail.type === 'plus' ? `最多购买 ${this.data.maxQuantity} 件` : '至少购买 1 件';
      wx.showToast({ title, icon: 'none' });
    },

    /** The chosen SKU as a checkout line, or null when nothing buyable is chosen. */
    selectionLine(): PendingSelection | null {
      const product = local(this).product;
      const sku = this.data.sku;
      if (!product || !sku || !this.data.canBuy) return null;
      return {
        skuId: sku._id,
        productId: product._id,
        quantity: this.data.quantity,
        attribution: this.attributionForOrder(),
        title: product.title,
        image: product.image,
        specText: this.data.selectedText,
        priceFen: sku.priceFen,
      };
    },

    /** Keeps the selection for checkout and opens the cart tab. */
    buyNow(): boolean {
      const line = this.selectionLine();
      if (!line) return false;
      writePending(upsertPending(readPending(), line, 'replace'));
      wx.switchTab({ url: '/pages/cart/index' });
      return true;
    },

    addToCart(): boolean {
      const line = this.selectionLine();
      if (!line) return false;
      writePending(upsertPending(readPending(), line, 'add'));
      wx.showToast({ title: '已加入购物车', icon: 'success' });
      return true;
    },

    onBuyTap() {
      if (!this.buyNow()) this.promptSelection();
    },

    onAddTap() {
      if (!this.addToCart()) this.promptSelection();
    },

    promptSelection() {
      if (this.data.state === 'ready') wx.showToast({ title: this.data.hint || '请选择规格', icon: 'none' });
    },

    onPreview(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { src: string }>) {
      const urls = this.data.product?.images ?? [];
      if (urls.length) wx.previewImage({ urls, current: e.currentTarget.dataset.src });
    },

    onRetry() {
      void this.load();
    },

    onShareAppMessage() {
      const product = this.data.product;
      return product
        ? { title: product.title, path: `/pages/product/index?id=${encodeURIComponent(product._id)}` }
        : { title: '直播好物', path: '/pages/home/index' };
    },
  },
});
