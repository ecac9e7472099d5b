import type { InputFor, ProductDraft, StaffBanner, StaffCategory } from '../../../../typings/contract';
import { MAX_BANNERS } from '../../../../typings/contract/limits';
import { bind, type Ctx } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import { releaseSlots, takeSlot, type SlotSpec } from '../../kernel/slots';
import type { Db } from '../../ports';
import type { BannerDoc, CategoryDoc, ProductDoc, SkuDoc } from '../../schema';
import { lowestPrice, searchText, specGroups } from './rules';
import { categoryTree, onSaleProblem, placementProblem, skusProblem, topOf } from './setup-rules';

/** The shop's banner slots: the counter starts from the banners there are. */
const BANNER_SLOTS: SlotSpec = { id: 'banners', max: MAX_BANNERS, counts: { collection: 'banners', query: {} } };

/** The icon a category shows until staff give it one. */
export const DEFAULT_CATEGORY_ICON = '/assets/icons/category.svg';

const categoryView = (c: CategoryDoc): StaffCategory => ({ _id: c._id, name: c.name, icon: c.icon, sort: c.sort, parentId: c.parentId ?? null });
const bannerView = ({ _id, image, title, path, sort }: BannerDoc, titles: Map<string, string>): StaffBanner => {
  const productId = bannerProductId(path);
  return { _id, image, title, path, sort, productTitle: productId ? (titles.get(productId) ?? null) : null };
};

/** The product a banner's path opens, or null. */
export const bannerProductId = (path: string): string | null => /^\/pages\/product\/index\?id=([A-Za-z0-9_-]+)$/.exec(path)?.[1] ?? null;

/** The titles of the products banners open, in one read. */
async function bannerTitles(db: Db, banners: BannerDoc[]): Promise<Map<string, string>> {
  const ids = [...new Set(banners.map((b) => bannerProductId(b.path)).filter((x): x is string => !!x))];
  if (!ids.length) return new Map();
  return new Map((await db.collection('products').find({ _id: { $in: ids } })).map((p) => [p._id, p.title]));
}

export function productDraft(p: ProductDoc, skus: SkuDoc[]): ProductDraft {
  return {
    _id: p._id,
    title: p.title,
    subtitle: p.subtitle,
    categoryId: p.categoryId,
    images: p.images,
    detail: p.detail,
    specGroups: specGroups(p.specNames, skus),
    originalPriceFen: p.originalPriceFen,
    status: p.status,
    afterSaleDays: p.afterSaleDays ?? null,
    skus: skus.map((s) => ({
      _id: s._id,
      specs: s.specs,
      priceFen: s.priceFen,
      memberPriceFen: s.memberPriceFen ?? null,
      stock: s.stock,
      perUserLimit: s.perUserLimit ?? null,
      status: s.status,
    })),
  };
}

/** The SKU numbered `n` of a product, as staff entered it. */
function skuDoc(productId: string, n: number, s: InputFor<'admin', 'createProduct'>['skus'][number]): SkuDoc {
  return {
    _id: `${productId}-${n}`,
    productId,
    specs: s.specs,
    priceFen: s.priceFen,
    stock: s.stock,
    status: s.status ?? 'on_sale',
    ...(s.memberPriceFen !== undefined ? { memberPriceFen: s.memberPriceFen } : {}),
    ...(s.perUserLimit ? { perUserLimit: s.perUserLimit } : {}),
  };
}

/** A SKU id's number (`<productId>-<n>`): SKUs list in the order they were made, so spec values keep theirs. */
const skuNumber = (id: string): number => Number(/-(\d+)$/.exec(id)?.[1] ?? Number.MAX_SAFE_INTEGER);

const productSkus = async (db: Db, productId: string) =>
  (await db.collection('skus').find({ productId }, { sort: [['_id', 'asc']] })).sort((a, b) => skuNumber(a._id) - skuNumber(b._id) || (a._id < b._id ? -1 : 1));

