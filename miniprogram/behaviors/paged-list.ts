import { errorText } from '../utils/errors';
import { instanceState } from '../utils/instance-state';
import { changes, isEmpty } from '../utils/set-data';

/** A list's state, as its page-state shows it. */
export type ListState = 'loading' | 'ready' | 'empty' | 'error';

/** The line under the list: more to load, loading, failed (tap to retry), or the end. */
export type MoreState = 'idle' | 'loading' | 'error' | 'done';

/** The page lifecycles the behaviour can wire. */
export type ListLifecycle = 'onLoad' | 'onShow' | 'onPullDownRefresh' | 'onReachBottom';

const ALL_LIFECYCLES: readonly ListLifecycle[] = ['onLoad', 'onShow', 'onPullDownRefresh', 'onReachBottom'];

/** One page as a list API answers it. */
export interface ListPage<Item> {
  items: Item[];
  total: number;
  /** whether nothing comes after, where the source knows better than the count (merged queries) */
  done?: boolean;
  /** data shown along with the first page (the balance over the points ledger) */
  extra?: Record<string, unknown>;
}

/** What the page defines for the behaviour: page `page` (from 1) of the list as it is filtered now. */
export interface ListSource<Item> {
  fetchPage(page: number): Promise<ListPage<Item>>;
}

export interface PagedListOptions<Item, Row> {
  /** the data key of the rows */
  list: string;
  /** the data keys of the list's state and of its error line, when not `state` and `errorMessage` */
  state?: string;
  error?: string;
  /** the row for an item; `now` is read once per answer */
  row: (item: Item, now: number) => Row;
  /** set where pages shift under the shopper (newest first): an item already listed is not listed again */
  key?: (item: Item) => string;
  /** a quiet reload keeps the empty state on screen as well as the list */
  quietWhenEmpty?: boolean;
  /**
   * the lifecycles the behaviour wires, all by default; a page leaves out one it defines itself
   * (an onLoad that reads the query first) or one the list has no use for (a feed not reloaded on show)
   */
  lifecycles?: readonly ListLifecycle[];
}

interface Owner {
  data: object;
  setData(patch: Record<string, unknown>): void;
}

interface Loader {
  loadFirst(quiet?: boolean): Promise<void>;
  loadMore(): Promise<void>;
  reloadOnShow(): void;
}

const stopPullDown = () => wx.stopPullDownRefresh();

const lifecycles = {
  onLoad(this: Loader) {
    void this.loadFirst();
  },
  onShow(this: Loader) {
    this.reloadOnShow();
  },
  onPullDownRefresh(this: Loader) {
    this.loadFirst(true).then(stopPullDown, stopPullDown);
  },
  onReachBottom(this: Loader) {
    void this.loadMore();
  },
};

/** setData with only what differs from what is shown; nothing at all when nothing does. */
function show(owner: Owner, next: Record<string, unknown>): void {
  const patch = changes(owner.data as Record<string, unknown>, next);
  if (!isEmpty(patch)) owner.setData(patch);
}

/**
 * A list read a page at a time (订单, 优惠券, 积分明细, …). The page defines `fetchPage(page)` and
 * declares the rows, the state and the error line in its data; the behaviour owns `moreState` and,
 * off data, the request token, the page number and the items behind the rows. A newer first page
 * makes every older answer stale; a failed first load is the error state, or a toast when the list
 * was on screen.
 *
 * The behaviour wires the page lifecycles itself: onLoad → loadFirst(), onShow → reloadOnShow(),
 * onPullDownRefresh → loadFirst(true) then wx.stopPullDownRefresh(), onReachBottom → loadMore();
 * and the retries: onRetry (the error state's) → loadFirst(), onRetryMore (the line under the
 * list) → loadMore(). They are `methods`, as a Component-built page's lifecycles are (see
 * behaviors/page-load.ts for why not `lifetimes` or `pageLifetimes`); a page's own method of the
 * same name replaces the behaviour's, so a page that defines a lifecycle leaves it out of
 * `lifecycles` and calls the loader itself, and a page whose error state is not the list's (the
 * home sections, the categories) keeps its own onRetry.
 */
