import type { MyEntryItem } from '../../../../typings/contract/index';
import { myRaffleEntries } from '../../../services/raffle';
import { errorText } from '../../../utils/errors';
import { instanceState } from '../../../utils/instance-state';
import { prizeStatusText, RAFFLE_KIND_TEXT, resultText } from '../../../utils/raffle-text';
import { formatDateTime } from '../../../utils/time';

type ListState = 'loading' | 'ready' | 'empty' | 'error';
type MoreState = 'idle' | 'loading' | 'error' | 'done';

interface EntryRow {
  entryId: string;
  raffleId: string;
  title: string;
  kindText: string;
  drawText: string;
  resultText: string;
  won: boolean;
  prizeText: string;
  /** a goods prize waiting for the shopper's address */
  needsAddress: boolean;
}

const entryRow = (e: MyEntryItem): EntryRow => ({
  entryId: e.entryId,
  raffleId: e.raffleId,
  title: e.title,
  kindText: RAFFLE_KIND_TEXT[e.kind],
  drawText: `第 ${e.slot} 轮 · ${formatDateTime(e.drawAt)} 开奖`,
  resultText: e.result === 'won' && e.prize ? `中奖：${e.prize.title}` : resultText(e.result),
  won: e.result === 'won',
  prizeText: e.prize ? prizeStatusText(e.prize) : '',
  needsAddress: e.prize?.status === 'awaiting_address',
});

const local = instanceState(() => ({ token: 0, page: 0, shown: false }));

type RowTap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { raffle: string }>;

/** The shopper's raffle entries (raffle.myEntries, 10 a page, newest first); each opens its raffle. */
Component({
  data: {
    state: 'loading' as ListState,
    errorMessage: '',
    entries: [] as EntryRow[],
    moreState: 'idle' as MoreState,
  },
  methods: {
    onLoad() {
      void this.loadFirst();
    },

    /** Back from a raffle: a prize may have been claimed. */
    onShow() {
      const state = local(this);
      if (state.shown) void this.loadFirst(true);
      state.shown = true;
    },

    onPullDownRefresh() {
      void this.loadFirst(true).then(() => wx.stopPullDownRefresh());
    },

    onReachBottom() {
      void this.loadMore();
    },

    async loadFirst(quiet = false): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      if (!quiet || this.data.state !== 'ready') this.setData({ state: 'loading', errorMessage: '', entries: [], moreState: 'idle' });
      try {
        const { items, total } = await myRaffleEntries(1);
        if (token !== state.token) return;
        state.page = 1;
        this.setData({
          state: items.length ? 'ready' : 'empty',
          entries: items.map(entryRow),
          moreState: items.length >= total ? 'done' : 'idle',
        });
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
        const { items, total } = await myRaffleEntries(state.page + 1);
        if (token !== state.token) return;
        state.page += 1;
        const shown = new Set(this.data.entries.map((e) => e.entryId));
        const fresh = items.filter((e) => !shown.has(e.entryId));
        const start = this.data.entries.length;
        const patch: Record<string, unknown> = { moreState: !items.length || start + fresh.length >= total ? 'done' : 'idle' };
        fresh.forEach((e, i) => {
          patch[`entries[${start + i}]`] = entryRow(e);
        });
        this.setData(patch);
      } catch {
        if (token === state.token) this.setData({ moreState: 'error' });
      }
    },

    onOpenRaffle(e: RowTap) {
      const raffleId = e.currentTarget.dataset.raffle;
      if (raffleId) wx.navigateTo({ url: `/pages/raffle/index?id=${encodeURIComponent(raffleId)}` });
    },

    onRetry() {
      void this.loadFirst();
    },

    onRetryMore() {
      void this.loadMore();
    },

    onBrowseLives() {
      wx.switchTab({ url: '/pages/live/index' });
    },
  },
});
