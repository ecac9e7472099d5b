import { z } from 'zod';
import type { SpecGroup } from './catalog';
import { def, fen, id, text } from './common';
import { AFTER_SALE_DAYS_MAX, MAX_PRODUCT_IMAGES, MAX_SKUS, MAX_SPEC_GROUPS, MAX_SPEC_VALUES } from './limits';

/**
 * Setting up the shop (admin, `catalog.write`): two-level categories, products with images, spec
 * groups and SKUs (drafts until put on sale), and the home banners. Images are uploaded by the mini
 * program first (purpose `product`) and named here by file id; the server checks each one.
 */
export interface StaffCategory {
  _id: string;
  name: string;
  icon: string;
  sort: number;
  parentId: string | null;
}

export interface StaffBanner {
  _id: string;
  image: string;
  title: string;
  path: string;
  sort: number;
  /** the product a `/pages/product/index?id=` banner opens (its title), else null */
  productTitle: string | null;
}

/** A product as its editor opens it: everything the form shows, SKUs included. */
export interface ProductDraft {
  _id: string;
  title: string;
  subtitle: string;
  categoryId: string;
  /** shown first is the cover */
  images: string[];
  detail: string;
  specGroups: SpecGroup[];
  originalPriceFen: number;
  status: ProductStatus;
  afterSaleDays: number | null;
  skus: Array<{ _id: string; specs: Record<string, string>; priceFen: number; memberPriceFen: number | null; stock: number; perUserLimit: number | null; status: 'on_sale' | 'off_shelf' }>;
}

/** 草稿 (not shown to shoppers, may be incomplete in price), 在售, 已下架 */
export const PRODUCT_STATUSES = ['draft', 'on_sale', 'off_shelf'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** an uploaded file (`cloud://` or `local://`), or an image the product already shows */
const image = () => z.string().min(1).max(300).regex(/^(cloud:\/\/|local:\/\/|https?:\/\/|\/assets\/|\/files\/)[A-Za-z0-9_./:%?=&-]+$/, 'must be an uploaded image');
const name = (max: number) => text(max, 1).refine((s) => s.trim() === s && !/[\u0000-\u001f]/.test(s), 'no leading or trailing spaces');

const SkuInput = z
  .object({
    /** the spec group name → one of its values; {} when the product has no spec groups */
    specs: z.record(name(20), name(20)),
    priceFen: fen().refine((n) => n > 0, 'price must be above zero'),
    /** 会员价, below the price */
    memberPriceFen: fen().optional(),
    stock: z.number().int().min(0).max(1_000_000),
    perUserLimit: z.number().int().min(1).max(999).optional(),
    status: z.enum(['on_sale', 'off_shelf']).optional(),
  })
  .strict();

const ProductFields = {
  title: name(60),
  subtitle: text(60).optional(),
  categoryId: id(),
  images: z.array(image()).min(1).max(MAX_PRODUCT_IMAGES),
  detail: text(2000).optional(),
  originalPriceFen: fen().optional(),
  afterSaleDays: z.number().int().min(0).max(AFTER_SALE_DAYS_MAX).nullable().optional(),
};

export const catalogAdmin = {
  /** every category, top-level ones first, each level by `sort` */
  listStaffCategories: def<{ items: StaffCategory[] }>()(z.object({}).strict()),
  /** creates (no `categoryId`) or changes a category; a sub-category names its top-level `parentId` */
  saveCategory: def<StaffCategory>()(
    z
      .object({
        categoryId: id().optional(),
        name: name(12),
        parentId: id().nullable().optional(),
        sort: z.number().int().min(0).max(9999).optional(),
        icon: image().optional(),
      })
      .strict(),
  ),
  /** only an empty category (no products, no sub-categories) */
  deleteCategory: def<{ removed: boolean }>()(z.object({ categoryId: id() }).strict()),
  /**
   * A new product with its SKUs, in one write. With spec groups, one SKU for every combination of
   * their values; without, exactly one SKU with no specs. `draft` keeps it from shoppers.
   */
  createProduct: def<ProductDraft>()(
    z
      .object({
        ...ProductFields,
        specGroups: z
          .array(z.object({ name: name(20), values: z.array(name(20)).min(1).max(MAX_SPEC_VALUES) }).strict())
          .max(MAX_SPEC_GROUPS),
        skus: z.array(SkuInput).min(1).max(MAX_SKUS),
        status: z.enum(PRODUCT_STATUSES),
      })
      .strict(),
  ),
  /** a product as its editor opens it */
  getProductDraft: def<ProductDraft>()(z.object({ productId: id() }).strict()),
  /** a product's text, category and images; prices, stock and shelf state have their own actions */
  editProduct: def<ProductDraft>()(
    z
      .object({
        productId: id(),
        title: ProductFields.title.optional(),
        subtitle: ProductFields.subtitle,
        categoryId: id().optional(),
        images: ProductFields.images.optional(),
        detail: ProductFields.detail,
      })
      .strict(),
  ),
  /**
   * New values for a product's spec groups (a new shade, a new size) with the SKUs of every
   * combination they make, in one write; the groups themselves are fixed at creation
   */
  addSpecValues: def<ProductDraft>()(
    z
      .object({
        productId: id(),
        values: z.array(z.object({ group: name(20), value: name(20) }).strict()).min(1).max(MAX_SPEC_VALUES),
        skus: z.array(SkuInput).min(1).max(MAX_SKUS),
      })
      .strict(),
  ),
  listBanners: def<{ items: StaffBanner[] }>()(z.object({}).strict()),
  /** creates (no `bannerId`) or changes a home banner; `path` is a page of the mini program (a product page names a product that exists) */
  saveBanner: def<StaffBanner>()(
    z
      .object({
        bannerId: id().optional(),
        image: image(),
        title: name(30),
        path: z.string().min(2).max(200).regex(/^\/pages\/[a-z0-9/_-]+(\?[A-Za-z0-9=&_%.-]*)?$/, 'must be a page of the mini program'),
        sort: z.number().int().min(0).max(9999).optional(),
      })
      .strict(),
  ),
  deleteBanner: def<{ removed: boolean }>()(z.object({ bannerId: id() }).strict()),
};
