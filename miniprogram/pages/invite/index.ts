import type { ShareCode } from '../../../typings/contract/index';
import { claimGift, getTask, listTasks, myShareCode, taskProgress } from '../../services/referral';
import { errorCode, errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { changes, isEmpty } from '../../utils/set-data';
import { shareLive } from '../live/share';
import { CLAIM_TEXT, pickTask, progressView, taskView, type ProgressView, type TaskView } from './utils';

type PageState = 'loading' | 'ready' | 'empty' | 'not_found' | 'error';

const local = instanceState(() => ({
  liveId: '',
  taskId: '',
  token: 0,
  progressToken: 0,
  code: null as ShareCode | null,
  loaded: false,
}));

/**
 * An invite task (邀请有礼): "invite N friends who reserve this live, unlock a gift". Opened with
 * `?task=` or `?live=` (that live's running task). Shows the progress, the rules in full, the claim
 * button once unlocked, sharing to chat with the inviter's code and the poster. Only friends who
 * really reserve count, never the share itself.
 */
Component({
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    task: null as TaskView | null,
    progress: null as ProgressView | null,
    progressError: '',
    claimText: CLAIM_TEXT.locked,
    claiming: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const state = local(this);
      state.liveId = options.live ?? '';
      state.taskId = options.task ?? '';
      void this.load();
    },

    /** Back from sharing or the poster: friends may have reserved meanwhile. */
    onShow() {
      if (local(this).loaded) void this.refresh();
    },

    onPullDownRefresh() {
      const done = () => wx.stopPullDownRefresh();
      (local(this).loaded ? this.refresh() : this.load()).then(done, done);
    },

    async load(): Promise<void> {
      const state = local(this);
      if (!state.taskId && !state.liveId) {
        this.setData({ state: 'not_found' });
        return;
      }
      const token = ++state.token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const task = state.taskId ? await getTask(state.taskId) : pickTask(await listTasks(state.liveId), Date.now());
        if (token !== state.token) return;
        if (!task) {
          this.setData({ state: 'empty' });
          return;
        }
        state.taskId = task._id;
        state.liveId = task.liveId;
        const [progress, code] = await Promise.all([taskProgress(task._id), myShareCode({ liveId: task.liveId }).catch(() => null)]);
        if (token !== state.token) return;
        state.code = code;
        state.loaded = true;
        const view = progressView(progress);
        this.setData({ state: 'ready', task: taskView(task, Date.now()), progress: view, progressError: '', claimText: CLAIM_TEXT[view.claimState] });
      } catch (e) {
        if (token !== state.token) return;
        if (errorCode(e) === 'FISSION_TASK_NOT_FOUND') this.setData({ state: 'not_found' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    /** Progress again (count, invitees, gifts left); the task itself does not change. */
    async refresh(): Promise<void> {
      const state = local(this);
      const token = ++state.progressToken;
      try {
        const view = progressView(await taskProgress(state.taskId));
        if (token !== state.progressToken) return;
        const patch = changes(this.data, { progress: view, progressError: '', claimText: CLAIM_TEXT[view.claimState] });
        if (!isEmpty(patch)) this.setData(patch);
      } catch (e) {
        if (token !== state.progressToken) return;
        this.setData({ progressError: errorText(e) });
      }
    },

    onRetry() {
      void this.load();
    },

    onClaim() {
      if (this.data.progress?.claimState !== 'ready' || this.data.claiming) return;
      void this.claim();
    },

    async claim(): Promise<void> {
      this.setData({ claiming: true });
      try {
        const result = await claimGift(local(this).taskId);
        wx.showToast({ title: result.points > 0 ? `已领取 ${result.points} 积分` : '奖励已发放到卡包', icon: 'success' });
      } catch (e) {
        wx.showToast({ title: errorText(e), icon: 'none' });
      }
      this.setData({ claiming: false });
      await this.refresh();
    },

    onPoster() {
      const code = local(this).code;
      if (!code) {
        wx.showToast({ title: '分享码生成中，请稍后', icon: 'none' });
        void this.ensureCode();
        return;
      }
      wx.navigateTo({ url: `/pages/poster/index?code=${encodeURIComponent(code.code)}` });
    },

    async ensureCode(): Promise<void> {
      const state = local(this);
      if (state.code || !state.liveId) return;
      state.code = await myShareCode({ liveId: state.liveId }).catch(() => null);
    },

    /** The live's page with the inviter's code: a friend who opens it and reserves counts. */
    onShareAppMessage() {
      const state = local(this);
      const task = this.data.task;
      const title = task ? `邀你预约直播：${task.liveTitle}` : '邀你预约直播';
      if (state.code) return { title, path: state.code.path.startsWith('/') ? state.code.path : `/${state.code.path}` };
      return shareLive(state.liveId, title, '');
    },
  },
});
