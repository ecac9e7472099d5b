import type { Post, PostProduct } from '../../../../typings/contract/index';
import { assetUrl } from '../../../services/call';
import { getPost } from '../../../services/live';
import { errorCode, errorText } from '../../../utils/errors';
import { instanceState } from '../../../utils/instance-state';
import { formatStart } from '../../../utils/time';

type PageState = 'loading' | 'ready' | 'not_found' | 'error';

interface ProductEntry {
  productId: string;
  title: string;
  image: string;
  priceFen: number;
}

interface ClipView {
  key: string;
  title: string;
  videoUrl: string;
  products: ProductEntry[];
}

interface PostView {
  title: string;
  cover: string;
  dateText: string;
}

const entry = (p: PostProduct): ProductEntry => ({ productId: p.productId, title: p.title, image: assetUrl(p.image), priceFen: p.priceFen });

const local = instanceState(() => ({ postId: '', token: 0 }));

/** One content post: a live's highlight clips with their products, its answered questions, and its products. */
Component({
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    post: null as PostView | null,
    clips: [] as ClipView[],
    questions: [] as Post['questions'],
    products: [] as ProductEntry[],
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      local(this).postId = options.id ?? '';
      void this.load();
    },

    async load(): Promise<void> {
      const state = local(this);
      if (!state.postId) {
        this.setData({ state: 'not_found' });
        return;
      }
      const token = ++state.token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const post = await getPost(state.postId);
        if (token !== state.token) return;
        this.setData({
          state: 'ready',
          post: { title: post.title, cover: assetUrl(post.cover), dateText: formatStart(post.publishedAt, Date.now()) },
          clips: post.clips.map((c, i) => ({ key: `clip-${i}`, title: c.title, videoUrl: c.videoUrl, products: c.products.map(entry) })),
          questions: post.questions,
          products: post.products.map(entry),
        });
        wx.setNavigationBarTitle({ title: post.title });
      } catch (e) {
        if (token !== state.token) return;
        if (errorCode(e) === 'POST_NOT_FOUND') this.setData({ state: 'not_found' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    onRetry() {
      void this.load();
    },

    onProductTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(id)}` });
    },
  },
});
