import type { StaffPrize, StaffRaffle } from '../../../../typings/contract';
import type { PrizeSpec } from '../../../../typings/contract/raffle';
import { bind } from '../../kernel/define';
import { AppError, fail } from '../../kernel/errors';
import type { Db } from '../../ports';
import { loadLive } from '../live';
import { liveState } from '../live';
import { returnStock, takeStock, type StockLine } from '../catalog';
import { loadRaffle } from './actions';
import type { RaffleDoc } from '../../schema';
import { openSlots } from './rules';
import { drawTimes, scheduleProblem } from './rules';
import { orderStatuses, slotView, summaryView } from './views';

/** Each prize's own goods and coupons exist and can be given; throws with the prize's field. */
async function checkPrizes(db: Db, prizes: PrizeSpec[]): Promise<void> {
  for (const [i, p] of prizes.entries()) {
    if (p.kind === 'goods') {
      const sku = await db.collection('skus').get(p.skuId);
      const product = sku ? await db.collection('products').get(sku.productId) : null;
      if (!sku || sku.status !== 'on_sale' || product?.status !== 'on_sale') fail('SKU_UNAVAILABLE', undefined, `prizes.${i}.skuId`);
    }
    if (p.kind === 'coupon' && !(await db.collection('coupon_templates').get(p.couponTemplateId))) {
      fail('COUPON_NOT_FOUND', undefined, `prizes.${i}.couponTemplateId`);
    }
  }
}

/** Goods prizes take their stock for every draw up front, so a winner's unit is always there. */
async function reserveGoods(db: Db, prizes: PrizeSpec[], draws: number): Promise<StockLine[]> {
  const goods = prizes.flatMap((p, i) => (p.kind === 'goods' ? [{ index: i, line: { skuId: p.skuId, quantity: p.stock * draws } }] : []));
  try {
    await takeStock(db, goods.map((g) => g.line));
  } catch (e) {
    if (e instanceof AppError && e.code === 'OUT_OF_STOCK') {
      const at = Number(e.field?.split('.')[1] ?? 0);
      fail('OUT_OF_STOCK', `not enough stock for ${goods[at].line.quantity} units over ${draws} draws`, `prizes.${goods[at].index}.stock`);
    }
    throw e;
  }
  return goods.map((g) => g.line);
}

/** Staff create raffles and run draws; reads for the console. */
export const raffleAdminActions = bind<'admin'>()({
  createRaffle: {
    staff: 'raffle.write',
    write: true,
    handler: async (ctx, input) => {
      const live = await loadLive(ctx.db, input.liveId);
      if (liveState(live, ctx.now) === 'ended') return fail('LIVE_ENDED');
      const times = drawTimes(input.draw, live, ctx.now);
      const problem = scheduleProblem(times, input.prizes, ctx.now);
      if (problem) return fail('RAFFLE_INVALID', problem.message, problem.field);
      await checkPrizes(ctx.db, input.prizes);
      const reserved = await reserveGoods(ctx.db, input.prizes, times.length);

      const raffleId = ctx.ids.next();
      const raffle: RaffleDoc = {
        _id: raffleId,
        liveId: live._id,
        kind: input.kind,
        title: input.title,
        prizes: input.prizes,
        draw: input.draw,
        slotCount: times.length,
        maxWinsPerUser: input.maxWinsPerUser ?? 1,
        createdBy: ctx.caller.openid,
        createdAt: ctx.now,
      };
      const slots = openSlots(raffle, times, ctx.random, ctx.now);
      try {
        await ctx.db.transaction(async (tx) => {
          await tx.set('raffles', raffle);
          for (const s of slots) await tx.set('raffle_slots', s);
        });
      } catch (e) {
        await returnStock(ctx.db, reserved);
        throw e;
      }
      ctx.audit({ entity: 'raffle', entityId: raffleId, before: null, after: { ...raffle, slots: slots.map(({ slot, drawAt, commitment }) => ({ slot, drawAt, commitment })) } });
      return { raffleId, slots: slots.map(({ slot, drawAt, commitment }) => ({ slot, drawAt, commitment })) };
    },
  },

  listRaffles: {
    staff: 'staff.read',
    handler: async ({ db, now }, { liveId }) => {
      const list = await db.collection('raffles').find(liveId ? { liveId } : {}, { sort: [['createdAt', 'desc']], limit: 50 });
      const slots = list.length ? await db.collection('raffle_slots').find({ raffleId: { $in: list.map((r) => r._id) } }, { sort: [['slot', 'asc']] }) : [];
      const items: StaffRaffle[] = list.map((r) => {
        const own = slots.filter((s) => s.raffleId === r._id);
        return { ...summaryView(r, own, now, false), createdAt: r.createdAt, slots: own.map((s) => slotView(r, s, now)) };
      });
      return { items };
    },
  },

  rafflePrizes: {
    staff: 'staff.read',
    handler: async ({ db }, { raffleId }) => {
      await loadRaffle(db, raffleId);
      const list = await db.collection('raffle_prizes').find({ raffleId }, { sort: [['slot', 'asc'], ['unit', 'asc']] });
      const userIds = [...new Set(list.map((p) => p.userId))];
      const users = new Map((userIds.length ? await db.collection('users').find({ _id: { $in: userIds } }) : []).map((u) => [u._id, u.nickname]));
      const orders = await orderStatuses(db, list);
      const items: StaffPrize[] = list.map((p) => ({
        prizeId: p._id,
        slot: p.slot,
        unit: p.unit,
        prizeIndex: p.prizeIndex,
        kind: p.spec.kind,
        title: p.spec.title,
        userId: p.userId,
        nickname: users.get(p.userId) ?? '',
        entryId: p.entryId,
        status: p.status === 'granting' ? 'pending' : p.status,
        reason: p.reason,
        claimBy: p.claimBy,
        orderId: p.orderId,
        orderStatus: p.orderId ? (orders.get(p.orderId) ?? null) : null,
        notice: p.notice,
        createdAt: p.createdAt,
      }));
      return { items };
    },
  },
});
