import type { LiveListItem, LiveState } from '../../../typings/contract/index';
import { assetUrl } from '../../services/call';
import { listLives } from '../../services/live';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { changes, isEmpty } from '../../utils/set-data';
import { formatStart } from '../../utils/time';

type ListState = 'loading' | 'ready' | 'empty' | 'error';

interface Tab {
  state: LiveState;
  label: string;
  empty: string;
}

/** 直播中 on now · 预告 upcoming · 回放 replays */
const TABS: Tab[] = [
  { state: 'live', label: '直播中', empty: '现在没有直播，看看预告吧' },
  { state: 'scheduled', label: '预告', empty: '暂无直播预告，敬请期待' },
  { state: 'ended', label: '回放', empty: '还没有直播回放' },
];

const STATE_TEXT: Record<LiveState, string> = { live: '直播中', scheduled: '预告', ended: '回放' };

export interface LiveRow {
  _id: string;
  title: string;
  cover: string;
  state: LiveState;
  stateText: string;
  startText: string;
  /** reservations before and during the live; after it, what the replay holds */
  countText: string;
  reserved: boolean;
  cardCount: number;
}

/** An ended live reads as a replay: when it aired and what is left to watch, not a reservation. */
function rowView(l: LiveListItem, now: number): LiveRow {
  const ended = l.state === 'ended';
  return {
    _id: l._id,
    title: l.title,
    cover: assetUrl(l.cover),
    state: l.state,
    stateText: STATE_TEXT[l.state],
    startText: ended ? `${formatStart(l.startAt, now)} 播出` : formatStart(l.startAt, now),
    countText: !ended ? `${l.reservationCount} 人预约` : l.clipCount ? `${l.clipCount} 段精彩回放` : '直播同款仍可购',
    reserved: l.reserved && !ended,
    cardCount: l.cardCount,
  };
}

/** A newer request for the list makes older answers stale; `shown` skips the first onShow (onLoad loads). */
const local = instanceState(() => ({ token: 0, shown: false, chosen: false }));

/** The live schedule: on now, upcoming and replays, each from live.list {state}. */
Component({
  data: {
    tabs: TABS.map(({ state, label }) => ({ state, label })),
    tab: 'live' as LiveState,
    state: 'loading' as ListState,
    emptyMessage: TABS[0].empty,
    errorMessage: '',
    items: [] as LiveRow[],
  },
  methods: {
    onLoad() {
      void this.load({ fallBack: true });
    },

    /** Back from a live's page: reservations may have changed. */
    onShow() {
      const state = local(this);
      if (!state.shown) {
        state.shown = true;
        return;
      }
      void this.load({ quiet: true });
    },

    onPullDownRefresh() {
      void this.load({ quiet: true }).then(() => wx.stopPullDownRefresh());
    },

    /**
     * Loads the current tab. `fallBack`: on first open with nothing on now, show the upcoming tab
     * instead. `quiet`: keep what is shown while refreshing.
     */
    async load(options: { fallBack?: boolean; quiet?: boolean } = {}): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      const tab = this.data.tab;
      if (!options.quiet && this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const items = await listLives(tab);
        if (token !== state.token) return;
        if (!items.length && options.fallBack && !state.chosen && tab === 'live') {
          this.setData({ tab: 'scheduled', emptyMessage: TABS[1].empty });
          await this.load();
          return;
        }
        const now = Date.now();
        const patch = changes(this.data, {
          state: (items.length ? 'ready' : 'empty') as ListState,
          items: items.map((l) => rowView(l, now)),
          errorMessage: '',
        });
        if (!isEmpty(patch)) this.setData(patch);
      } catch (e) {
        if (token !== state.token) return;
        if (options.quiet && this.data.state === 'ready') wx.showToast({ title: errorText(e), icon: 'none' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    onTabTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { state: LiveState }>) {
      const tab = e.currentTarget.dataset.state;
      local(this).chosen = true;
      if (tab === this.data.tab) return;
      const def = TABS.find((t) => t.state === tab);
      if (!def) return;
      this.setData({ tab, emptyMessage: def.empty, items: [], state: 'loading' });
      void this.load();
    },

    onRetry() {
      void this.load({ fallBack: true });
    },

    /** On now: straight into the room; otherwise the live's page (countdown, reserve, replay). */
    onRowTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string; state: LiveState }>) {
      const { id, state } = e.currentTarget.dataset;
      if (!id) return;
      const page = state === 'live' ? 'room' : 'detail';
      wx.navigateTo({ url: `/pages/live/${page}/index?live=${encodeURIComponent(id)}` });
    },
  },
});
