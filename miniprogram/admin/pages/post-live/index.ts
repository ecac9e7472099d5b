import type { LiveListItem } from '../../../../typings/contract/index';
import { postLiveProgress, runPostLive } from '../../../services/crm-admin';
import { listLives } from '../../../services/live';
import { instanceState } from '../../../utils/instance-state';
import { formatDateTime } from '../../../utils/time';
import { failureView, goBack, showFailure, staffAccess, type StaffPageState } from '../../utils/staff';
import { progressView, type ProgressView } from './utils';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;
type Load = 'idle' | 'loading' | 'ready' | 'error';

/** While the job runs, its progress is read again this often (only while the page is shown). */
export const PROGRESS_POLL_MS = 3000;

const local = instanceState(() => ({ token: 0, progressToken: 0, timer: null as ReturnType<typeof setInterval> | null, visible: true }));

/**
 * The post-live job (admin subpackage): within 24 h of a live's end, its audience is split into
 * viewers who did not buy, first-time buyers and repeat buyers, and each gets its follow-up.
 * Staff start or resume it here and watch its progress.
 */
Component({
  data: {
    state: 'loading' as StaffPageState,
    errorMessage: '',
    canRun: false,
    lives: [] as Array<{ _id: string; text: string }>,
    liveId: '',
    load: 'idle' as Load,
    loadError: '',
    progress: null as ProgressView | null,
    running: false,
  },
  lifetimes: {
    detached() {
      this.stopPolling();
    },
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      if (options.live) this.setData({ liveId: options.live });
      void this.loadPage();
    },

    onShow() {
      local(this).visible = true;
      if (this.data.progress?.status === 'running') this.schedule();
    },

    onHide() {
      local(this).visible = false;
      this.stopPolling();
    },

    onUnload() {
      this.stopPolling();
    },

    async loadPage(): Promise<void> {
      const token = ++local(this).token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const [access, lives] = await Promise.all([staffAccess(), listLives('ended')]);
        if (token !== local(this).token) return;
        const sorted = [...lives].sort((a: LiveListItem, b: LiveListItem) => b.endAt - a.endAt);
        const liveId = this.data.liveId || sorted[0]?._id || '';
        this.setData({ state: 'ready', canRun: access.can['crm.write'], lives: sorted.map((l) => ({ _id: l._id, text: `${formatDateTime(l.endAt).slice(5)} 结束 · ${l.title}` })), liveId });
        if (liveId) void this.loadProgress(liveId);
      } catch (e) {
        if (token !== local(this).token) return;
        this.setData(failureView(e));
      }
    },

    async loadProgress(liveId: string, quiet = false): Promise<void> {
      const state = local(this);
      const token = ++state.progressToken;
      if (!quiet) this.setData({ load: 'loading', loadError: '' });
      try {
        const view = progressView(await postLiveProgress(liveId), Date.now());
        if (token !== state.progressToken) return;
        this.setData({ load: 'ready', progress: view });
        if (view.status === 'running') this.schedule();
        else this.stopPolling();
      } catch (e) {
        if (token !== state.progressToken) return;
        this.stopPolling();
        if (!quiet) this.setData({ load: 'error', loadError: failureView(e).errorMessage });
      }
    },

    /** Polls while the job runs and the page is shown; loadProgress stops it once the job is not running. */
    schedule() {
      const state = local(this);
      if (state.timer !== null || !state.visible) return;
      state.timer = setInterval(() => {
        if (this.data.liveId) void this.loadProgress(this.data.liveId, true);
      }, PROGRESS_POLL_MS);
    },

    stopPolling() {
      const state = local(this);
      if (state.timer !== null) clearInterval(state.timer);
      state.timer = null;
    },

    onRetry() {
      if (this.data.state === 'denied') goBack();
      else void this.loadPage();
    },

    onProgressRetry() {
      if (this.data.liveId) void this.loadProgress(this.data.liveId);
    },

    onPickLive(e: Tap<{ id: string }>) {
      const liveId = e.currentTarget.dataset.id;
      if (liveId === this.data.liveId) return;
      this.stopPolling();
      this.setData({ liveId, progress: null });
      void this.loadProgress(liveId);
    },

    async onRun(): Promise<void> {
      if (!this.data.canRun || this.data.running || !this.data.progress?.runnable) return;
      const liveId = this.data.liveId;
      this.setData({ running: true });
      try {
        const view = progressView(await runPostLive(liveId), Date.now());
        ++local(this).progressToken;
        this.setData({ running: false, progress: view });
        if (view.status === 'running') this.schedule();
      } catch (e) {
        this.setData({ running: false });
        showFailure(e);
      }
    },
  },
});
