import type { LiveStatsDoc } from '../../cloudfunctions/core/schema';
import { reservationId, statsId } from '../../cloudfunctions/core/schema';
import type { OrderDoc } from '../../cloudfunctions/core/schema';
import { priceOrder } from '../../cloudfunctions/core/modules/orders/pricing';
import { orderLine } from '../../cloudfunctions/core/modules/orders/rules';
import { withSearchKeys } from '../../cloudfunctions/core/modules/orders/search';
import type { WecomJoinDoc } from '../../cloudfunctions/core/schema';
import { joinId } from '../../cloudfunctions/core/schema';
import { wecomState as liveState } from '../../cloudfunctions/core/modules/wecom/rules';
import { DAY, HOUR, MINUTE } from '../../cloudfunctions/core/kernel/time';
import { shanghaiDay } from '../../cloudfunctions/core/kernel/users';
import type { Ports } from '../../cloudfunctions/core/ports';
import { DEMO_ADDRESS } from './demo-orders';
import { seedSkuPrices } from './catalog-data';

/**
 * Last week's live as it happened, so the dashboard shows real numbers at once: its cards, who
 * watched and for how long, who added staff or joined the fan group on WeCom, the orders from its
 * cards (one refunded), buyers who came back, and visits in the week after.
 */
const CARDS: Array<[productId: string, livePriceFen: number]> = [
  ['p-serum', 25900],
  ['p-cream', 21900],
  ['p-toner', 11900],
  ['p-essence', 27900],
];

const NEW_FANS = ['雪梨', '糖糖', 'Mia', '豆豆', '小满', '阿雅', '七七', 'Yuki', '团子', '可乐', '安安', '乐乐', 'Nana', '小蓝', '木木', '芒果', '花卷', 'Tina', '布丁', '星星', '南风', '小雨', '年糕', '皮皮', 'Ivy', '柚子', '圆圆', '夏夏'];

