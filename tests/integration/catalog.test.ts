import { testRuntime, type TestRuntime } from '../helpers/runtime';

describe('catalog through the kernel on a fresh SQLite file', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('lists seeded products, best sellers first, with total', async () => {
    const r = await rt.as('demo-shopper')<{ items: Array<{ sales: number }>; total: number }>('mall', 'listProducts', {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.total).toBeGreaterThanOrEqual(30);
    expect(r.data.items).toHaveLength(20);
    const sales = r.data.items.map((i) => i.sales);
    expect(sales).toEqual([...sales].sort((a, b) => b - a));
  });
});
