import { bind, type TimerCtx } from '../kernel/define';
import { fail } from '../kernel/errors';
import type { Db, MessagingPort } from '../ports';
import {
  awaitsRestock,
  catalogAdminActions,
  isRestocked,
  markRestockNotified,
  restockMessageKey,
  settleRestockWatch,
  subscribeRestock,
  waitingForRestock,
  watchedSkusInStock,
} from '../modules/catalog';
import { creditsHeld, recordConsents, send, templateId } from '../modules/messaging';

/**
 * 到货提醒 across catalog and messaging: a shopper asks on a sold-out SKU (consent in the same tap);
 * when the SKU is on sale with stock again, each waiting shopper gets one subscribe message through
 * the outbox. A staff stock or SKU edit notifies at once; any other return of stock (a cancelled,
 * expired or refunded order, a checkout given back) is found by the `notifyRestocks` timer, which
 * also finishes a pass cut short.
 */

/** Subscribers one pass notifies for one SKU; the rest wait for the next pass. */
export const RESTOCK_BATCH = 100;
/** SKUs the timer looks at per run. */
export const RESTOCK_SKUS_PER_RUN = 50;

interface RestockDeps {
  db: Db;
  messaging: MessagingPort;
  now: number;
}

export interface RestockPass {
  sent: number;
  skipped: number;
}

const thing = (s: string) => s.slice(0, 20);

/**
 * Tells the SKU's waiting shoppers it is back, each round once: the message's outbox key is the
 * subscription's round, so two passes at once send one message, and the subscription is then marked
 * notified by a conditional update. When the pass saw everyone, the SKU's watch is settled.
 */
export async function notifyRestock(deps: RestockDeps, skuId: string, limit = RESTOCK_BATCH): Promise<RestockPass> {
  const tally: RestockPass = { sent: 0, skipped: 0 };
  const sku = await deps.db.collection('skus').get(skuId);
  if (!sku?.restockWatch) return tally;
  const product = await deps.db.collection('products').get(sku.productId);
  if (!product || !isRestocked(sku, product)) return tally;
  const seen = sku.restockWatch;
  const waiting = await waitingForRestock(deps.db, skuId, limit);
  for (const sub of waiting) {
    const status = await send(deps, {
      key: restockMessageKey(sub),
      channel: 'subscribe',
      kind: 'transactional',
      userId: sub.userId,
      template: templateId('restock'),
      params: { thing1: thing(product.title), thing2: thing(Object.values(sku.specs).join(' ') || '默认规格'), thing3: '你订阅的商品到货了，数量有限' },
      page: `pages/product/index?id=${product._id}&sku=${sku._id}`,
      source: `restock:${sku._id}`,
    });
    if (status === 'sent') tally.sent++;
    else if (status !== 'duplicate') tally.skipped++;
    await markRestockNotified(deps.db, sub, deps.now);
  }
  if (waiting.length < limit) await settleRestockWatch(deps.db, skuId, seen);
  return tally;
}

/** A staff edit may have brought the SKU back; a failed pass is left to the timer, the edit stands. */
async function notifyAfterEdit(deps: RestockDeps, skuId: string): Promise<void> {
  try {
    await notifyRestock(deps, skuId);
  } catch {
    // the SKU keeps its watch: notifyRestocks picks it up within a minute
  }
}

/** Timer: every SKU someone waits for that has stock again gets its pass. */
export async function notifyRestocks(ctx: TimerCtx): Promise<{ skus: number } & RestockPass> {
  const tally = { skus: 0, sent: 0, skipped: 0 };
  for (const sku of await watchedSkusInStock(ctx.db, RESTOCK_SKUS_PER_RUN)) {
    const pass = await notifyRestock(ctx, sku._id);
    tally.skus++;
    tally.sent += pass.sent;
    tally.skipped += pass.skipped;
  }
  return tally;
}

export const restockActions = bind<'mall'>()({
  remindRestock: {
    write: true,
    handler: async ({ db, now, caller }, { skuId, consents }) => {
      const sku = await db.collection('skus').get(skuId);
      const product = sku ? await db.collection('products').get(sku.productId) : null;
      if (!sku || sku.status !== 'on_sale' || product?.status !== 'on_sale') return fail('SKU_UNAVAILABLE', undefined, 'skuId');
      if (!awaitsRestock(sku)) return fail('SKU_IN_STOCK', undefined, 'skuId');
      if (consents) await recordConsents(db, caller.openid, consents, now);
      await subscribeRestock(db, caller.openid, sku, now);
      return { skuId, waiting: true as const, notifiable: (await creditsHeld(db, caller.openid, templateId('restock'))) > 0 };
    },
  },
});

/** The staff SKU edits, each followed by a restock pass for the SKU it changed. */
export const restockAdminActions = bind<'admin'>()({
  adjustStock: {
    ...catalogAdminActions.adjustStock,
    handler: async (ctx, input) => {
      const sku = await catalogAdminActions.adjustStock.handler(ctx, input);
      await notifyAfterEdit(ctx, input.skuId);
      return sku;
    },
  },
  updateSku: {
    ...catalogAdminActions.updateSku,
    handler: async (ctx, input) => {
      const sku = await catalogAdminActions.updateSku.handler(ctx, input);
      await notifyAfterEdit(ctx, input.skuId);
      return sku;
    },
  },
});
