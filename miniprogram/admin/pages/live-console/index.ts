import type { LiveState } from '../../../../typings/contract/index';
import { whoami } from '../../../services/admin';
import { roleMay } from '../../utils/permissions';
import { listClaimable } from '../../../services/coupons';
import { getLive, listLives } from '../../../services/live';
import { errorCode, errorText } from '../../../utils/errors';
import { instanceState } from '../../../utils/instance-state';
import { roleLabel } from '../../../utils/roles';
import { formatStart } from '../../../utils/time';
import type { ConsoleCard, ConsoleCoupon, Tap } from './types';

type PageState = 'loading' | 'ready' | 'not_staff' | 'error';
type LiveLoad = 'idle' | 'loading' | 'ready' | 'error';

const LIVE_STATE_TEXT: Record<LiveState, string> = { live: '直播中', scheduled: '预告', ended: '已结束' };

interface LiveOption {
  _id: string;
  title: string;
  text: string;
}

const local = instanceState(() => ({ token: 0, liveToken: 0 }));

/**
 * The staff live console (admin subpackage): choose a live, then its sections — push broadcasts
 * to every open companion room (with copy for the WeCom group), mark card roles, work through
 * viewers' questions, add highlight clips and publish the live's digest post. Roles without
 * live.write see the questions only.
 */
Component({
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    role: '',
    /** the role may run the live (live.write): push, card roles, answers, clips, the digest; else it reads the questions */
    canWrite: false,
    /** the page is on screen: the questions poll */
    visible: false,
    lives: [] as LiveOption[],
    liveId: '',
    liveLoad: 'idle' as LiveLoad,
    liveError: '',
    cards: [] as ConsoleCard[],
    coupons: [] as ConsoleCoupon[],
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      void this.load(options.live ?? '');
    },

    onShow() {
      if (!this.data.visible) this.setData({ visible: true });
    },

    onHide() {
      if (this.data.visible) this.setData({ visible: false });
    },

    onUnload() {
      this.onHide();
    },

    /** whoami first: shoppers get the staff-only state before anything else is asked. */
    async load(preferred: string): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const me = await whoami();
        const lives = await listLives();
        if (token !== state.token) return;
        const options = lives.map((l) => ({ _id: l._id, title: l.title, text: `${LIVE_STATE_TEXT[l.state]} · ${formatStart(l.startAt, Date.now())}` }));
        this.setData({ state: 'ready', role: roleLabel(me.role), canWrite: roleMay(me.role, 'live.write'), lives: options });
        const chosen = options.find((l) => l._id === preferred)?._id ?? options[0]?._id ?? '';
        if (chosen) await this.selectLive(chosen);
      } catch (e) {
        if (token !== state.token) return;
        if (errorCode(e) === 'NOT_STAFF') this.setData({ state: 'not_staff' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    /** The sections are made anew for each live, so nothing typed for one live carries over to the next. */
    async selectLive(liveId: string): Promise<void> {
      const state = local(this);
      const token = ++state.liveToken;
      this.setData({ liveId, liveLoad: 'loading', liveError: '' });
      try {
        const [live, coupons] = await Promise.all([getLive(liveId), listClaimable(liveId).catch(() => [])]);
        if (token !== state.liveToken) return;
        this.setData({
          liveLoad: 'ready',
          cards: live.cards.map((c) => ({ cardId: c.cardId, productId: c.productId, title: c.title, livePriceFen: c.livePriceFen, role: c.role })),
          coupons: coupons.map((c) => ({ templateId: c.templateId, title: c.title })),
        });
      } catch (e) {
        if (token !== state.liveToken) return;
        this.setData({ liveLoad: 'error', liveError: errorText(e) });
      }
    },

    onRetry() {
      void this.load(this.data.liveId);
    },

    onRetryLive() {
      if (this.data.liveId) void this.selectLive(this.data.liveId);
    },

    onBack() {
      wx.navigateBack({ delta: 1 });
    },

    onPickLive(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (id && id !== this.data.liveId) void this.selectLive(id);
    },
  },
});
