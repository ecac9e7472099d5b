import type { LiveState } from '../../../typings/contract/index';
import { formatStart } from '../../utils/time';

/** `select` detail: the live the shopper tapped. */
export interface LiveCardSelect {
  liveId: string;
}

/** `started` detail: the countdown to the start reached zero; the page asks the server for the new state. */
export interface LiveCardStarted {
  liveId: string;
}

/** What the card shows; the page resolves the cover URL. */
export interface LiveCardItem {
  _id: string;
  title: string;
  cover: string;
  startAt: number;
  endAt: number;
  state: LiveState;
}

const STATE_TEXT: Record<LiveState, string> = { scheduled: '预告', live: '直播中', ended: '已结束' };

/** A live session: state badge, start time, and a countdown while it is scheduled. */
Component({
  properties: {
    live: { type: Object, value: null as LiveCardItem | null },
  },
  data: {
    stateText: '',
    startText: '',
  },
  observers: {
    live(live: LiveCardItem | null) {
      this.render(live);
    },
  },
  lifetimes: {
    attached() {
      this.render(this.data.live as LiveCardItem | null);
    },
  },
  methods: {
    render(live: LiveCardItem | null) {
      const stateText = live ? STATE_TEXT[live.state] : '';
      const startText = live ? formatStart(live.startAt, Date.now()) : '';
      if (stateText !== this.data.stateText || startText !== this.data.startText) this.setData({ stateText, startText });
    },
    onTap() {
      const live = this.data.live as LiveCardItem | null;
      if (!live) return;
      const detail: LiveCardSelect = { liveId: live._id };
      this.triggerEvent('select', detail);
    },
    onFinish() {
      const live = this.data.live as LiveCardItem | null;
      if (!live) return;
      this.render(live);
      const detail: LiveCardStarted = { liveId: live._id };
      this.triggerEvent('started', detail);
    },
  },
});
