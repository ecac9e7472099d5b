import { listStaffProducts } from '../../../services/admin';
import { specText } from '../../utils/orders';
import { showFailure } from '../../utils/staff';

/** A product picked, by id with its title to show, and its SKUs (for a form that picks one). */
export interface PickedProduct {
  productId: string;
  title: string;
  skus?: Array<{ skuId: string; text: string; stock: number }>;
}

/** `change` detail: the products picked now, in the order picked. */
export interface ProductPickerChange {
  products: PickedProduct[];
}

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

/**
 * Products picked by name from the shop's catalogue, in place of typed product ids: a search box,
 * what it found (those picked already left out) and the picked ones as chips to take off again.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    value: { type: Array, value: [] as PickedProduct[] },
    /** at most this many */
    max: { type: Number, value: 20 },
    placeholder: { type: String, value: '商品名称' },
  },
  data: {
    keyword: '',
    searching: false,
    found: [] as PickedProduct[],
    searched: false,
  },
  methods: {
    onKeyword(e: WechatMiniprogram.Input) {
      this.setData({ keyword: String(e.detail.value ?? '') });
    },

    async onSearch(): Promise<void> {
      if (this.data.searching) return;
      const keyword = this.data.keyword.trim();
      this.setData({ searching: true });
      try {
        const page = await listStaffProducts(keyword ? { keyword } : {});
        const picked = new Set((this.data.value as PickedProduct[]).map((p) => p.productId));
        this.setData({ searching: false, searched: true, found: page.items.filter((p) => !picked.has(p._id)).map((p) => ({ productId: p._id, title: p.title, skus: p.skus.map((k) => ({ skuId: k._id, text: specText(k.specs) || '默认', stock: k.stock })) })) });
      } catch (e) {
        this.setData({ searching: false });
        showFailure(e);
      }
    },

    onPick(e: Tap<{ id: string }>) {
      const value = this.data.value as PickedProduct[];
      const product = this.data.found.find((p) => p.productId === e.currentTarget.dataset.id);
      if (!product) return;
      if (value.length >= this.data.max) {
        wx.showToast({ title: `最多选 ${this.data.max} 个商品`, icon: 'none' });
        return;
      }
      this.setData({ found: this.data.found.filter((p) => p.productId !== product.productId) });
      const detail: ProductPickerChange = { products: [...value, product] };
      this.triggerEvent('change', detail);
    },

    onRemove(e: Tap<{ id: string }>) {
      const detail: ProductPickerChange = { products: (this.data.value as PickedProduct[]).filter((p) => p.productId !== e.currentTarget.dataset.id) };
      this.triggerEvent('change', detail);
    },
  },
});