export async function seedPastLiveHistory(ports: Ports, pastLiveId: string): Promise<void> {
  const { db } = ports;
  const live = await db.collection('lives').get(pastLiveId);
  if (!live) return;
  await db.collection('lives').update(
    { _id: pastLiveId },
    {
      $set: {
        cards: CARDS.map(([productId, livePriceFen], order) => ({ cardId: `card-${order + 1}`, productId, livePriceFen, skuPrices: seedSkuPrices(productId, livePriceFen), order, role: order === 2 ? 'traffic' : 'trust', initialStock: 200, rerunAt: null })),
      },
    },
  );
  const S = live.startAt;
  const oldFans = (await db.collection('reservations').find({ liveId: pastLiveId })).map((r) => r.userId).sort();

  // new fans arrived in the days before the live (from a Channels preview and friends' shares)
  const newFans = NEW_FANS.map((nickname, i) => ({ id: `demo-new-${String(i + 1).padStart(2, '0')}`, nickname, createdAt: S - (1 + (i % 5)) * DAY + i * MINUTE }));
  for (const f of newFans) {
    await db.collection('users').insert({ _id: f.id, openid: f.id, nickname: f.nickname, createdAt: f.createdAt, lastSeenAt: f.createdAt + HOUR });
  }
  // two thirds of them reserved
  for (const [i, f] of newFans.entries()) {
    if (i % 3 === 2) continue;
    await db.collection('reservations').insert({
      _id: reservationId(pastLiveId, f.id),
      liveId: pastLiveId,
      userId: f.id,
      status: 'active',
      inviteCode: null,
      channelsState: i % 2 ? 1 : null,
      beforeStart: true,
      createdAt: f.createdAt + 2 * HOUR,
      updatedAt: f.createdAt + 2 * HOUR,
      remindedAt: S - 10 * MINUTE,
    });
  }
  await db.collection('lives').update({ _id: pastLiveId }, { $set: { reservationCount: await db.collection('reservations').count({ liveId: pastLiveId, status: 'active' }) } });

  // who watched: most of the old fans and nearly all new ones
  const viewers = [...oldFans.filter((_, i) => i % 4 !== 3), ...newFans.filter((_, i) => i % 7 !== 6).map((f) => f.id)];
  for (const [i, userId] of viewers.entries()) {
    const stats: LiveStatsDoc = {
      _id: statsId(pastLiveId, userId),
      liveId: pastLiveId,
      userId,
      watchMinutes: 5 + ((i * 37) % 100),
      lastSlot: Math.floor((S + HOUR) / 30_000),
      cardTaps: i % 5,
      comments: i % 4,
      keywordHits: i % 3,
      addToCart: i % 6 === 0 ? 1 : 0,
      consultTaps: i % 9 === 0 ? 1 : 0,
      firstAt: S + (i % 20) * MINUTE,
      lastAt: S + HOUR + (i % 30) * MINUTE,
    };
    await db.collection('live_stats').insert(stats);
  }

  // WeCom: new fans who added staff, and some who joined the fan group, through the live's state
  const state = liveState(pastLiveId);
  for (const [i, f] of newFans.entries()) {
    const joins: Array<WecomJoinDoc['type']> = [];
    if (i % 2 === 0) joins.push('add_contact');
    if (i % 3 === 0) joins.push('join_group');
    for (const type of joins) {
      const at = S + 20 * MINUTE + i * MINUTE;
      await db.collection('wecom_joins').insert({ _id: joinId(type, pastLiveId, `wm_${f.id}`), type, liveId: pastLiveId, externalUserId: `wm_${f.id}`, userId: f.id, state, at, createdAt: at });
    }
  }

  // orders from the live's cards; one refunded; two buyers came back for the cream a few days later
  const buyers: Array<[userId: string, productId: string, kind: 'live_card' | 'invite', refunded?: boolean]> = [
    [oldFans[1], 'p-serum', 'live_card'],
    [oldFans[4], 'p-cream', 'live_card'],
    [newFans[0].id, 'p-serum', 'live_card'],
    [newFans[1].id, 'p-toner', 'invite'],
    [newFans[3].id, 'p-toner', 'live_card'],
    [newFans[4].id, 'p-essence', 'live_card'],
    [newFans[6].id, 'p-serum', 'live_card', true],
    [newFans[9].id, 'p-toner', 'invite'],
    [newFans[12].id, 'p-cream', 'live_card'],
    [newFans[15].id, 'p-serum', 'live_card'],
  ];
  const line = async (productId: string, live: boolean) => {
    const sku = (await db.collection('skus').get(`${productId}-1`))!;
    const product = (await db.collection('products').get(productId))!;
    const card = CARDS.find(([p]) => p === productId);
    return orderLine(sku, product, 1, live && card ? { liveId: pastLiveId, cardId: `card-${CARDS.indexOf(card) + 1}`, productId, livePriceFen: card[1], skuPrices: seedSkuPrices(productId, card[1]) } : null);
  };
  const insertOrder = async (id: string, userId: string, lines: Awaited<ReturnType<typeof line>>[], at: number, source: OrderDoc['source'], refunded = false) => {
    await db.collection('orders').insert(withSearchKeys({
      _id: id,
      userId,
      status: refunded ? 'refunded' : 'completed',
      lines,
      price: priceOrder(lines, []),
      address: DEMO_ADDRESS,
      couponId: null,
      couponIds: [],
      source,
      createdAt: at,
      expiresAt: at + 30 * MINUTE,
      paidAt: at + MINUTE,
      shippedAt: refunded ? null : at + DAY,
      completedAt: refunded ? null : at + 4 * DAY,
      closedAt: refunded ? at + 2 * HOUR : null,
      tracking: refunded ? null : { company: '顺丰速运', number: `SF7${id.replace(/\D/g, '').padStart(9, '0')}` },
      transactionId: `4200-demo-${id}`,
      paymentMethod: 'local',
      refund: refunded ? { refundId: `R${id}`, reason: '不想要了', requestedAt: at + HOUR, state: 'SUCCESS' } : null,
      stockReturnedAt: refunded ? at + 2 * HOUR : null,
      paidEffectsAt: at + MINUTE,
    } as OrderDoc));
  };
  // six of last week's old fans were already customers: an earlier order each
  for (const [i, userId] of oldFans.slice(0, 6).entries()) {
    await insertOrder(`past-earlier-${i + 1}`, userId, [await line(i % 2 ? 'p-cleanser' : 'p-mask', false)], S - (30 + i) * DAY, { kind: 'organic' });
  }
  for (const [i, [userId, productId, kind, refunded]] of buyers.entries()) {
    const at = S + 15 * MINUTE + i * 7 * MINUTE;
    const source: OrderDoc['source'] = kind === 'live_card' ? { kind, liveId: pastLiveId, cardId: `card-${CARDS.findIndex(([p]) => p === productId) + 1}` } : { kind, liveId: pastLiveId, inviteCode: 'DEMOCODE' };
    await insertOrder(`past-order-${i + 1}`, userId, [await line(productId, true)], at, source, refunded);
  }
  await insertOrder('past-repeat-1', oldFans[1], [await line('p-cream', false)], S + 3 * DAY, { kind: 'organic' });
  await insertOrder('past-repeat-2', newFans[0].id, [await line('p-cream', false)], S + 4 * DAY, { kind: 'invite', inviteCode: 'DEMOCODE' });

  // visits in the week after the live
  for (const [i, f] of newFans.entries()) {
    if (i % 2 === 1) continue;
    const at = live.endAt + (1 + (i % 6)) * DAY;
    if (at > ports.clock.now()) continue;
    const day = shanghaiDay(at);
    await db.collection('visits').insert({ _id: `${f.id}:${day}`, userId: f.id, day, at });
  }
}
