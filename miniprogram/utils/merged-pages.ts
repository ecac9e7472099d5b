/**
 * Pages of one list read from several paged queries at once, newest first: the refunds tab asks
 * for `refunding` and `refunded` orders separately (the API takes one status) and shows them as
 * one list. A k-way merge that fetches a query's next page only when its buffer runs out, so
 * every item shown is in order, and duplicates (an order that moved between pages) show once.
 */
export interface Dated {
  _id: string;
  createdAt: number;
}

export type PageFetch<T> = (page: number) => Promise<{ items: T[]; total: number }>;

interface Stream<T> {
  fetch: PageFetch<T>;
  page: number;
  total: number;
  fetched: number;
  buffer: T[];
}

const newer = (a: Dated, b: Dated) => (a.createdAt !== b.createdAt ? a.createdAt > b.createdAt : a._id > b._id);

export class MergedPages<T extends Dated> {
  private readonly streams: Array<Stream<T>>;
  private readonly seen = new Set<string>();

  constructor(
    fetches: Array<PageFetch<T>>,
    private readonly pageSize: number,
  ) {
    this.streams = fetches.map((fetch) => ({ fetch, page: 0, total: Number.POSITIVE_INFINITY, fetched: 0, buffer: [] }));
  }

  /** Whether every query has been read to its end and shown. */
  get done(): boolean {
    return this.streams.every((s) => s.buffer.length === 0 && s.fetched >= s.total);
  }

  /** The sum of the queries' totals as last reported. */
  get total(): number {
    return this.streams.reduce((n, s) => n + (Number.isFinite(s.total) ? s.total : 0), 0);
  }

  private async fill(s: Stream<T>): Promise<void> {
    if (s.buffer.length || s.fetched >= s.total) return;
    const result = await s.fetch(s.page + 1);
    s.page += 1;
    s.fetched += result.items.length;
    // an empty page ends the query even if its total says more (items moved away meanwhile)
    s.total = result.items.length ? result.total : s.fetched;
    s.buffer.push(...result.items);
  }

  /** The next items, at most one page; empty when done. A failed fetch rejects and can be retried. */
  async next(): Promise<T[]> {
    const out: T[] = [];
    while (out.length < this.pageSize) {
      await Promise.all(this.streams.map((s) => this.fill(s)));
      const live = this.streams.filter((s) => s.buffer.length);
      if (!live.length) break;
      const from = live.reduce((best, s) => (newer(s.buffer[0], best.buffer[0]) ? s : best));
      const item = from.buffer.shift()!;
      if (!this.seen.has(item._id)) {
        this.seen.add(item._id);
        out.push(item);
      }
    }
    return out;
  }
}
