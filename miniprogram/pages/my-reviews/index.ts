import type { MyReview } from '../../../typings/contract/index';
import { pagedListBehavior, type ListPage, type ListState } from '../../behaviors/paged-list';
import { myReviews } from '../../services/reviews';
import { myReviewRow, type MyReviewRow } from '../../utils/reviews';

type RowEvent = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string; index: number }>;

const reviewList = pagedListBehavior<MyReview, MyReviewRow>({ list: 'items', row: myReviewRow, key: (r) => r._id });

/** 我的评价: the shopper's own reviews, newest first, with where each stands and the points it earned. */
Component({
  behaviors: [reviewList],
  data: {
    state: 'loading' as ListState,
    errorMessage: '',
    items: [] as MyReviewRow[],
  },
  methods: {
    async fetchPage(page: number): Promise<ListPage<MyReview>> {
      return myReviews(page);
    },

    onPreview(e: RowEvent) {
      const review = (this.data.items as MyReviewRow[]).find((r) => r._id === e.currentTarget.dataset.id);
      if (review) wx.previewImage({ urls: review.photos, current: review.photos[Number(e.currentTarget.dataset.index)] });
    },

    onOpenOrder(e: RowEvent) {
      const review = (this.data.items as MyReviewRow[]).find((r) => r._id === e.currentTarget.dataset.id);
      if (review) wx.navigateTo({ url: `/pages/order/index?id=${encodeURIComponent(review.orderId)}` });
    },

    onOpenOrders() {
      wx.navigateTo({ url: '/pages/orders/index' });
    },
  },
});
