import type { Page } from '../../services/admin';
import { instanceState } from '../../utils/instance-state';
import { failureView, goBack, showFailure, type StaffPageState } from '../utils/staff';

/** One token per screen, shared by its load and its list requests: a newer request makes older answers stale. */
const local = instanceState(() => ({ token: 0 }));

interface StaffScreen {
  load(): Promise<void>;
}

/**
 * What every staff screen does to load: the loading state, then the screen's data as ready, or the
 * failure (denied: a way back; anything else: retry). The page defines `load()` with `loadScreen`,
 * and its WXML shows `state` and `errorMessage` with `onRetry`.
 */
export const staffPageBehavior = Behavior({
  data: {
    state: 'loading' as StaffPageState,
    errorMessage: '',
  },
  methods: {
    /** `read` asks the server; `view` turns the answer into data (and keeps what the page keeps off data), for the newest load only. */
    async loadScreen<T>(read: () => Promise<T>, view: (answer: T) => Record<string, unknown>): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const answer = await read();
        if (token !== state.token) return;
        this.setData({ state: 'ready', ...view(answer) });
      } catch (e) {
        if (token !== state.token) return;
        this.setData(failureView(e));
      }
    },

    onRetry() {
      if (this.data.state === 'denied') goBack();
      else void (this as unknown as StaffScreen).load();
    },
  },
});

/** What the page defines for a list: page `page` (from 1) for the filters as they are now. */
interface StaffListSource<Answer> {
  fetchList(page: number): Promise<Answer>;
}

/**
 * A staff screen (staffPageBehavior) with a list read a page at a time: `total` and `page` in data,
 * `listing` while a page is on its way, "加载更多" (`onMore`) while rows are missing. The page
 * defines `fetchList(page)` and declares the rows under `list`; `extra` adds what else a first
 * page's answer says (set with the rows, so an older answer never overwrites a newer one's).
 */
export function staffListBehavior<Item, Row, Answer extends Page<Item> = Page<Item>>(options: {
  list: string;
  row: (item: Item) => Row;
  extra?: (answer: Answer) => Record<string, unknown>;
}) {
  const { list, row, extra } = options;
  const rows = (owner: { data: object }) => (owner.data as Record<string, unknown>)[list] as Row[];
  const source = (owner: object) => owner as StaffListSource<Answer>;

  return Behavior({
    behaviors: [staffPageBehavior],
    data: {
      total: 0,
      page: 1,
      listing: false,
    },
    methods: {
      /** The list's part of the screen's data, from its first page. */
      firstPageView(answer: Answer): Record<string, unknown> {
        return { [list]: answer.items.map(row), total: answer.total, page: 1, ...(extra ? extra(answer) : {}) };
      },

      /** The first page again for the filters as they are now, keeping the screen around it. */
      async reloadList(): Promise<void> {
        const state = local(this);
        const token = ++state.token;
        this.setData({ listing: true });
        try {
          const answer = await source(this).fetchList(1);
          if (token !== state.token) return;
          this.setData({ listing: false, ...this.firstPageView(answer) });
        } catch (e) {
          this.setData({ listing: false });
          showFailure(e);
        }
      },

      async onMore(): Promise<void> {
        if (this.data.listing || rows(this).length >= this.data.total) return;
        const state = local(this);
        const token = state.token;
        const page = this.data.page + 1;
        this.setData({ listing: true });
        try {
          const answer = await source(this).fetchList(page);
          if (token !== state.token) return;
          const start = rows(this).length;
          // append by path: only the new rows travel through setData
          const patch: Record<string, unknown> = { listing: false, page, total: answer.total };
          answer.items.forEach((item, i) => {
            patch[`${list}[${start + i}]`] = row(item);
          });
          this.setData(patch);
        } catch (e) {
          this.setData({ listing: false });
          showFailure(e);
        }
      },
    },
  });
}
