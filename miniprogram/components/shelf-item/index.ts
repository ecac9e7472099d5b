import type { ShelfRow } from './utils';

/** `select` detail: the row the shopper tapped, and whether its product can still be opened. */
export interface ShelfSelect {
  productId: string;
  onSale: boolean;
}

/** One product on the shopper's 收藏 or 足迹: image, title, price, 已下架 / 已售罄; an action in the slot. */
Component({
  properties: {
    item: { type: Object, value: null as ShelfRow | null },
  },
  methods: {
    onTap() {
      const item = this.data.item as ShelfRow | null;
      if (!item) return;
      const detail: ShelfSelect = { productId: item.productId, onSale: item.onSale };
      this.triggerEvent('select', detail);
    },
  },
});