export function pagedListBehavior<Item, Row>(options: PagedListOptions<Item, Row>) {
  const { list, state: stateKey = 'state', error: errorKey = 'errorMessage', row, key } = options;
  const keptWhenQuiet: ListState[] = options.quietWhenEmpty ? ['ready', 'empty'] : ['ready'];
  const local = instanceState(() => ({ token: 0, page: 0, items: [] as Item[], shown: false }));
  const listState = (owner: Owner) => (owner.data as Record<string, unknown>)[stateKey] as ListState;
  const source = (owner: object) => owner as ListSource<Item>;
  const wiredLifecycles: Partial<typeof lifecycles> = {};
  for (const name of options.lifecycles ?? ALL_LIFECYCLES) Object.assign(wiredLifecycles, { [name]: lifecycles[name] });

  return Behavior({
    data: {
      moreState: 'idle' as MoreState,
    },
    methods: {
      /** The first page, afresh; `quiet` keeps what is shown (see `quietWhenEmpty`) while it loads. */
      async loadFirst(quiet = false): Promise<void> {
        const state = local(this);
        const token = ++state.token;
        if (!quiet || !keptWhenQuiet.includes(listState(this))) {
          show(this, { [stateKey]: 'loading', [errorKey]: '', [list]: [], moreState: 'idle' });
        }
        try {
          const page = await source(this).fetchPage(1);
          if (token !== state.token) return;
          state.page = 1;
          state.items = page.items;
          const now = Date.now();
          show(this, {
            ...page.extra,
            [stateKey]: page.items.length ? 'ready' : 'empty',
            [list]: page.items.map((item) => row(item, now)),
            moreState: (page.done ?? page.items.length >= page.total) ? 'done' : 'idle',
          });
        } catch (e) {
          if (token !== state.token) return;
          if (listState(this) === 'ready') wx.showToast({ title: errorText(e), icon: 'none' });
          else this.setData({ [stateKey]: 'error', [errorKey]: errorText(e) });
        }
      },

      /** The next page, appended; only from a ready list with more to load (or a failed attempt). */
      async loadMore(): Promise<void> {
        if (listState(this) !== 'ready' || (this.data.moreState !== 'idle' && this.data.moreState !== 'error')) return;
        const state = local(this);
        const token = state.token;
        this.setData({ moreState: 'loading' });
        try {
          const page = await source(this).fetchPage(state.page + 1);
          if (token !== state.token) return;
          state.page += 1;
          const listed = key ? new Set(state.items.map(key)) : null;
          const fresh = listed && key ? page.items.filter((item) => !listed.has(key(item))) : page.items;
          state.items = [...state.items, ...fresh];
          const start = ((this.data as Record<string, unknown>)[list] as Row[]).length;
          const now = Date.now();
          // append by path: only the new rows travel through setData
          const patch: Record<string, unknown> = {
            moreState: !page.items.length || (page.done ?? start + fresh.length >= page.total) ? 'done' : 'idle',
          };
          fresh.forEach((item, i) => {
            patch[`${list}[${start + i}]`] = row(item, now);
          });
          this.setData(patch);
        } catch {
          if (token === state.token) this.setData({ moreState: 'error' });
        }
      },

      /** For onShow: from the second show on (back from another page), the first page again, quietly. */
      reloadOnShow(): void {
        const state = local(this);
        if (state.shown) void this.loadFirst(true);
        state.shown = true;
      },

      /** The page-state component's retry: the first page again, from loading. */
      onRetry(): void {
        void this.loadFirst();
      },

      onRetryMore() {
        void this.loadMore();
      },

      /** The items behind the rows, in the same order. */
      listedItems(): readonly Item[] {
        return local(this).items;
      },

      ...(wiredLifecycles as {}),
    },
  });
}
