import type { MyEntryItem } from '../../../../typings/contract/index';
import { pagedListBehavior, type ListPage, type ListState } from '../../../behaviors/paged-list';
import { myRaffleEntries } from '../../../services/raffle';
import { prizeStatusText, RAFFLE_KIND_TEXT, resultText } from '../../../utils/raffle-text';
import { formatDateTime } from '../../../utils/time';

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

// read again on the way back from a raffle: a prize may have been claimed
const entryList = pagedListBehavior<MyEntryItem, EntryRow>({ list: 'entries', row: entryRow, key: (e) => e.entryId });

type RowTap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { raffle: string }>;

/** The shopper's raffle entries (raffle.myEntries, 10 a page, newest first); each opens its raffle. */
Component({
  behaviors: [entryList],
  data: {
    state: 'loading' as ListState,
    errorMessage: '',
    entries: [] as EntryRow[],
  },
  methods: {
    fetchPage(page: number): Promise<ListPage<MyEntryItem>> {
      return myRaffleEntries(page);
    },

    onOpenRaffle(e: RowTap) {
      const raffleId = e.currentTarget.dataset.raffle;
      if (raffleId) wx.navigateTo({ url: `/pages/raffle/index?id=${encodeURIComponent(raffleId)}` });
    },

    onBrowseLives() {
      wx.switchTab({ url: '/pages/live/index' });
    },
  },
});
