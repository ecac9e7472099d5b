import type { LiveListItem } from '../../../typings/contract/index';
import { listLives } from '../../services/live';
import { becomePromoter, leaderboard, promoterCenter } from '../../services/referral';
import { errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { changes, isEmpty } from '../../utils/set-data';
import { formatDateTime } from '../../utils/time';
import { inviteeRows, liveChoices, rankRows, rulesText, type InviteeRow, type LiveChoice, type RankRow } from './utils';

type PageState = 'loading' | 'ready' | 'error';
type BoardState = 'idle' | 'loading' | 'ready' | 'error';

const local = instanceState(() => ({ token: 0, boardToken: 0, loaded: false }));

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

/**
 * The promoter centre (推广员): opt in, points earned, each invitee with where they are (reserved,
 * watching, rewarded, revoked) and the leaderboard of a live. Points follow an invitee really
 * watching, never the share.
 */
Component({
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    promoter: false,
    sinceText: '',
    earnedPoints: 0,
    rulesText: '',
    invitees: [] as InviteeRow[],
    joining: false,
    lives: [] as LiveChoice[],
    liveId: '',
    board: [] as RankRow[],
    boardState: 'idle' as BoardState,
    boardError: '',
  },
  methods: {
    onLoad() {
      void this.load();
    },

    onShow() {
      if (local(this).loaded) void this.load();
    },

    onPullDownRefresh() {
      const done = () => wx.stopPullDownRefresh();
      this.load().then(done, done);
    },

    async load(): Promise<void> {
      const state = local(this);
      const token = ++state.token;
      if (this.data.state === 'error') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const [center, lives] = await Promise.all([promoterCenter(), listLives()]);
        if (token !== state.token) return;
        state.loaded = true;
        const titles: Record<string, string> = {};
        lives.forEach((l: LiveListItem) => (titles[l._id] = l.title));
        const choices = liveChoices(lives, Date.now());
        const liveId = choices.some((c) => c._id === this.data.liveId) ? this.data.liveId : choices[0]?._id ?? '';
        const patch = changes(this.data, {
          state: 'ready' as PageState,
          promoter: center.promoter,
          sinceText: center.since ? formatDateTime(center.since) : '',
          earnedPoints: center.earnedPoints,
          rulesText: rulesText(center.rules),
          invitees: inviteeRows(center.invitees, titles, center.rules),
          lives: choices,
          liveId,
        });
        if (!isEmpty(patch)) this.setData(patch);
        if (liveId) void this.loadBoard(liveId);
      } catch (e) {
        if (token !== state.token) return;
        if (this.data.state === 'ready') wx.showToast({ title: errorText(e), icon: 'none' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    async loadBoard(liveId: string): Promise<void> {
      const state = local(this);
      const token = ++state.boardToken;
      if (this.data.boardState !== 'ready' || this.data.liveId !== liveId) this.setData({ boardState: 'loading', boardError: '' });
      try {
        const rows = rankRows(await leaderboard(liveId));
        if (token !== state.boardToken) return;
        const patch = changes(this.data, { board: rows, boardState: 'ready' as BoardState, boardError: '' });
        if (!isEmpty(patch)) this.setData(patch);
      } catch (e) {
        if (token !== state.boardToken) return;
        this.setData({ boardState: 'error', boardError: errorText(e) });
      }
    },

    onRetry() {
      void this.load();
    },

    onPickLive(e: Tap<{ id: string }>) {
      const liveId = e.currentTarget.dataset.id;
      if (liveId === this.data.liveId) return;
      this.setData({ liveId });
      void this.loadBoard(liveId);
    },

    onBoardRetry() {
      if (this.data.liveId) void this.loadBoard(this.data.liveId);
    },

    onJoin() {
      if (this.data.promoter || this.data.joining) return;
      void this.join();
    },

    async join(): Promise<void> {
      this.setData({ joining: true });
      try {
        const r = await becomePromoter();
        this.setData({ joining: false, promoter: true, sinceText: formatDateTime(r.since) });
        wx.showToast({ title: '已成为推广员', icon: 'success' });
      } catch (e) {
        this.setData({ joining: false });
        wx.showToast({ title: errorText(e), icon: 'none' });
      }
    },

    onOpenLives() {
      wx.switchTab({ url: '/pages/live/index' });
    },
  },
});
