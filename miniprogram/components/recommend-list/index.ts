import type { Recommendation } from '../../../typings/contract/index';
import { assetUrl } from '../../services/call';
import { recommendForMe } from '../../services/recommend';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { reasonText } from './utils';

/** `select` detail: the recommended product the shopper tapped. */
export interface RecommendSelect {
  productId: string;
}

export interface RecommendItem {
  productId: string;
  title: string;
  image: string;
  priceFen: number;
  originalPriceFen: number;
  reasonText: string;
}

type ListState = 'loading' | 'ready' | 'empty' | 'error';

const itemView = (r: Recommendation): RecommendItem => ({
  productId: r.productId,
  title: r.title,
  image: assetUrl(r.image),
  priceFen: r.priceFen,
  originalPriceFen: r.originalPriceFen,
  reasonText: reasonText(r.reason),
});

const local = instanceState(() => ({ token: 0 }));

/** "为你推荐": the caller's recommendations, each with its reason; loads itself when attached. Nothing shows when there are none. */
Component({
  properties: {
    title: { type: String, value: '为你推荐' },
    /** recommendations in the light of this live (its cards, the caller's taps) */
    liveId: { type: String, value: '' },
    limit: { type: Number, value: 6 },
  },
  data: {
    state: 'loading' as ListState,
    errorMessage: '',
    items: [] as RecommendItem[],
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load(): Promise<void> {
      const token = ++local(this).token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      const liveId = this.data.liveId as string;
      try {
        const items = await recommendForMe(liveId ? { liveId, limit: this.data.limit } : { limit: this.data.limit });
        if (token !== local(this).token) return;
        this.setData({ items: items.map(itemView), state: items.length ? 'ready' : 'empty' });
      } catch (e) {
        if (token !== local(this).token) return;
        this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    onRetry() {
      void this.load();
    },

    onTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const productId = e.currentTarget.dataset.id;
      if (!productId) return;
      const detail: RecommendSelect = { productId };
      this.triggerEvent('select', detail);
    },
  },
});
