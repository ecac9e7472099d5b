import type { PointsBalance } from '../../../typings/contract/index';
import { pointsBalance, pointsHistory } from '../../services/points';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { expiringText, ledgerRow, tierView, type LedgerRow, type TierView } from '../../utils/member';
import { changes, isEmpty } from '../../utils/set-data';

type ListState = 'loading' | 'ready' | 'empty' | 'error';
type MoreState = 'idle' | 'loading' | 'error' | 'done';

const local = instanceState(() => ({ token: 0, page: 0, total: 0, shown: false }));

const summary = (b: PointsBalance) => ({ balance: b.balance, tier: tierView(b), expiringText: expiringText(b.expiring) });

/** Points: the balance, the tier's progress and the ledger (points.history, 20 a page, newest first). */
Component({
  data: {
    state: 'loading' as ListState,
    errorMessage: '',
    balance: 0,
    tier: null as TierView | null,
    expiringText: '',
    rows: [] as LedgerRow[],
    moreState: 'idle' as MoreState,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    /** Back from the rewards store: the balance may have moved. */
    onShow() {
      const state = local(this);
      if (state.shown) void this.load(true);
      state.shown = true;
    },

    onPullDownRefresh() {
      void this.load(true).then(() => wx.stopPullDownRefresh());
    },

    onReachBottom() {
      void this.loadMore();
    },

    /** The balance and the first page; `quiet` keeps what is shown while it reloads. */
    async load(quiet = false): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      if (!quiet || this.data.state !== 'ready') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const [balance, history] = await Promise.all([pointsBalance(), pointsHistory(1)]);
        if (token !== state.token) return;
        state.page = 1;
        state.total = history.total;
        const rows = history.items.map(ledgerRow);
        const patch = changes(this.data, {
          ...summary(balance),
          state: (rows.length ? 'ready' : 'empty') as ListState,
          rows,
          moreState: (rows.length >= history.total ? 'done' : 'idle') as MoreState,
        });
        if (!isEmpty(patch)) this.setData(patch);
      } catch (e) {
        if (token !== state.token) return;
        if (quiet && this.data.state === 'ready') wx.showToast({ title: errorText(e), icon: 'none' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    async loadMore(): Promise<void> {
      const state = local(this);
      if (this.data.state !== 'ready' || (this.data.moreState !== 'idle' && this.data.moreState !== 'error')) return;
      const token = state.token;
      this.setData({ moreState: 'loading' });
      try {
        const history = await pointsHistory(state.page + 1);
        if (token !== state.token) return;
        state.page += 1;
        state.total = history.total;
        const start = this.data.rows.length;
        // an entry written since the first page shifts the pages: skip what is already shown
        const shown = new Set(this.data.rows.map((r) => r._id));
        const fresh = history.items.filter((e) => !shown.has(e._id)).map(ledgerRow);
        const patch: Record<string, unknown> = {
          moreState: !history.items.length || start + fresh.length >= history.total ? 'done' : 'idle',
        };
        fresh.forEach((row, i) => {
          patch[`rows[${start + i}]`] = row;
        });
        this.setData(patch);
      } catch {
        if (token === state.token) this.setData({ moreState: 'error' });
      }
    },

    onRetry() {
      void this.load();
    },

    onRetryMore() {
      void this.loadMore();
    },

    onOpenRewards() {
      wx.navigateTo({ url: '/pages/rewards/index' });
    },
  },
});
