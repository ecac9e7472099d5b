import type { StaffAfterSale } from '../../../../typings/contract/index';
import { staffListAfterSales, type AfterSaleQueue } from '../../../services/aftersale-admin';
import { assetUrl } from '../../../services/call';
import { instanceState } from '../../../utils/instance-state';
import { staffListBehavior } from '../../behaviors/staff-page';
import { QUEUE_FILTERS, afterSaleRow, queueEmptyText, type AfterSaleRow } from '../../utils/aftersale';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

const afterSaleList = staffListBehavior<StaffAfterSale, AfterSaleRow>({
  list: 'rows',
  row: (a) => ({ ...afterSaleRow(a), image: assetUrl(a.image) }),
});

/** Whether the screen has been shown once: coming back to it (from an application handled) reads the list again. */
const local = instanceState(() => ({ shown: false }));

/**
 * 售后 (admin subpackage): the shoppers' after-sale applications, newest move first, on the 待处理
 * tab (every state staff still have to act on) or narrowed to one state; a row opens the application.
 */
Component({
  behaviors: [afterSaleList],
  data: {
    filters: QUEUE_FILTERS,
    queue: 'open' as AfterSaleQueue,
    emptyText: queueEmptyText('open'),
    rows: [] as AfterSaleRow[],
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const queue = QUEUE_FILTERS.find((f) => f.queue === options.state)?.queue;
      if (queue !== undefined) this.setData({ queue, emptyText: queueEmptyText(queue) });
      void this.load();
    },

    onShow() {
      const state = local(this);
      if (state.shown && this.data.state === 'ready') void this.reloadList();
      state.shown = true;
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => this.fetchList(1),
        (list) => this.firstPageView(list),
      );
    },

    fetchList(page: number) {
      return staffListAfterSales(this.data.queue, page);
    },

    onFilter(e: Tap<{ queue: AfterSaleQueue }>) {
      const queue = e.currentTarget.dataset.queue;
      if (queue === this.data.queue) return;
      this.setData({ queue, emptyText: queueEmptyText(queue), rows: [], total: 0 });
      void this.reloadList();
    },

    onOpen(e: Tap<{ id: string }>) {
      wx.navigateTo({ url: `/admin/pages/after-sale/index?id=${e.currentTarget.dataset.id}` });
    },
  },
});
