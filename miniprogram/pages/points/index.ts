import type { PointsBalance, PointsEntry } from '../../../typings/contract/index';
import { pagedListBehavior, type ListPage, type ListState } from '../../behaviors/paged-list';
import { pointsBalance, pointsHistory } from '../../services/points';
import { expiringText, ledgerRow, tierView, type LedgerRow, type TierView } from '../../utils/member';

// an entry written since the first page shifts the pages: what is already listed is skipped;
// back from the rewards store the ledger is read again (the balance may have moved)
const ledger = pagedListBehavior<PointsEntry, LedgerRow>({ list: 'rows', row: ledgerRow, key: (e) => e._id });

const summary = (b: PointsBalance) => ({ balance: b.balance, tier: tierView(b), expiringText: expiringText(b.expiring) });

/** Points: the balance, the tier's progress and the ledger (points.history, 20 a page, newest first). */
Component({
  behaviors: [ledger],
  data: {
    state: 'loading' as ListState,
    errorMessage: '',
    balance: 0,
    tier: null as TierView | null,
    expiringText: '',
    rows: [] as LedgerRow[],
  },
  methods: {
    /** A page of the ledger; the first comes with the balance and the tier shown over it. */
    async fetchPage(page: number): Promise<ListPage<PointsEntry>> {
      if (page > 1) return pointsHistory(page);
      const [balance, history] = await Promise.all([pointsBalance(), pointsHistory(1)]);
      return { ...history, extra: summary(balance) };
    },

    onOpenRewards() {
      wx.navigateTo({ url: '/pages/rewards/index' });
    },
  },
});
