import type { AfterSale } from '../../../../typings/contract/index';
import { pagedListBehavior, type ListPage, type ListState } from '../../../behaviors/paged-list';
import { listAfterSales } from '../../../services/aftersale';
import { assetUrl } from '../../../services/call';
import { kindText, specText, stateText } from '../../../utils/aftersale';
import { formatYuan } from '../../../utils/money';
import { formatDateTime } from '../../../utils/time';

interface AfterSaleRow {
  _id: string;
  image: string;
  title: string;
  specText: string;
  kindText: string;
  stateText: string;
  /** '' for an exchange */
  amountText: string;
  quantity: number;
  createdText: string;
}

const row = (a: AfterSale): AfterSaleRow => ({
  _id: a._id,
  image: assetUrl(a.image),
  title: a.title,
  specText: specText(a.specs),
  kindText: kindText(a.kind),
  stateText: stateText(a.state),
  amountText: a.kind === 'exchange' ? '' : formatYuan(a.amountFen),
  quantity: a.quantity,
  createdText: formatDateTime(a.createdAt),
});

type RowEvent = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>;

// newest move first: an application that moves while the list is read would come again on the next page
const afterSaleList = pagedListBehavior<AfterSale, AfterSaleRow>({ list: 'items', row, key: (a) => a._id });

/** 退款/售后: the shopper's applications, the one that moved last first. */
Component({
  behaviors: [afterSaleList],
  data: {
    state: 'loading' as ListState,
    errorMessage: '',
    items: [] as AfterSaleRow[],
  },
  methods: {
    async fetchPage(page: number): Promise<ListPage<AfterSale>> {
      return listAfterSales(page);
    },

    onOpen(e: RowEvent) {
      wx.navigateTo({ url: `/pages/after-sale/detail/index?id=${encodeURIComponent(e.currentTarget.dataset.id)}` });
    },

    onOpenOrders() {
      wx.navigateTo({ url: '/pages/orders/index' });
    },
  },
});
