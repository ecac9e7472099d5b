import { buildAssociations, rankRecommendations, relatedTo, strength, type CandidateProduct, type RankInput } from '../../cloudfunctions/core/modules/recommend/rules';

/**
 * Ten customers' baskets: foundation goes with powder far more than chance; lipstick is bought by
 * almost everyone, so it goes with everything only as much as its popularity explains.
 */
const BASKETS = [
  ['foundation', 'powder', 'lipstick'],
  ['foundation', 'powder', 'lipstick'],
  ['foundation', 'powder'],
  ['foundation', 'lipstick'],
  ['powder', 'lipstick'],
  ['serum', 'lipstick'],
  ['serum', 'cream', 'lipstick'],
  ['serum', 'cream', 'lipstick'],
  ['lipstick'],
  ['mask'],
];

describe('associations', () => {
  const table = buildAssociations(BASKETS);

  it('support, confidence and lift over customers', () => {
    expect(table.baskets).toBe(10);
    // n(foundation)=4, n(powder)=4, n(both)=3
    expect(table.items.get('foundation')!.find((p) => p.productId === 'powder')).toEqual({ productId: 'powder', count: 3, support: 0.3, confidence: 0.75, lift: 1.875 });
    expect(table.items.get('powder')!.find((p) => p.productId === 'foundation')).toEqual({ productId: 'foundation', count: 3, support: 0.3, confidence: 0.75, lift: 1.875 });
    // n(serum)=3, n(cream)=2, n(both)=2: cream always comes with serum
    expect(table.items.get('cream')![0]).toEqual({ productId: 'serum', count: 2, support: 0.2, confidence: 1, lift: 3.3333 });
    expect(table.items.get('serum')![0]).toEqual({ productId: 'cream', count: 2, support: 0.2, confidence: 0.666667, lift: 3.3333 });
  });

  it('drops pairs bought together once, and pairs no better than chance', () => {
    // foundation+lipstick: 3 of 4 foundation buyers, but 8 of 10 customers buy lipstick: lift 0.94
    expect(table.items.get('foundation')!.map((p) => p.productId)).toEqual(['powder']);
    // mask was never bought with anything
    expect(table.items.has('mask')).toBe(false);
    // kept: foundation+powder, serum+cream, and lipstick with serum and cream (every serum or cream buyer took one)
    expect(table.pairs).toBe(4);
    expect(table.items.get('serum')!.map((p) => p.productId)).toEqual(['cream', 'lipstick']);
  });

  it('strength is confidence discounted by what popularity alone gives', () => {
    expect(strength({ confidence: 0.75, lift: 1.875 })).toBeCloseTo(0.35);
    expect(strength({ confidence: 0.9, lift: 1 })).toBe(0);
  });
});

describe('ranking', () => {
  const table = buildAssociations(BASKETS);
  const product = (productId: string, categoryId: string, sales: number, available = true): CandidateProduct => ({ productId, title: productId.toUpperCase(), categoryId, sales, available });
  const candidates = new Map(
    [
      product('foundation', 'makeup', 100),
      product('powder', 'makeup', 50),
      product('lipstick', 'makeup', 500),
      product('serum', 'skin', 80),
      product('cream', 'skin', 60),
      product('mask', 'skin', 300),
      product('perfume', 'fragrance', 10),
    ].map((c) => [c.productId, c]),
  );
  const input = (over: Partial<RankInput>): RankInput => ({
    bought: [],
    boughtTitles: new Map([['foundation', '粉底液'], ['serum', '精华']]),
    assoc: table.items,
    interests: new Map(),
    categoryNames: new Map([['makeup', '彩妆'], ['skin', '护肤'], ['fragrance', '香氛']]),
    live: null,
    candidates,
    limit: 10,
    ...over,
  });

  it('bought foundation: powder first, because of the foundation; nothing bought is shown again', () => {
    const r = rankRecommendations(input({ bought: ['foundation'] }));
    expect(r[0]).toEqual({ productId: 'powder', score: expect.any(Number), reason: { kind: 'bought_with', productId: 'foundation', title: '粉底液' } });
    expect(r.map((x) => x.productId)).not.toContain('foundation');
  });

  it('out of stock or off shelf is never recommended', () => {
    const soldOut = new Map(candidates);
    soldOut.set('powder', { ...candidates.get('powder')!, available: false });
    const r = rankRecommendations(input({ bought: ['foundation'], candidates: soldOut }));
    expect(r.map((x) => x.productId)).not.toContain('powder');
  });

  it('category affinity from views and taps, with the category as the reason', () => {
    const r = rankRecommendations(input({ interests: new Map([['skin', 6], ['makeup', 1]]) }));
    expect(r[0]).toEqual({ productId: 'mask', score: expect.any(Number), reason: { kind: 'category', categoryId: 'skin', name: '护肤' } });
  });

  it('with nothing known, best sellers as popular', () => {
    const r = rankRecommendations(input({ limit: 3 }));
    expect(r.map((x) => [x.productId, x.reason.kind])).toEqual([
      ['lipstick', 'popular'],
      ['mask', 'popular'],
      ['foundation', 'popular'],
    ]);
  });

  it('a tapped card of the live counts, with the live as the reason', () => {
    const live = { liveId: 'L1', title: '底妆专场', productIds: new Set(['perfume', 'cream']), tapped: new Set(['perfume']) };
    const r = rankRecommendations(input({ live, limit: 2 }));
    expect(r[0]).toEqual({ productId: 'perfume', score: expect.any(Number), reason: { kind: 'live', liveId: 'L1', title: '底妆专场' } });
  });

  it('is deterministic and limited', () => {
    const a = rankRecommendations(input({ bought: ['serum'], interests: new Map([['makeup', 2]]), limit: 4 }));
    expect(a).toHaveLength(4);
    expect(rankRecommendations(input({ bought: ['serum'], interests: new Map([['makeup', 2]]), limit: 4 }))).toEqual(a);
    // lipstick: a weak partner of serum (0.2) but a strong fit for the makeup the user looks at (0.4)
    expect(a.map((x) => [x.productId, x.reason])).toEqual([
      ['lipstick', { kind: 'category', categoryId: 'makeup', name: '彩妆' }],
      ['cream', { kind: 'bought_with', productId: 'serum', title: '精华' }],
      ['foundation', { kind: 'category', categoryId: 'makeup', name: '彩妆' }],
      ['powder', { kind: 'category', categoryId: 'makeup', name: '彩妆' }],
    ]);
  });

  it('relatedTo: strongest partners of what was bought, minus exclusions', () => {
    expect(relatedTo(['foundation', 'serum'], table.items, new Set(), 5)).toEqual(['cream', 'powder', 'lipstick']);
    expect(relatedTo(['foundation', 'serum'], table.items, new Set(['cream']), 2)).toEqual(['powder', 'lipstick']);
  });
});
