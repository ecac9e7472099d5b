import type { StaffProduct, StaffSku } from '../../../../typings/contract';
import { bind } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import type { Db } from '../../ports';
import type { ProductDoc, SkuDoc } from '../../schema';
import { lowestPrice, searchText } from './rules';
import { onSaleProblem } from './setup-rules';

const PAGE = 20;

const skuView = ({ _id, specs, priceFen, stock, status, perUserLimit }: SkuDoc): StaffSku => ({ _id, specs, priceFen, stock, status, perUserLimit: perUserLimit || null });

async function productView(db: Db, p: ProductDoc): Promise<StaffProduct> {
  return staffProduct(p, await db.collection('skus').find({ productId: p._id }));
}

/** A page of products with their SKUs: one SKU read for the page, not one per product. */
async function productViews(db: Db, rows: ProductDoc[]): Promise<StaffProduct[]> {
  if (!rows.length) return [];
  const skus = await db.collection('skus').find({ productId: { $in: rows.map((p) => p._id) } });
  return rows.map((p) => staffProduct(p, skus.filter((s) => s.productId === p._id)));
}

function staffProduct(p: ProductDoc, skus: SkuDoc[]): StaffProduct {
  return {
    _id: p._id,
    title: p.title,
    subtitle: p.subtitle,
    categoryId: p.categoryId,
    image: p.image,
    status: p.status,
    originalPriceFen: p.originalPriceFen,
    sales: p.sales,
    afterSaleDays: p.afterSaleDays ?? null,
    skus: skus.map(skuView),
  };
}

/** Keeps a product's listed price equal to its lowest on-sale SKU price. */
async function refreshListedPrice(db: Db, productId: string): Promise<void> {
  const lowest = lowestPrice(await db.collection('skus').find({ productId }));
  if (lowest !== null) await db.collection('products').update({ _id: productId }, { $set: { priceFen: lowest } });
}

/** Staff catalogue operations: products, SKUs, prices and stock. */
export const catalogAdminActions = bind<'admin'>()({
  listStaffProducts: {
    staff: 'staff.read',
    handler: async ({ db }, { keyword, status, page }) => {
      const query = { ...(status ? { status } : {}), ...(keyword ? { searchText: { $contains: keyword.toLowerCase() } } : {}) };
      const [total, rows] = await Promise.all([
        db.collection('products').count(query),
        db.collection('products').find(query, { sort: [['createdAt', 'desc']], limit: PAGE, skip: ((page ?? 1) - 1) * PAGE }),
      ]);
      return { items: await productViews(db, rows), total };
    },
  },

  updateProduct: {
    staff: 'catalog.write',
    write: true,
    handler: async (ctx, { productId, ...changes }) => {
      const products = ctx.db.collection('products');
      const before = await products.get(productId);
      if (!before) return fail('PRODUCT_NOT_FOUND', undefined, 'productId');
      const set: Record<string, unknown> = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      if (changes.status === 'on_sale' && before.status !== 'on_sale') {
        const problem = onSaleProblem(await ctx.db.collection('skus').find({ productId }));
        if (problem) return fail('PRODUCT_INVALID', problem.message, problem.field);
      }
      if (changes.title !== undefined || changes.subtitle !== undefined) {
        const category = await ctx.db.collection('categories').get(before.categoryId);
        set.searchText = searchText(changes.title ?? before.title, changes.subtitle ?? before.subtitle, category?.name ?? '');
      }
      if (Object.keys(set).length) await products.update({ _id: productId }, { $set: set });
      const after = (await products.get(productId))!;
      ctx.audit({ entity: 'product', entityId: productId, before: await productView(ctx.db, before), after: await productView(ctx.db, after) });
      return productView(ctx.db, after);
    },
  },

  updateSku: {
    staff: 'catalog.write',
    write: true,
    handler: async (ctx, { skuId, perUserLimit, ...changes }) => {
      const skus = ctx.db.collection('skus');
      const before = await skus.get(skuId);
      if (!before) return fail('SKU_NOT_FOUND', undefined, 'skuId');
      const set: Record<string, unknown> = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      if (perUserLimit) set.perUserLimit = perUserLimit;
      const update = { ...(Object.keys(set).length ? { $set: set } : {}), ...(perUserLimit === 0 ? { $unset: ['perUserLimit'] } : {}) };
      if (Object.keys(update).length) await skus.update({ _id: skuId }, update);
      await refreshListedPrice(ctx.db, before.productId);
      const after = (await skus.get(skuId))!;
      ctx.audit({ entity: 'sku', entityId: skuId, before: skuView(before), after: skuView(after) });
      return skuView(after);
    },
  },

  adjustStock: {
    staff: 'catalog.write',
    write: true,
    handler: async (ctx, { skuId, mode, quantity }) => {
      const skus = ctx.db.collection('skus');
      const before = await skus.get(skuId);
      if (!before) return fail('SKU_NOT_FOUND', undefined, 'skuId');
      if (mode === 'set') {
        if (quantity < 0) return fail('STOCK_NEGATIVE', undefined, 'quantity');
        await skus.update({ _id: skuId }, { $set: { stock: quantity } });
      }
      // adding is one conditional update: concurrent orders keep what they took, and it never goes below zero
      else if (!(await skus.update({ _id: skuId, stock: { $gte: Math.max(0, -quantity) } }, { $inc: { stock: quantity } }))) {
        return fail('STOCK_NEGATIVE', undefined, 'quantity');
      }
      const after = (await skus.get(skuId))!;
      ctx.audit({ entity: 'sku', entityId: skuId, before: skuView(before), after: skuView(after) });
      return skuView(after);
    },
  },

});
