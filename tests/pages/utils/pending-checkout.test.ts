import { parsePending, upsertPending, type PendingSelection } from '../../../miniprogram/utils/pending-checkout';
import { changes } from '../../../miniprogram/utils/set-data';

const line = (skuId: string, quantity: number, over: Partial<PendingSelection> = {}): PendingSelection => ({
  skuId,
  productId: 'p',
  quantity,
  attribution: { source: 'organic' },
  title: 't',
  image: '/assets/p/p.svg',
  specText: 's',
  priceFen: 100,
  ...over,
});

describe('pending checkout lines', () => {
  it('adds a new SKU, sums or replaces a known one, capped at 999', () => {
    const a = upsertPending([], line('s1', 2), 'add');
    expect(a).toEqual([line('s1', 2)]);
    expect(upsertPending(a, line('s1', 3), 'add')).toEqual([line('s1', 5)]);
    expect(upsertPending(a, line('s1', 3), 'replace')).toEqual([line('s1', 3)]);
    expect(upsertPending(a, line('s2', 1), 'replace')).toEqual([line('s1', 2), line('s2', 1)]);
    expect(upsertPending([line('s1', 998)], line('s1', 5), 'add')).toEqual([line('s1', 999)]);
  });

  it('keeps the newest attribution for a re-selected SKU', () => {
    const card = { liveId: 'l', cardId: 'c', source: 'live_card' as const };
    expect(upsertPending([line('s1', 1)], line('s1', 1, { attribution: card }), 'add')[0].attribution).toEqual(card);
  });

  it('drops malformed stored lines', () => {
    expect(parsePending('')).toEqual([]);
    expect(parsePending({})).toEqual([]);
    expect(parsePending([line('ok', 1), { skuId: 'x' }, line('zero', 0), line('frac', 1.5), null, line('no-attr', 1, { attribution: undefined as never })])).toEqual([
      line('ok', 1),
    ]);
  });
});

describe('setData patches', () => {
  it('leaves out what did not change, comparing objects by value', () => {
    const current = { a: 1, b: [1, 2], c: { x: 1 }, d: null as unknown };
    expect(changes(current, { a: 1, b: [1, 2], c: { x: 1 }, d: null })).toEqual({});
    expect(changes(current, { a: 2, b: [1, 2, 3], c: { x: 1 }, d: { y: 1 } })).toEqual({ a: 2, b: [1, 2, 3], d: { y: 1 } });
    expect(changes(current, { e: undefined })).toEqual({});
  });
});
