import type { PostSummary } from '../../../typings/contract/index';
import { pagedListBehavior, type ListPage, type ListState } from '../../behaviors/paged-list';
import { assetUrl } from '../../services/call';
import { listPosts } from '../../services/live';
import { formatStart } from '../../utils/time';

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

// pulling down keeps "nothing yet" on screen while it asks again; the feed is not read again on show
const feed = pagedListBehavior<PostSummary, PostRow>({ list: 'posts', row: rowView, quietWhenEmpty: true, lifecycles: ['onLoad', 'onPullDownRefresh', 'onReachBottom'] });

/** The content feed: what each live left behind (highlight clips, answered questions, its products). */
Component({
  behaviors: [feed],
  data: {
    state: 'loading' as ListState,
    errorMessage: '',
    posts: [] as PostRow[],
  },
  methods: {
    fetchPage(page: number): Promise<ListPage<PostSummary>> {
      return listPosts(page);
    },

    onPostTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `/pages/content/post/index?id=${encodeURIComponent(id)}` });
    },
  },
});
