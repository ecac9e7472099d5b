import type { LiveListItem } from '../../../typings/contract/index';
import { pagedListBehavior, type ListPage, type ListState } from '../../behaviors/paged-list';
import type { LiveCardItem, LiveCardSelect } from '../../components/live-card/index';
import { assetUrl } from '../../services/call';
import { listLives } from '../../services/live';

const card = (l: LiveListItem): LiveCardItem => ({ _id: l._id, title: l.title, cover: assetUrl(l.cover), startAt: l.startAt, endAt: l.endAt, state: l.state });

/**
 * One read gives every reserved live: the list is a single page, with no page to load at the
 * bottom. Back from a live's page it is read again (a reservation may have been cancelled).
 */
const reserved = pagedListBehavior<LiveListItem, LiveCardItem>({ list: 'lives', row: card, lifecycles: ['onLoad', 'onShow', 'onPullDownRefresh'] });

/**
 * The lives the shopper has reserved (预约), from live.list's `reserved` flag: on now first, then
 * upcoming, then the replays of the last 30 days.
 */
Component({
  behaviors: [reserved],
  data: {
    state: 'loading' as ListState,
    errorMessage: '',
    lives: [] as LiveCardItem[],
  },
  methods: {
    async fetchPage(page: number): Promise<ListPage<LiveListItem>> {
      if (page > 1) return { items: [], total: 0, done: true };
      const items = (await listLives()).filter((l) => l.reserved);
      return { items, total: items.length, done: true };
    },

    /** A live on now opens its room; one to come or a replay, its page. */
    onSelect(e: WechatMiniprogram.CustomEvent<LiveCardSelect>) {
      const live = this.data.lives.find((l) => l._id === e.detail.liveId);
      if (!live) return;
      const page = live.state === 'live' ? 'room' : 'detail';
      wx.navigateTo({ url: `/pages/live/${page}/index?live=${encodeURIComponent(live._id)}` });
    },

    /** A countdown reached the start: the server says it is on now. */
    onStarted() {
      void this.loadFirst(true);
    },

    onBrowseLives() {
      wx.switchTab({ url: '/pages/live/index' });
    },
  },
});
