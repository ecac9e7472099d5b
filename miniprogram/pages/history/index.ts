import type { HistoryItem } from '../../../typings/contract/index';
import { pagedListBehavior, type ListPage, type ListState } from '../../behaviors/paged-list';
import type { ShelfSelect } from '../../components/shelf-item/index';
import { clearHistory, listHistory } from '../../services/browsing';
import { confirmDialog } from '../../utils/dialog';
import { errorText } from '../../utils/errors';
import { BROWSE_HISTORY_KEPT } from '../../utils/generated/limits';
import { instanceState } from '../../utils/instance-state';
import { openShelfProduct } from '../../utils/shelf';
import { historyRow, type HistoryRow } from './utils';

const local = instanceState(() => ({ clearing: false }));

/** Last viewed first, and a product viewed again moves up: a row already listed is not listed twice. */
const history = pagedListBehavior<HistoryItem, HistoryRow>({ list: 'rows', row: historyRow, key: (h) => h.productId });

/**
 * 足迹: the products the shopper viewed, last viewed first, under a heading per day (今天, 昨天,
 * 11月20日, in China time); the newest 100 are kept. 清空 asks first.
 */
Component({
  behaviors: [history],
  data: {
    state: 'loading' as ListState,
    errorMessage: '',
    rows: [] as HistoryRow[],
    keptText: `仅保留最近 ${BROWSE_HISTORY_KEPT} 件商品的浏览记录`,
  },
  methods: {
    fetchPage(page: number): Promise<ListPage<HistoryItem>> {
      return listHistory(page);
    },

    onSelect(e: WechatMiniprogram.CustomEvent<ShelfSelect>) {
      openShelfProduct(e.detail);
    },

    async onClear(): Promise<void> {
      const state = local(this);
      if (state.clearing) return;
      if (!(await confirmDialog({ title: '清空足迹', content: '确定清空全部浏览足迹吗？清空后不可恢复', confirmText: '清空' }))) return;
      state.clearing = true;
      try {
        await clearHistory();
        wx.showToast({ title: '足迹已清空', icon: 'none' });
        await this.loadFirst(true);
      } catch (e) {
        wx.showToast({ title: errorText(e), icon: 'none' });
      } finally {
        state.clearing = false;
      }
    },

    onBrowse() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
