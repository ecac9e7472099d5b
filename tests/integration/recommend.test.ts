import type { Recommendation } from '../../typings/contract';
import { priceOrder } from '../../cloudfunctions/core/modules/orders/pricing';
import { orderLine } from '../../cloudfunctions/core/modules/orders/rules';
import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';

const DAY = 24 * 3_600_000;

describe('recommendations', () => {
  let rt: TestRuntime;
  let n = 0;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  /** A paid order, written straight to the database, by a user who exists. */
  async function bought(userId: string, ...productIds: string[]) {
    if (!(await rt.db.collection('users').get(userId))) {
      await rt.db.collection('users').insert({ _id: userId, openid: userId, nickname: userId, createdAt: T0 - 90 * DAY, lastSeenAt: T0 - DAY });
    }
    const lines = [];
    for (const productId of productIds) {
      const sku = (await rt.db.collection('skus').get(`${productId}-1`))!;
      lines.push(orderLine(sku, (await rt.db.collection('products').get(productId))!, 1, null));
    }
    const at = T0 - (30 - n++) * DAY;
    await rt.db.collection('orders').insert({
      _id: `rc-order-${n}`,
      userId,
      status: 'completed',
      lines,
      price: priceOrder(lines, []),
      address: null as never,
      couponId: null,
      source: { kind: 'organic' },
      createdAt: at,
      expiresAt: at,
      paidAt: at,
      shippedAt: null,
      completedAt: null,
      closedAt: null,
      tracking: null,
      transactionId: `tx-rc-${n}`,
      paymentMethod: 'local',
      refund: null,
      stockReturnedAt: null,
      paidEffectsAt: at,
    });
  }

  const forMe = async (userId: string, data: Record<string, unknown> = {}) => {
    const r = await rt.as(userId)<{ items: Recommendation[]; computedAt: number | null }>('recommend', 'forMe', data);
    if (!r.ok) throw new Error(r.error.code);
    return r.data;
  };

  async function plant() {
    // four customers bought foundation then loose powder; two bought serum and cream
    for (const u of ['rc-1', 'rc-2', 'rc-3', 'rc-4']) {
      await bought(u, 'p-foundation');
      await bought(u, 'p-powder');
    }
    for (const u of ['rc-5', 'rc-6']) await bought(u, 'p-serum', 'p-cream');
    await bought('rc-me', 'p-foundation');
  }

  it('precomputed on demand: bought foundation → loose powder, because of the foundation', async () => {
    await plant();
    const rebuilt = await rt.as('demo-staff')<{ users: number; products: number; pairs: number; computedAt: number }>('admin', 'rebuildRecommendations', {});
    expect(rebuilt.ok && rebuilt.data.computedAt).toBe(T0);
    const powder = (await rt.db.collection('item_assoc').get('p-foundation'))!.related.find((p) => p.productId === 'p-powder')!;
    expect(powder.count).toBeGreaterThanOrEqual(4);
    expect(powder.lift).toBeGreaterThan(1);

    const { items, computedAt } = await forMe('rc-me');
    expect(computedAt).toBe(T0);
    expect(items[0]).toEqual({
      productId: 'p-powder',
      title: '轻盈定妆散粉',
      image: '/assets/p/p-powder.svg',
      priceFen: 12900,
      originalPriceFen: 15900,
      score: expect.any(Number),
      reason: { kind: 'bought_with', productId: 'p-foundation', title: '柔雾持妆粉底液' },
    });
    expect(items.map((i) => i.productId)).not.toContain('p-foundation');
    expect(items).toHaveLength(10);
    expect(new Set(items.map((i) => i.productId)).size).toBe(10);
  });

  it('never recommends what is out of stock', async () => {
    await plant();
    await rt.runTimer('recommend', 'rebuildRecommendations');
    await rt.db.collection('skus').update({ productId: 'p-powder' }, { $set: { stock: 0 } });
    expect((await forMe('rc-me')).items.map((i) => i.productId)).not.toContain('p-powder');
  });

  it('views raise a category: its best sellers come with the category as the reason', async () => {
    const events = ['p-serum', 'p-cream', 'p-toner', 'p-serum'].map((productId, i) => ({ type: 'product_view', productId, at: T0 - i * 1000 }));
    expect(await rt.as('looker')('live', 'track', { batchId: 'batch-0001', events })).toMatchObject({ ok: true });
    const { items } = await forMe('looker', { limit: 3 });
    expect(items.map((i) => i.reason)).toEqual(items.map(() => ({ kind: 'category', categoryId: 'cat-skincare', name: '护肤' })));
  });

  it("with a live: the cards the viewer tapped, because of the live", async () => {
    const events = [{ type: 'card_tap', liveId: 'live-tonight', cardId: 'card-2', at: T0 }];
    expect(await rt.as('tapper')('live', 'track', { batchId: 'batch-0002', events })).toMatchObject({ ok: true });
    const { items } = await forMe('tapper', { liveId: 'live-tonight', limit: 5 });
    expect(items[0]).toMatchObject({ productId: 'p-powder', reason: { kind: 'live', liveId: 'live-tonight', title: '底妆专场：粉底液 + 散粉直播间专享价' } });
    // without the live the tap still counts as interest in its category
    expect((await forMe('tapper', { limit: 1 })).items[0].reason).toEqual({ kind: 'category', categoryId: 'cat-makeup', name: '彩妆' });
  });

  it('a newcomer with no history gets best sellers', async () => {
    const { items } = await forMe('brand-new', { limit: 3 });
    expect(items.map((i) => [i.productId, i.reason.kind])).toEqual([
      ['p-sponge', 'popular'],
      ['p-lipbalm', 'popular'],
      ['p-cleanser', 'popular'],
    ]);
  });
});
