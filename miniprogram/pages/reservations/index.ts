import type { LiveListItem } from '../../../typings/contract/index';
import type { LiveCardItem, LiveCardSelect } from '../../components/live-card/index';
import { assetUrl } from '../../services/call';
import { listLives } from '../../services/live';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { changes, isEmpty } from '../../utils/set-data';

type ListState = 'loading' | 'ready' | 'empty' | 'error';

const card = (l: LiveListItem): LiveCardItem => ({ _id: l._id, title: l.title, cover: assetUrl(l.cover), startAt: l.startAt, endAt: l.endAt, state: l.state });

const local = instanceState(() => ({ token: 0, shown: false }));

/**
 * The lives the shopper has reserved (预约), from live.list's `reserved` flag: on now first, then
 * upcoming, then the replays of the last 30 days.
 */
Component({
  data: {
    state: 'loading' as ListState,
    errorMessage: '',
    lives: [] as LiveCardItem[],
  },
  methods: {
    onLoad() {
      void this.load();
    },

    /** Back from a live's page: the reservation may have been cancelled. */
    onShow() {
      const state = local(this);
      if (state.shown) void this.load(true);
      state.shown = true;
    },

    onPullDownRefresh() {
      void this.load(true).then(() => wx.stopPullDownRefresh());
    },

    async load(quiet = false): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      if (!quiet || this.data.state !== 'ready') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const lives = (await listLives()).filter((l) => l.reserved).map(card);
        if (token !== state.token) return;
        const patch = changes(this.data, { state: (lives.length ? 'ready' : 'empty') as ListState, lives });
        if (!isEmpty(patch)) this.setData(patch);
      } catch (e) {
        if (token !== state.token) return;
        if (quiet && this.data.state === 'ready') wx.showToast({ title: errorText(e), icon: 'none' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    onRetry() {
      void this.load();
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
      void this.load(true);
    },

    onBrowseLives() {
      wx.switchTab({ url: '/pages/live/index' });
    },
  },
});