/**
 * The images as they are kept: one the product (or banner) already shows, or one the runtime draws
 * itself (the local demo shop's), stays as it is; an upload is checked (purpose `product`) and kept as what an <image> shows.
 * Anything else is refused.
 */
async function keptImages(ctx: Ctx, images: string[], current: string[], field: string): Promise<string[] | { problem: string }> {
  const kept: string[] = [];
  for (const [i, image] of images.entries()) {
    if (current.includes(image) || ctx.storage.servesItself(image)) kept.push(image);
    else if (image.startsWith('cloud://') || image.startsWith('local://')) {
      const checked = await ctx.storage.check(image, 'product');
      if (!checked.ok) return { problem: `${field}.${i}` };
      kept.push(ctx.storage.showable(image));
    } else return { problem: `${field}.${i}` };
  }
  if (new Set(kept).size !== kept.length) return { problem: field };
  return kept;
}

async function categoryOf(db: Db, categoryId: string): Promise<CategoryDoc | null> {
  return db.collection('categories').get(categoryId);
}

/** Staff setting up the shop: categories, new products and their content, home banners. */
export const catalogSetupActions = bind<'admin'>()({
  listStaffCategories: {
    staff: 'staff.read',
    handler: async ({ db }) => ({ items: categoryTree(await db.collection('categories').find({})).map(categoryView) }),
  },

  saveCategory: {
    staff: 'catalog.write',
    write: true,
    handler: async (ctx, { categoryId, name, parentId, sort, icon }) => {
      const categories = ctx.db.collection('categories');
      const before = categoryId ? await categories.get(categoryId) : null;
      if (categoryId && !before) return fail('CATEGORY_NOT_FOUND', undefined, 'categoryId');
      const nextParent = parentId === undefined ? (before?.parentId ?? null) : parentId;
      if (nextParent !== (before?.parentId ?? null)) {
        const [parent, children] = await Promise.all([
          nextParent ? categories.get(nextParent) : Promise.resolve(null),
          before ? categories.count({ parentId: before._id }) : Promise.resolve(0),
        ]);
        const problem = placementProblem(before?._id ?? null, parent, nextParent, children > 0);
        if (problem) return fail('CATEGORY_INVALID', problem.message, problem.field);
      }
      let iconShown = before?.icon ?? DEFAULT_CATEGORY_ICON;
      if (icon !== undefined && icon !== iconShown) {
        const kept = await keptImages(ctx, [icon], [DEFAULT_CATEGORY_ICON], 'icon');
        if ('problem' in kept) return fail('FILE_INVALID', undefined, 'icon');
        iconShown = kept[0]!;
      }
      const after: CategoryDoc = {
        _id: before?._id ?? ctx.ids.next(),
        name,
        icon: iconShown,
        sort: sort ?? before?.sort ?? (await categories.count({ parentId: nextParent })),
        parentId: nextParent,
      };
      if (before) await categories.update({ _id: after._id }, { $set: { name: after.name, icon: after.icon, sort: after.sort, parentId: after.parentId } });
      else await categories.insert(after);
      // a concurrent save or delete may have changed the other side meanwhile: checked again after the
      // write (each side checks after its own write, so one of two racing saves sees the other) and undone
      if (after.parentId !== (before?.parentId ?? null)) {
        const [parent, children] = await Promise.all([after.parentId ? categories.get(after.parentId) : Promise.resolve(null), categories.count({ parentId: after._id })]);
        const problem = placementProblem(after._id, parent, after.parentId, children > 0);
        if (problem) {
          if (before) await categories.update({ _id: after._id }, { $set: { name: before.name, icon: before.icon, sort: before.sort, parentId: before.parentId ?? null } });
          else await categories.remove({ _id: after._id });
          return fail('CATEGORY_INVALID', problem.message, problem.field);
        }
      }
      // products filed here follow the category (its top-level category, its name in their search text);
      // done on every save, so saving again finishes what an interrupted save left
      if (before) await refileProducts(ctx.db, after);
      // a top-level category's own products keep matching its whole listing once it has sub-categories
      if (after.parentId) {
        const parent = await categories.get(after.parentId);
        if (parent) await refileProducts(ctx.db, parent);
      }
      ctx.audit({ entity: 'category', entityId: after._id, before: before ? categoryView(before) : null, after: categoryView(after) });
      return categoryView(after);
    },
  },

  deleteCategory: {
    staff: 'catalog.write',
    write: true,
    handler: async (ctx, { categoryId }) => {
      const categories = ctx.db.collection('categories');
      const before = await categories.get(categoryId);
      if (!before) return { removed: false };
      const [children, products] = await Promise.all([categories.count({ parentId: categoryId }), ctx.db.collection('products').count({ categoryId })]);
      if (children || products) return fail('CATEGORY_IN_USE', `${children} sub-categories, ${products} products`, 'categoryId');
      await categories.remove({ _id: categoryId });
      // a product or sub-category filed here meanwhile (it checked before this removal): the category comes back
      const [childrenNow, productsNow] = await Promise.all([categories.count({ parentId: categoryId }), ctx.db.collection('products').count({ categoryId })]);
      if (childrenNow || productsNow) {
        await categories.insert(before);
        return fail('CATEGORY_IN_USE', `${childrenNow} sub-categories, ${productsNow} products`, 'categoryId');
      }
      ctx.audit({ entity: 'category', entityId: categoryId, before: categoryView(before), after: null });
      return { removed: true };
    },
  },

  createProduct: {
    staff: 'catalog.write',
    write: true,
    handler: async (ctx, input) => {
      const problem = skusProblem(input.specGroups, input.skus) ?? (input.status === 'on_sale' ? onSaleProblem(input.skus) : null);
      if (problem) return fail('PRODUCT_INVALID', problem.message, problem.field);
      const category = await categoryOf(ctx.db, input.categoryId);
      if (!category) return fail('CATEGORY_NOT_FOUND', undefined, 'categoryId');
      const images = await keptImages(ctx, input.images, [], 'images');
      if ('problem' in images) return fail('FILE_INVALID', undefined, images.problem);
      const productId = ctx.ids.next();
      const skus = input.skus.map((s, i) => skuDoc(productId, i + 1, s));
      const subtitle = input.subtitle ?? '';
      const product: ProductDoc = {
        _id: productId,
        title: input.title,
        subtitle,
        categoryId: category._id,
        topCategoryId: topOf(category),
        image: images[0]!,
        images,
        detail: input.detail ?? '',
        specNames: input.specGroups.map((g) => g.name),
        priceFen: lowestPrice(skus) ?? Math.min(...skus.map((s) => s.priceFen)),
        originalPriceFen: input.originalPriceFen ?? 0,
        sales: 0,
        status: input.status,
        ...(input.afterSaleDays !== undefined ? { afterSaleDays: input.afterSaleDays } : {}),
        searchText: searchText(input.title, subtitle, category.name),
        createdAt: ctx.now,
      };
      // the product and every SKU land together or not at all
      await ctx.db.transaction(async (tx) => {
        await tx.set('products', product);
        for (const sku of skus) await tx.set('skus', sku);
      });
      // the category removed meanwhile (its delete counted products before this one): the product goes too
      if (!(await categoryOf(ctx.db, category._id))) {
        await ctx.db.transaction(async (tx) => {
          for (const sku of skus) await tx.remove('skus', sku._id);
          await tx.remove('products', productId);
        });
        return fail('CATEGORY_NOT_FOUND', undefined, 'categoryId');
      }
      const draft = productDraft(product, skus);
      ctx.audit({ entity: 'product', entityId: productId, before: null, after: draft });
      return draft;
    },
  },

  getProductDraft: {
    staff: 'staff.read',
    handler: async ({ db }, { productId }) => {
      const [product, skus] = await Promise.all([db.collection('products').get(productId), productSkus(db, productId)]);
      if (!product) return fail('PRODUCT_NOT_FOUND', undefined, 'productId');
      return productDraft(product, skus);
    },
  },

  addSpecValues: {
    staff: 'catalog.write',
    write: true,
    handler: async (ctx, { productId, values, skus: added }) => {
      const [before, skus] = await Promise.all([ctx.db.collection('products').get(productId), productSkus(ctx.db, productId)]);
      if (!before) return fail('PRODUCT_NOT_FOUND', undefined, 'productId');
      if (!before.specNames.length) return fail('PRODUCT_INVALID', 'a product without spec groups keeps its one SKU', 'values');
      const groups = specGroups(before.specNames, skus).map((g) => ({ ...g, values: [...g.values] }));
      for (const [i, v] of values.entries()) {
        const group = groups.find((g) => g.name === v.group);
        if (!group) return fail('PRODUCT_INVALID', `no spec group ${v.group}`, `values.${i}.group`);
        if (group.values.includes(v.value)) return fail('PRODUCT_INVALID', `${v.group} has ${v.value} already`, `values.${i}.value`);
        group.values.push(v.value);
      }
      const all = [...skus.map((s) => ({ specs: s.specs, priceFen: s.priceFen })), ...added];
      const problem = skusProblem(groups, all);
      if (problem) return fail('PRODUCT_INVALID', problem.message, problem.field === 'skus' || problem.field.startsWith('skus.') ? problem.field.replace(/^skus\.(\d+)/, (_, n) => `skus.${Number(n) - skus.length}`) : problem.field);
      const next = Math.max(0, ...skus.map((s) => skuNumber(s._id)).filter((n) => n < Number.MAX_SAFE_INTEGER)) + 1;
      const docs = added.map((s, i) => skuDoc(productId, next + i, s));
      const rev = before.skuRev ?? 0;
      const lowest = lowestPrice([...skus, ...docs]);
      // the new SKUs and the product's revision land together; an add that read the product before another one did makes nothing
      await ctx.db.transaction(async (tx) => {
        const current = await tx.get('products', productId);
        if (!current || (current.skuRev ?? 0) !== rev) fail('PRODUCT_CHANGED', undefined, 'productId');
        for (const sku of docs) await tx.set('skus', sku);
        await tx.update('products', productId, { $set: { skuRev: rev + 1, ...(lowest !== null ? { priceFen: lowest } : {}) } });
      });
      const after = (await ctx.db.collection('products').get(productId))!;
      const skusAfter = await productSkus(ctx.db, productId);
      ctx.audit({ entity: 'product', entityId: productId, before: productDraft(before, skus), after: productDraft(after, skusAfter) });
      return productDraft(after, skusAfter);
    },
  },

  editProduct: {
    staff: 'catalog.write',
    write: true,
    handler: async (ctx, { productId, ...changes }) => {
      const products = ctx.db.collection('products');
      const [before, skus] = await Promise.all([products.get(productId), productSkus(ctx.db, productId)]);
      if (!before) return fail('PRODUCT_NOT_FOUND', undefined, 'productId');
      const category = changes.categoryId && changes.categoryId !== before.categoryId ? await categoryOf(ctx.db, changes.categoryId) : await categoryOf(ctx.db, before.categoryId);
      if (!category && changes.categoryId) return fail('CATEGORY_NOT_FOUND', undefined, 'categoryId');
      const set: Partial<ProductDoc> = {};
      if (changes.images) {
        const images = await keptImages(ctx, changes.images, before.images, 'images');
        if ('problem' in images) return fail('FILE_INVALID', undefined, images.problem);
        Object.assign(set, { images, image: images[0]! });
      }
      if (changes.title !== undefined) set.title = changes.title;
      if (changes.subtitle !== undefined) set.subtitle = changes.subtitle;
      if (changes.detail !== undefined) set.detail = changes.detail;
      if (category && changes.categoryId) Object.assign(set, { categoryId: category._id, topCategoryId: topOf(category) });
      set.searchText = searchText(set.title ?? before.title, set.subtitle ?? before.subtitle, category?.name ?? '');
      await products.update({ _id: productId }, { $set: set });
      const after = { ...before, ...set };
      ctx.audit({ entity: 'product', entityId: productId, before: productDraft(before, skus), after: productDraft(after, skus) });
      return productDraft(after, skus);
    },
  },

  listBanners: {
    staff: 'staff.read',
    handler: async ({ db }) => {
      const banners = await db.collection('banners').find({}, { sort: [['sort', 'asc']] });
      const titles = await bannerTitles(db, banners);
      return { items: banners.map((b) => bannerView(b, titles)) };
    },
  },

  saveBanner: {
    staff: 'catalog.write',
    write: true,
    handler: async (ctx, { bannerId, image, title, path, sort }) => {
      const banners = ctx.db.collection('banners');
      const before = bannerId ? await banners.get(bannerId) : null;
      if (bannerId && !before) return fail('BANNER_NOT_FOUND', undefined, 'bannerId');
      const kept = await keptImages(ctx, [image], before ? [before.image] : [], 'image');
      if ('problem' in kept) return fail('FILE_INVALID', undefined, 'image');
      const productId = bannerProductId(path);
      const product = productId ? await ctx.db.collection('products').get(productId) : null;
      if (productId && !product) return fail('PRODUCT_NOT_FOUND', undefined, 'path');
      // a new banner takes one of the shop's slots in one conditional update
      if (!before && !(await takeSlot(ctx.db, BANNER_SLOTS, ctx.now))) return fail('BANNERS_FULL');
      const count = before ? 0 : await banners.count({});
      const titles = new Map(product ? [[product._id, product.title]] : []);
      const after: BannerDoc = { _id: before?._id ?? ctx.ids.next(), image: kept[0]!, title, path, sort: sort ?? before?.sort ?? count };
      if (before) await banners.update({ _id: after._id }, { $set: { image: after.image, title, path, sort: after.sort } });
      else {
        try {
          await banners.insert(after);
        } catch (e) {
          await releaseSlots(ctx.db, BANNER_SLOTS.id, ctx.now);
          throw e;
        }
      }
      ctx.audit({ entity: 'banner', entityId: after._id, before: before ? bannerView(before, titles) : null, after: bannerView(after, titles) });
      return bannerView(after, titles);
    },
  },

  deleteBanner: {
    staff: 'catalog.write',
    write: true,
    handler: async (ctx, { bannerId }) => {
      const banners = ctx.db.collection('banners');
      const before = await banners.get(bannerId);
      if (!before) return { removed: false };
      if (await banners.remove({ _id: bannerId })) await releaseSlots(ctx.db, BANNER_SLOTS.id, ctx.now);
      ctx.audit({ entity: 'banner', entityId: bannerId, before: bannerView(before, new Map()), after: null });
      return { removed: true };
    },
  },
});

/**
 * Products filed in a category take its current top-level category and name: one write per product,
 * each setting values computed from the category alone (and only where they differ).
 */
async function refileProducts(db: Db, category: CategoryDoc): Promise<void> {
  const products = db.collection('products');
  for (let skip = 0; ; skip += 100) {
    const page = await products.find({ categoryId: category._id }, { sort: [['_id', 'asc']], limit: 100, skip });
    for (const p of page) {
      const set = { topCategoryId: topOf(category), searchText: searchText(p.title, p.subtitle, category.name) };
      if (p.topCategoryId !== set.topCategoryId || p.searchText !== set.searchText) await products.update({ _id: p._id }, { $set: set });
    }
    if (page.length < 100) return;
  }
}
