/** `select` detail: the product the shopper tapped. */
export interface ProductCardSelect {
  productId: string;
}

/** What the card shows; the page resolves the image URL. */
export interface ProductCardItem {
  _id: string;
  title: string;
  subtitle: string;
  image: string;
  priceFen: number;
  originalPriceFen: number;
  sales: number;
  stock: number;
}

Component({
  properties: {
    product: { type: Object, value: null as ProductCardItem | null },
  },
  methods: {
    onTap() {
      const product = this.data.product as ProductCardItem | null;
      if (!product) return;
      const detail: ProductCardSelect = { productId: product._id };
      this.triggerEvent('select', detail);
    },
  },
});
