import { AFTER_SALE_REASONS, MAX_AFTER_SALE_PHOTOS, type AfterSale } from '../../../../typings/contract';
import { bind, type Ctx } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import type { AfterSaleDoc } from '../../schema';
import { afterSaleDeadline, kindsAllowed, lineRefundable, lineWindowDays } from './aftersale-rules';
import { loadOrderSettings } from './settings';
import { AFTER_SALES_PAGE, applyAfterSaleTx, listAfterSalesOf, loadAfterSale, moveAfterSale } from './aftersale-store';
import { ownOrder } from './order-actions';

/** An application as its shopper and staff see it: photos as URLs the page can show. */
export async function afterSaleView(ctx: Pick<Ctx, 'storage'>, d: AfterSaleDoc): Promise<AfterSale> {
  return {
    _id: d._id,
    orderId: d.orderId,
    skuId: d.skuId,
    title: d.line.title,
    image: d.line.image,
    specs: d.line.specs,
    kind: d.kind,
    quantity: d.quantity,
    reason: d.reason,
    note: d.note,
    photos: await Promise.all(d.photos.map((f) => ctx.storage.url(f))),
    amountFen: d.amountFen,
    state: d.state,
    staffNote: d.staffNote,
    returnAddress: d.returnAddress,
    returnTracking: d.returnTracking,
    reshipTracking: d.reshipTracking,
    refund: d.refund,
    history: d.history,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

/** The caller's own application, or AFTERSALE_NOT_FOUND: another user's is indistinguishable from none. */
async function ownAfterSale(ctx: Ctx, id: string): Promise<AfterSaleDoc> {
  const doc = await loadAfterSale(ctx.db, id);
  if (!doc || doc.userId !== ctx.caller.openid) return fail('AFTERSALE_NOT_FOUND', undefined, 'afterSaleId');
  return doc;
}

/** Every photo is an after-sale image the Storage port has (uploads/aftersale/, size and type checked). */
async function checkPhotos(ctx: Ctx, photos: string[]): Promise<void> {
  for (const f of photos) {
    const checked = await ctx.storage.check(f, 'aftersale');
    if (!checked.ok) fail('FILE_INVALID', `photo: ${checked.reason}`, 'photos');
  }
}

/** A shopper move; AFTERSALE_STATE_INVALID when the application is no longer where the move starts. */
async function shopperMove(ctx: Ctx, id: string, move: Parameters<typeof moveAfterSale>[2], note: string, set: Record<string, unknown> = {}): Promise<AfterSale> {
  await ownAfterSale(ctx, id);
  const moved = await moveAfterSale(ctx.db, id, move, 'shopper', note, ctx.now, set);
  if (!moved) return fail('AFTERSALE_STATE_INVALID');
  return afterSaleView(ctx, moved);
}

const APPLY_ERRORS = { line_unknown: 'skuId', kind_not_allowed: 'kind', quantity_over: 'quantity', reason_unknown: 'reason' } as const;

/** 售后, the shopper's side: what a line allows, applying, and the application's own moves. */
export const afterSaleActions = bind<'mall'>()({
  afterSaleOptions: {
    handler: async (ctx, { orderId, skuId }) => {
      const [order, settings] = await Promise.all([ownOrder(ctx, orderId), loadOrderSettings(ctx.db)]);
      const line = order.lines.find((l) => l.skuId === skuId);
      const left = lineRefundable(order, skuId);
      if (!line || !left) return fail('AFTERSALE_NOT_ALLOWED', 'line_unknown', 'skuId');
      const openId = order.afterSales?.[skuId] ?? null;
      const days = lineWindowDays(line, settings.afterSaleDays);
      const kinds = openId || left.quantity === 0 ? [] : kindsAllowed(order, ctx.now, days);
      return {
        orderId,
        skuId,
        title: line.title,
        image: line.image,
        specs: line.specs,
        kinds: kinds.map((kind) => ({ kind, reasons: AFTER_SALE_REASONS[kind] })),
        maxQuantity: left.quantity,
        amounts: left.amounts,
        deadline: afterSaleDeadline(order, days),
        openId,
      };
    },
  },

  applyAfterSale: {
    write: true,
    handler: async (ctx, { orderId, skuId, kind, quantity, reason, note, photos }) => {
      const [, settings] = await Promise.all([ownOrder(ctx, orderId), loadOrderSettings(ctx.db)]);
      await checkPhotos(ctx, photos ?? []);
      const input = { orderId, userId: ctx.caller.openid, skuId, kind, quantity, reason, note: note?.trim() ?? '', photos: photos ?? [] };
      const filed = await applyAfterSaleTx(ctx.db, `AS${ctx.ids.next()}`, input, ctx.now, settings.afterSaleDays);
      if ('error' in filed) {
        if (filed.error === 'not_found') return fail('ORDER_NOT_FOUND', undefined, 'orderId');
        if (filed.error === 'open') return fail('AFTERSALE_OPEN', undefined, 'skuId');
        return fail('AFTERSALE_NOT_ALLOWED', filed.error, APPLY_ERRORS[filed.error]);
      }
      return afterSaleView(ctx, filed);
    },
  },

  listAfterSales: {
    handler: async (ctx, { page }) => {
      const [total, items] = await listAfterSalesOf(ctx.db, { userId: ctx.caller.openid }, page ?? 1);
      return { items: await Promise.all(items.map((d) => afterSaleView(ctx, d))), total };
    },
  },

  getAfterSale: {
    handler: async (ctx, { afterSaleId }) => afterSaleView(ctx, await ownAfterSale(ctx, afterSaleId)),
  },

  cancelAfterSale: {
    write: true,
    handler: (ctx, { afterSaleId }) => shopperMove(ctx, afterSaleId, 'cancel', ''),
  },

  supplementAfterSale: {
    write: true,
    handler: async (ctx, { afterSaleId, note, photos }) => {
      const doc = await ownAfterSale(ctx, afterSaleId);
      await checkPhotos(ctx, photos ?? []);
      const all = [...doc.photos, ...(photos ?? [])];
      if (all.length > MAX_AFTER_SALE_PHOTOS) return fail('INVALID_INPUT', 'at most 6 photos', 'photos');
      const text = note?.trim() ?? '';
      return shopperMove(ctx, afterSaleId, 'supplement', text, { photos: all, note: text ? (doc.note ? `${doc.note}\n${text}` : text) : doc.note });
    },
  },

  submitReturnTracking: {
    write: true,
    handler: (ctx, { afterSaleId, tracking }) =>
      shopperMove(ctx, afterSaleId, 'send_back', `${tracking.company} ${tracking.number}`, { returnTracking: { company: tracking.company.trim(), number: tracking.number.trim() } }),
  },
});

export { AFTER_SALES_PAGE };
