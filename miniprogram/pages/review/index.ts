import { assetUrl, newRequestId } from '../../services/call';
import { reviewableLines, submitReview, type ReviewableLine } from '../../services/reviews';
import { specText } from '../../utils/aftersale';
import { errorCode, errorText } from '../../utils/errors';
import { MAX_REVIEW_PHOTOS } from '../../utils/generated/limits';
import { instanceState } from '../../utils/instance-state';
import { pointsHint, RATING_TEXT, REVIEW_TEXT_MAX, STATE_NOTE } from '../../utils/reviews';
import type { PhotoPickerChange } from '../../components/photo-picker/index';

type ReviewPageState = 'loading' | 'ready' | 'done' | 'unavailable' | 'error';

interface LineRow {
  skuId: string;
  title: string;
  image: string;
  specText: string;
  reviewed: boolean;
}

const local = instanceState(() => ({
  orderId: '',
  /** the line the page was opened for, when it names one */
  skuId: '',
  token: 0,
  photos: [] as string[],
  /** kept while an attempt is retried after a network failure, so the server answers it once */
  requestId: '',
}));

const UNAVAILABLE = '确认收货后才能评价这件商品';

const rowOf = (l: ReviewableLine): LineRow => ({ skuId: l.skuId, title: l.title, image: assetUrl(l.image), specText: specText(l.specs), reviewed: l.reviewId !== null });

/** The line to write about next: the one asked for while it is still open, else the first open one. */
const nextOpen = (lines: LineRow[], wanted: string): string =>
  (lines.find((l) => l.skuId === wanted && !l.reviewed) ?? lines.find((l) => !l.reviewed))?.skuId ?? '';

/** 评价晒单: a received order's lines; one at a time gets stars, text, photos and 匿名. */
Component({
  data: {
    state: 'loading' as ReviewPageState,
    errorMessage: '',
    lines: [] as LineRow[],
    active: '',
    rating: 5,
    ratingText: RATING_TEXT[5],
    starChoices: [1, 2, 3, 4, 5],
    text: '',
    textMax: REVIEW_TEXT_MAX,
    pointsHint: '',
    maxPhotos: MAX_REVIEW_PHOTOS,
    anonymous: false,
    uploading: false,
    submitting: false,
    /** what the last submitted review is waiting for, shown above the next line or the done state */
    notice: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const state = local(this);
      state.orderId = options.orderId ?? '';
      state.skuId = options.skuId ?? '';
      void this.load();
    },

    async load(): Promise<void> {
      const state = local(this);
      if (!state.orderId) {
        this.setData({ state: 'unavailable', errorMessage: '找不到要评价的订单' });
        return;
      }
      const token = ++state.token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const answer = await reviewableLines(state.orderId);
        const lines = answer.items.map(rowOf);
        if (token !== state.token) return;
        this.setData({ pointsHint: pointsHint(answer.rule) });
        // an order not received (or fully refunded away) has nothing to review yet
        if (!lines.length) this.setData({ state: 'unavailable', errorMessage: UNAVAILABLE });
        else this.show(lines);
      } catch (e) {
        if (token !== state.token) return;
        const code = errorCode(e);
        if (code === 'REVIEW_NOT_ALLOWED' || code === 'ORDER_NOT_FOUND') this.setData({ state: 'unavailable', errorMessage: code === 'ORDER_NOT_FOUND' ? '订单不存在' : UNAVAILABLE });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    /** The lines with the next open one's form fresh, or the done state when every line has its review. */
    show(lines: LineRow[]) {
      const state = local(this);
      const active = nextOpen(lines, state.skuId);
      state.photos = [];
      state.requestId = '';
      this.setData({
        state: active ? 'ready' : 'done',
        lines,
        active,
        rating: 5,
        ratingText: RATING_TEXT[5],
        text: '',
        anonymous: false,
        uploading: false,
      });
    },

    onRetry() {
      void this.load();
    },

    /** Another open line's form; what was typed for the current one is dropped. */
    onPickLine(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { skuId: string }>) {
      const skuId = e.currentTarget.dataset.skuId;
      const line = this.data.lines.find((l) => l.skuId === skuId);
      if (!line || line.reviewed || skuId === this.data.active || this.data.submitting || this.data.uploading) return;
      local(this).skuId = skuId;
      this.show(this.data.lines);
    },

    onRate(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { rating: number }>) {
      const rating = Number(e.currentTarget.dataset.rating);
      if (rating >= 1 && rating <= 5 && rating !== this.data.rating && !this.data.submitting) this.setData({ rating, ratingText: RATING_TEXT[rating] });
    },

    onText(e: WechatMiniprogram.Input) {
      this.setData({ text: e.detail.value.slice(0, REVIEW_TEXT_MAX) });
    },

    onPhotos(e: WechatMiniprogram.CustomEvent<PhotoPickerChange>) {
      local(this).photos = e.detail.fileIds;
      if (e.detail.uploading !== this.data.uploading) this.setData({ uploading: e.detail.uploading });
    },

    onToggleAnonymous() {
      if (!this.data.submitting) this.setData({ anonymous: !this.data.anonymous });
    },

    async onSubmit(): Promise<void> {
      const state = local(this);
      const { active, rating, text, anonymous, submitting, uploading } = this.data;
      if (submitting || !active) return;
      if (uploading) {
        wx.showToast({ title: '图片上传中，请稍候', icon: 'none' });
        return;
      }
      const body = text.trim();
      if (!body && !state.photos.length) {
        wx.showToast({ title: '写几句使用感受或添加图片吧', icon: 'none' });
        return;
      }
      this.setData({ submitting: true });
      if (!state.requestId) state.requestId = newRequestId();
      try {
        const review = await submitReview(
          { orderId: state.orderId, skuId: active, rating, text: body, ...(state.photos.length ? { photos: state.photos } : {}), ...(anonymous ? { anonymous } : {}) },
          state.requestId,
        );
        const lines = this.data.lines.map((l) => (l.skuId === active ? { ...l, reviewed: true } : l));
        const earned = review.points > 0 ? `，获得 ${review.points} 积分` : '';
        wx.showToast({ title: `评价成功${earned}`, icon: 'none' });
        this.setData({ notice: STATE_NOTE[review.state] ?? '' });
        this.show(lines);
      } catch (e) {
        const code = errorCode(e);
        if (code !== 'NETWORK') state.requestId = '';
        wx.showToast({ title: errorText(e), icon: 'none' });
        if (code === 'REVIEW_EXISTS') await this.load();
      } finally {
        this.setData({ submitting: false });
      }
    },

    onOpenMine() {
      wx.redirectTo({ url: '/pages/my-reviews/index' });
    },
  },
});
