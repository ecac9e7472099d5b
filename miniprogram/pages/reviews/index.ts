import type { Review } from '../../../typings/contract/index';
import { pagedListBehavior, type ListPage, type ListState } from '../../behaviors/paged-list';
import { listReviews } from '../../services/reviews';
import { instanceState } from '../../utils/instance-state';
import { reviewRow, summaryText, type ReviewRow } from '../../utils/reviews';

type ReviewFilter = 'all' | 'photos';

const local = instanceState(() => ({ productId: '' }));

type PhotoEvent = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string; index: number }>;

// newest first: a review shown while the list is read would come again on the next page
const reviewList = pagedListBehavior<Review, ReviewRow>({
  list: 'items',
  row: reviewRow,
  key: (r) => r._id,
  lifecycles: ['onPullDownRefresh', 'onReachBottom'],
});

/** 商品评价: a product's visible reviews, newest first, all of them or those with photos. */
Component({
  behaviors: [reviewList],
  data: {
    state: 'loading' as ListState,
    errorMessage: '',
    items: [] as ReviewRow[],
    filter: 'all' as ReviewFilter,
    summaryText: '',
    total: 0,
    withPhotos: 0,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      local(this).productId = options.productId ?? '';
      if (options.photos === '1') this.setData({ filter: 'photos' });
      void this.loadFirst();
    },

    async fetchPage(page: number): Promise<ListPage<Review>> {
      const { productId } = local(this);
      if (!productId) return { items: [], total: 0 };
      const answer = await listReviews(productId, page, this.data.filter === 'photos');
      const { summary } = answer;
      if (summary.total !== this.data.total || summary.withPhotos !== this.data.withPhotos) {
        this.setData({ summaryText: summaryText(summary), total: summary.total, withPhotos: summary.withPhotos });
      }
      return answer;
    },

    onFilter(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { filter: ReviewFilter }>) {
      const filter = e.currentTarget.dataset.filter;
      if (filter === this.data.filter) return;
      this.setData({ filter });
      void this.loadFirst();
    },

    onPreview(e: PhotoEvent) {
      const review = (this.data.items as ReviewRow[]).find((r) => r._id === e.currentTarget.dataset.id);
      if (review) wx.previewImage({ urls: review.photos, current: review.photos[Number(e.currentTarget.dataset.index)] });
    },
  },
});
