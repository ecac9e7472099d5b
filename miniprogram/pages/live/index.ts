import type { LiveBrief } from '../../../typings/contract/index';
import type { LiveCardItem } from '../../components/live-card/index';
import { assetUrl } from '../../services/call';
import { getHome } from '../../services/catalog';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { changes, isEmpty } from '../../utils/set-data';
import { clockTime } from '../../utils/time';

type LiveState = 'loading' | 'ready' | 'empty' | 'error';

const local = instanceState(() => ({ token: 0 }));

const liveView = (l: LiveBrief): LiveCardItem => ({ ...l, cover: assetUrl(l.cover) });

/** The featured live: the one on now, else the next one. */
Component({
  data: {
    state: 'loading' as LiveState,
    errorMessage: '',
    live: null as LiveCardItem | null,
    window: '',
  },
  methods: {
    onLoad() {
      void this.load();
    },

    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    async load(): Promise<void> {
      const token = ++local(this).token;
      if (this.data.state === 'error') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const { live } = await getHome();
        if (token !== local(this).token) return;
        const next = live
          ? { state: 'ready' as LiveState, live: liveView(live), window: `${clockTime(live.startAt)} - ${clockTime(live.endAt)}` }
          : { state: 'empty' as LiveState, live: null, window: '' };
        const patch = changes(this.data, next);
        if (!isEmpty(patch)) this.setData(patch);
      } catch (e) {
        if (token !== local(this).token) return;
        this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    /** The countdown reached the start: ask the server for the new state. */
    onStarted() {
      void this.load();
    },

    onRetry() {
      void this.load();
    },
  },
});
