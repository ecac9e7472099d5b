import type { QuestionStatus, StaffQuestion } from '../../../../../../typings/contract/index';
import { listQuestions, markQuestion } from '../../../../../services/live-admin';
import { errorText } from '../../../../../utils/errors';
import { instanceState } from '../../../../../utils/instance-state';
import { changes, isEmpty } from '../../../../../utils/set-data';
import { clockTime } from '../../../../../utils/time';
import type { Tap } from '../../types';

/** Staff see new questions this often while the console is open. */
export const QUESTIONS_POLL_MS = 10_000;

const QUESTION_STATUS_TEXT: Record<QuestionStatus, string> = { open: '待处理', picked: '已选中', answered: '已回答' };
const FILTERS: Array<{ status: '' | QuestionStatus; label: string }> = [
  { status: '', label: '全部' },
  { status: 'open', label: '待处理' },
  { status: 'picked', label: '已选中' },
  { status: 'answered', label: '已回答' },
];

interface QuestionRow {
  _id: string;
  text: string;
  asker: string;
  status: QuestionStatus;
  statusText: string;
  answer: string;
  timeText: string;
}

const questionRow = (q: StaffQuestion): QuestionRow => ({
  _id: q._id,
  text: q.text,
  asker: q.asker,
  status: q.status,
  statusText: QUESTION_STATUS_TEXT[q.status],
  answer: q.answer ?? '',
  timeText: clockTime(q.createdAt),
});

const local = instanceState(() => ({ token: 0, inFlight: false, timer: null as number | null }));

/**
 * Viewers' questions to the live, newest first, filtered by status, refreshed every
 * QUESTIONS_POLL_MS while `active`. With `canWrite` staff pick a question and answer it; the
 * answer is what the asker sees in the room and what the digest post collects.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    liveId: { type: String, value: '' },
    canWrite: { type: Boolean, value: false },
    /** the console is on screen: poll */
    active: { type: Boolean, value: false },
  },
  data: {
    filters: FILTERS,
    filter: '' as '' | QuestionStatus,
    loadState: 'loading' as 'loading' | 'ready' | 'error',
    loadError: '',
    questions: [] as QuestionRow[],
    answeringId: '',
    answerText: '',
  },
  observers: {
    active() {
      this.syncPolling();
    },
  },
  lifetimes: {
    attached() {
      void this.refresh(true);
      this.syncPolling();
    },
    detached() {
      const state = local(this);
      if (state.timer !== null) clearInterval(state.timer);
      state.timer = null;
    },
  },
  methods: {
    syncPolling() {
      const state = local(this);
      const wanted = this.data.active && Boolean(this.data.liveId);
      if (wanted && state.timer === null) state.timer = setInterval(() => void this.refresh(false), QUESTIONS_POLL_MS) as unknown as number;
      if (!wanted && state.timer !== null) {
        clearInterval(state.timer);
        state.timer = null;
      }
    },

    /** The latest request wins; a poll is skipped while another read is under way, a filter change is not. */
    async refresh(explicit: boolean): Promise<void> {
      const state = local(this);
      const { liveId, filter } = this.data;
      if (!liveId || (!explicit && state.inFlight)) return;
      const token = ++state.token;
      state.inFlight = true;
      try {
        const items = await listQuestions(liveId, filter || undefined);
        if (token !== state.token) return;
        const patch = changes(this.data, { loadState: 'ready' as const, questions: items.map(questionRow) });
        if (!isEmpty(patch)) this.setData(patch);
      } catch (e) {
        // a failed poll keeps what is shown; the next poll tries again
        if (token === state.token && this.data.loadState !== 'ready') this.setData({ loadState: 'error', loadError: errorText(e) });
      } finally {
        if (token === state.token) state.inFlight = false;
      }
    },

    onRetry() {
      this.setData({ loadState: 'loading' });
      void this.refresh(true);
    },

    onPickFilter(e: Tap<{ status: '' | QuestionStatus }>) {
      const filter = e.currentTarget.dataset.status;
      if (filter === this.data.filter) return;
      this.setData({ filter });
      void this.refresh(true);
    },

    async onPickQuestion(e: Tap<{ id: string }>) {
      await this.mark(e.currentTarget.dataset.id, 'picked');
    },

    onStartAnswer(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      const current = this.data.questions.find((q) => q._id === id);
      this.setData({ answeringId: id, answerText: current?.answer ?? '' });
    },

    onInput(e: WechatMiniprogram.Input) {
      this.setData({ answerText: e.detail.value });
    },

    onCancelAnswer() {
      this.setData({ answeringId: '', answerText: '' });
    },

    async onSubmitAnswer(): Promise<void> {
      const answer = this.data.answerText.trim();
      if (!answer) {
        wx.showToast({ title: '请填写回答', icon: 'none' });
        return;
      }
      if (await this.mark(this.data.answeringId, 'answered', answer)) this.setData({ answeringId: '', answerText: '' });
    },

    async mark(questionId: string, status: 'picked' | 'answered', answer?: string): Promise<boolean> {
      if (!questionId || !this.data.canWrite) return false;
      try {
        await markQuestion(questionId, status, answer);
      } catch (e) {
        wx.showToast({ title: errorText(e), icon: 'none' });
        return false;
      }
      await this.refresh(true);
      return true;
    },
  },
});
