import type { StaffProduct, StaffSku } from '../../../../typings/contract/index';
import { formatYuan } from '../../../utils/money';

/** Product and SKU rows as the catalogue screen shows them. Pure. */
export interface SkuRow {
  _id: string;
  specText: string;
  priceFen: number;
  priceText: string;
  stock: number;
  status: StaffSku['status'];
  statusText: string;
  /** 每人限购, null without one */
  perUserLimit: number | null;
  limitText: string;
}

export interface ProductRow {
  _id: string;
  title: string;
  status: StaffProduct['status'];
  statusText: string;
  salesText: string;
  /** its own 售后时限, or null: the shop's */
  afterSaleDays: number | null;
  afterSaleText: string;
  skus: SkuRow[];
}

const STATUS_TEXT: Record<StaffProduct['status'], string> = { draft: '草稿', on_sale: '在售', off_shelf: '已下架' };

export const skuRow = (s: StaffSku): SkuRow => ({
  _id: s._id,
  specText: Object.values(s.specs).join(' / ') || '默认',
  priceFen: s.priceFen,
  priceText: formatYuan(s.priceFen),
  stock: s.stock,
  status: s.status,
  statusText: STATUS_TEXT[s.status],
  perUserLimit: s.perUserLimit,
  limitText: s.perUserLimit ? `限购 ${s.perUserLimit}` : '不限购',
});

/** A product's own after-sale window, as the row says it. */
export const afterSaleText = (days: number | null): string =>
  days === null ? '售后：按店铺设置' : days === 0 ? '售后：签收后不支持退换' : `售后：签收后 ${days} 天内可退换`;

export const productRow = (p: StaffProduct): ProductRow => ({
  _id: p._id,
  title: p.title,
  status: p.status,
  statusText: STATUS_TEXT[p.status],
  salesText: `已售 ${p.sales}`,
  afterSaleDays: p.afterSaleDays,
  afterSaleText: afterSaleText(p.afterSaleDays),
  skus: p.skus.map(skuRow),
});
