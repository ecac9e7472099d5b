import type { PostSummary } from '../../../typings/contract/index';
import { assetUrl } from '../../services/call';
import { listPosts } from '../../services/live';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { formatStart } from '../../utils/time';

type FeedState = 'loading' | 'ready' | 'empty' | 'error';
type MoreState = 'idle' | 'loading' | 'error' | 'done';

interface PostRow {
  _id: string;
  title: string;
  cover: string;
  dateText: string;
  countText: string;
}

const rowView = (p: PostSummary, now: number): PostRow => ({
  _id: p._id,
  title: p.title,
  cover: assetUrl(p.cover),
  dateText: formatStart(p.publishedAt, now),
  countText: [p.clipCount ? `${p.clipCount} 个精彩片段` : '', p.questionCount ? `${p.questionCount} 个问答` : ''].filter(Boolean).join(' · '),
});

const local = instanceState(() => ({ token: 0, page: 0, total: 0 }));

/** The content feed: what each live left behind (highlight clips, answered questions, its products). */
Component({
  data: {
    state: 'loading' as FeedState,
    errorMessage: '',
    posts: [] as PostRow[],
    moreState: 'idle' as MoreState,
  },
  methods: {
    onLoad() {
      void this.loadFirst();
    },

    onPullDownRefresh() {
      void this.loadFirst().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom() {
      void this.loadMore();
    },

    async loadFirst(): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      if (this.data.state === 'error') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const { items, total } = await listPosts(1);
        if (token !== state.token) return;
        state.page = 1;
        state.total = total;
        const now = Date.now();
        this.setData({
          state: items.length ? 'ready' : 'empty',
          posts: items.map((p) => rowView(p, now)),
          moreState: items.length >= total ? 'done' : 'idle',
        });
      } catch (e) {
        if (token !== state.token) return;
        if (this.data.state === 'ready') wx.showToast({ title: errorText(e), icon: 'none' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    async loadMore(): Promise<void> {
      const state = local(this);
      if (this.data.state !== 'ready' || (this.data.moreState !== 'idle' && this.data.moreState !== 'error')) return;
      const token = state.token;
      const next = state.page + 1;
      this.setData({ moreState: 'loading' });
      try {
        const { items, total } = await listPosts(next);
        if (token !== state.token) return;
        state.page = next;
        state.total = total;
        const start = this.data.posts.length;
        const now = Date.now();
        const patch: Record<string, unknown> = { moreState: !items.length || start + items.length >= total ? 'done' : 'idle' };
        items.forEach((p, i) => {
          patch[`posts[${start + i}]`] = rowView(p, now);
        });
        this.setData(patch);
      } catch {
        if (token !== state.token) return;
        this.setData({ moreState: 'error' });
      }
    },

    onRetry() {
      void this.loadFirst();
    },

    onRetryMore() {
      void this.loadMore();
    },

    onPostTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `/pages/content/post/index?id=${encodeURIComponent(id)}` });
    },
  },
});
