import { MergedPages, type Dated } from '../../../miniprogram/utils/merged-pages';

/** A paged query over `items` (newest first), `size` a page, recording the pages asked for. */
function query(items: Dated[], size: number, asked: number[]) {
  return async (page: number) => {
    asked.push(page);
    return { items: items.slice((page - 1) * size, page * size), total: items.length };
  };
}

const dated = (prefix: string, times: number[]): Dated[] => times.map((t, i) => ({ _id: `${prefix}${i}`, createdAt: t }));

describe('merged pages (several paged queries read as one list)', () => {
  it('reads one query page by page', async () => {
    const asked: number[] = [];
    const pages = new MergedPages([query(dated('a', [9, 8, 7, 6, 5]), 2, asked)], 2);
    expect((await pages.next()).map((d) => d._id)).toEqual(['a0', 'a1']);
    expect(asked).toEqual([1]);
    expect(pages.done).toBe(false);
    expect((await pages.next()).map((d) => d._id)).toEqual(['a2', 'a3']);
    expect((await pages.next()).map((d) => d._id)).toEqual(['a4']);
    expect(pages.done).toBe(true);
    expect(await pages.next()).toEqual([]);
    expect(asked).toEqual([1, 2, 3]);
    expect(pages.total).toBe(5);
  });

  it('merges two queries newest first, fetching a page only when its buffer runs out', async () => {
    const a: number[] = [];
    const b: number[] = [];
    const pages = new MergedPages([query(dated('a', [100, 90, 50, 40]), 2, a), query(dated('b', [95, 60, 55, 10]), 2, b)], 3);
    expect((await pages.next()).map((d) => d._id)).toEqual(['a0', 'b0', 'a1']);
    expect([a, b]).toEqual([[1], [1]]);
    expect((await pages.next()).map((d) => d._id)).toEqual(['b1', 'b2', 'a2']);
    expect([a, b]).toEqual([[1, 2], [1, 2]]);
    expect((await pages.next()).map((d) => d._id)).toEqual(['a3', 'b3']);
    expect(pages.done).toBe(true);
  });

  it('shows an item once when it moves between pages, and ends a query on an empty page', async () => {
    const pages = new MergedPages(
      [
        async (page: number) => (page === 1 ? { items: dated('x', [5, 4]), total: 5 } : page === 2 ? { items: [{ _id: 'x1', createdAt: 4 }], total: 5 } : { items: [], total: 5 }),
      ],
      10,
    );
    expect((await pages.next()).map((d) => d._id)).toEqual(['x0', 'x1']);
    expect(pages.done).toBe(true);
  });

  it('lets a failed fetch be retried without losing or repeating items', async () => {
    let fail = true;
    const pages = new MergedPages(
      [
        async (page: number) => {
          if (page === 2 && fail) {
            fail = false;
            throw new Error('network');
          }
          return { items: dated(`p${page}-`, page === 1 ? [9, 8] : [7]), total: 3 };
        },
      ],
      2,
    );
    expect((await pages.next()).map((d) => d._id)).toEqual(['p1-0', 'p1-1']);
    await expect(pages.next()).rejects.toThrow('network');
    expect((await pages.next()).map((d) => d._id)).toEqual(['p2-0']);
  });
});
