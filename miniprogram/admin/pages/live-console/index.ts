import type { BroadcastKind, LiveState, QuestionStatus, StaffQuestion } from '../../../../typings/contract/index';
import { whoami } from '../../../services/admin';
import { roleMay } from '../../utils/permissions';
import { listClaimable } from '../../../services/coupons';
import { getLive, listLives } from '../../../services/live';
import { addClip, listQuestions, markQuestion, publishLiveDigest, pushBroadcast, setCardRole, type BroadcastInput } from '../../../services/live-admin';
import { copyText } from '../../../utils/clipboard';
import { errorCode, errorText } from '../../../utils/errors';
import { instanceState } from '../../../utils/instance-state';
import { roleLabel } from '../../../utils/roles';
import { changes, isEmpty } from '../../../utils/set-data';
import { clockTime, formatStart } from '../../../utils/time';

type PageState = 'loading' | 'ready' | 'not_staff' | 'error';
type LiveLoad = 'idle' | 'loading' | 'ready' | 'error';
type CardRole = 'traffic' | 'trust' | null;

/** Staff see new questions this often while the console is open. */
export const QUESTIONS_POLL_MS = 10_000;

const LIVE_STATE_TEXT: Record<LiveState, string> = { live: '直播中', scheduled: '预告', ended: '已结束' };
const QUESTION_STATUS_TEXT: Record<QuestionStatus, string> = { open: '待处理', picked: '已选中', answered: '已回答' };

const KINDS: Array<{ kind: BroadcastKind; label: string }> = [
  { kind: 'stock_warning', label: '库存告急' },
  { kind: 'rerun', label: '返场预告' },
  { kind: 'coupon_drop', label: '发券' },
  { kind: 'notice', label: '公告' },
];
const NEEDS_CARD: ReadonlySet<BroadcastKind> = new Set(['stock_warning', 'rerun']);
const DURATIONS = [60, 120, 300, 600];
const ROLES: Array<{ role: CardRole; label: string }> = [
  { role: 'traffic', label: '引流款' },
  { role: 'trust', label: '信任款' },
  { role: null, label: '不设' },
];
const FILTERS: Array<{ status: '' | QuestionStatus; label: string }> = [
  { status: '', label: '全部' },
  { status: 'open', label: '待处理' },
  { status: 'picked', label: '已选中' },
  { status: 'answered', label: '已回答' },
];

interface LiveOption {
  _id: string;
  title: string;
  text: string;
}

interface ConsoleCard {
  cardId: string;
  productId: string;
  title: string;
  livePriceFen: number;
  role: CardRole;
}

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

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

const local = instanceState(() => ({ token: 0, liveToken: 0, visible: false, timer: null as number | null, polling: false }));

/**
 * The staff live console (admin subpackage): choose a live, push broadcasts to every open
 * companion page (with copy for the WeCom group), mark card roles, work through viewers'
 * questions, add highlight clips and publish the live's digest post.
 */
Component({
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    role: '',
    /** the role may run the live (live.write): push, card roles, answers, clips, the digest; else it reads the questions */
    canWrite: false,
    lives: [] as LiveOption[],
    liveId: '',
    liveLoad: 'idle' as LiveLoad,
    liveError: '',
    cards: [] as ConsoleCard[],
    coupons: [] as Array<{ templateId: string; title: string }>,
    kinds: KINDS,
    durations: DURATIONS.map((sec) => ({ sec, label: `${sec / 60} 分钟` })),
    roles: ROLES,
    filters: FILTERS,
    kind: 'notice' as BroadcastKind,
    cardId: '',
    couponTemplateId: '',
    text: '',
    durationSec: 120,
    pushing: false,
    groupCopy: '',
    expiresText: '',
    filter: '' as '' | QuestionStatus,
    questions: [] as QuestionRow[],
    answeringId: '',
    answerText: '',
    clipTitle: '',
    clipUrl: '',
    clipProducts: {} as Record<string, boolean>,
    clipCount: 0,
    digestText: '',
    digestPostId: '',
  },
  lifetimes: {
    detached() {
      this.stopPolling();
    },
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      void this.load(options.live ?? '');
    },

    onShow() {
      local(this).visible = true;
      this.startPolling();
    },

    onHide() {
      local(this).visible = false;
      this.stopPolling();
    },

    onUnload() {
      local(this).visible = false;
      this.stopPolling();
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

    async selectLive(liveId: string): Promise<void> {
      const state = local(this);
      const token = ++state.liveToken;
      this.setData({
        liveId,
        liveLoad: 'loading',
        liveError: '',
        cardId: '',
        couponTemplateId: '',
        groupCopy: '',
        expiresText: '',
        answeringId: '',
        clipProducts: {},
        clipCount: 0,
        digestText: '',
        digestPostId: '',
      });
      try {
        const [live, questions, coupons] = await Promise.all([
          getLive(liveId),
          listQuestions(liveId, this.data.filter || undefined),
          listClaimable(liveId).catch(() => []),
        ]);
        if (token !== state.liveToken) return;
        this.setData({
          liveLoad: 'ready',
          cards: live.cards.map((c) => ({ cardId: c.cardId, productId: c.productId, title: c.title, livePriceFen: c.livePriceFen, role: c.role })),
          coupons: coupons.map((c) => ({ templateId: c.templateId, title: c.title })),
          questions: questions.map(questionRow),
        });
        this.startPolling();
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

    /** Text fields: data-field names the key. */
    onInput(e: WechatMiniprogram.Input & { currentTarget: { dataset: { field?: string } } }) {
      const field = e.currentTarget.dataset.field;
      if (field === 'text' || field === 'answerText' || field === 'clipTitle' || field === 'clipUrl') this.setData({ [field]: e.detail.value });
    },

    onPickKind(e: Tap<{ kind: BroadcastKind }>) {
      const kind = e.currentTarget.dataset.kind;
      if (kind !== this.data.kind) this.setData({ kind });
    },

    onPickCard(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      this.setData({ cardId: id === this.data.cardId ? '' : id });
    },

    onPickCoupon(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      this.setData({ couponTemplateId: id === this.data.couponTemplateId ? '' : id });
    },

    onPickDuration(e: Tap<{ sec: number }>) {
      const sec = Number(e.currentTarget.dataset.sec);
      if (sec !== this.data.durationSec) this.setData({ durationSec: sec });
    },

    async onPush(): Promise<void> {
      if (!this.data.canWrite) return;
      const { liveId, kind, cardId, couponTemplateId, text, durationSec, pushing } = this.data;
      if (pushing || !liveId) return;
      if (NEEDS_CARD.has(kind) && !cardId) {
        wx.showToast({ title: '请先选择商品', icon: 'none' });
        return;
      }
      const input: BroadcastInput = { liveId, kind, durationSec };
      if (cardId) input.cardId = cardId;
      if (kind === 'coupon_drop' && couponTemplateId) input.couponTemplateId = couponTemplateId;
      if (text.trim()) input.text = text.trim();
      this.setData({ pushing: true });
      try {
        const result = await pushBroadcast(input);
        this.setData({ pushing: false, groupCopy: result.groupCopy, expiresText: `${clockTime(result.expiresAt)} 前在直播间显示`, text: '' });
        wx.showToast({ title: '已推送到直播间', icon: 'success' });
      } catch (e) {
        this.setData({ pushing: false });
        wx.showToast({ title: errorText(e), icon: 'none' });
      }
    },

    onCopyGroupCopy() {
      if (this.data.groupCopy) void copyText(this.data.groupCopy);
    },

    async onSetRole(e: Tap<{ card: string; role: string }>) {
      if (!this.data.canWrite) return;
      const { card, role } = e.currentTarget.dataset;
      const next: CardRole = role === 'traffic' || role === 'trust' ? role : null;
      const index = this.data.cards.findIndex((c) => c.cardId === card);
      if (index < 0 || this.data.cards[index].role === next) return;
      try {
        const result = await setCardRole(this.data.liveId, card, next);
        this.setData({ [`cards[${index}].role`]: result.role });
      } catch (err) {
        wx.showToast({ title: errorText(err), icon: 'none' });
      }
    },

    startPolling() {
      const state = local(this);
      if (state.timer !== null || !state.visible || !this.data.liveId) return;
      state.timer = setInterval(() => void this.refreshQuestions(), QUESTIONS_POLL_MS) as unknown as number;
    },

    stopPolling() {
      const state = local(this);
      if (state.timer !== null) clearInterval(state.timer);
      state.timer = null;
    },

    async refreshQuestions(): Promise<void> {
      const state = local(this);
      const liveId = this.data.liveId;
      if (state.polling || !liveId) return;
      state.polling = true;
      try {
        const items = await listQuestions(liveId, this.data.filter || undefined);
        if (liveId !== this.data.liveId) return;
        const patch = changes(this.data, { questions: items.map(questionRow) });
        if (!isEmpty(patch)) this.setData(patch);
      } catch {
        // the next poll tries again
      } finally {
        state.polling = false;
      }
    },

    onPickFilter(e: Tap<{ status: '' | QuestionStatus }>) {
      const filter = e.currentTarget.dataset.status;
      if (filter === this.data.filter) return;
      this.setData({ filter });
      void this.refreshQuestions();
    },

    async onPickQuestion(e: Tap<{ id: string }>) {
      if (!this.data.canWrite) return;
      await this.mark(e.currentTarget.dataset.id, 'picked');
    },

    onStartAnswer(e: Tap<{ id: string }>) {
      if (!this.data.canWrite) return;
      const id = e.currentTarget.dataset.id;
      const current = this.data.questions.find((q) => q._id === id);
      this.setData({ answeringId: id, answerText: current?.answer ?? '' });
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
      if (!questionId) return false;
      try {
        await markQuestion(questionId, status, answer);
      } catch (e) {
        wx.showToast({ title: errorText(e), icon: 'none' });
        return false;
      }
      await this.refreshQuestions();
      return true;
    },

    onToggleClipProduct(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      this.setData({ [`clipProducts.${id}`]: !this.data.clipProducts[id] });
    },

    async onAddClip(): Promise<void> {
      if (!this.data.canWrite) return;
      const title = this.data.clipTitle.trim();
      const videoUrl = this.data.clipUrl.trim();
      if (!title) {
        wx.showToast({ title: '请填写片段标题', icon: 'none' });
        return;
      }
      if (!/^(https:\/\/|cloud:\/\/)/.test(videoUrl)) {
        wx.showToast({ title: '视频链接需以 https:// 或 cloud:// 开头', icon: 'none' });
        return;
      }
      const productIds = Object.keys(this.data.clipProducts).filter((id) => this.data.clipProducts[id]);
      try {
        await addClip({ liveId: this.data.liveId, title, videoUrl, productIds });
        this.setData({ clipTitle: '', clipUrl: '', clipProducts: {}, clipCount: this.data.clipCount + 1 });
        wx.showToast({ title: '已添加片段', icon: 'success' });
      } catch (e) {
        wx.showToast({ title: errorText(e), icon: 'none' });
      }
    },

    async onPublish(): Promise<void> {
      if (!this.data.canWrite) return;
      try {
        const result = await publishLiveDigest(this.data.liveId);
        this.setData({
          digestText: `已发布：${result.questionCount} 个问答、${result.clipCount} 个片段`,
          digestPostId: result.postId,
        });
      } catch (e) {
        wx.showToast({ title: errorText(e), icon: 'none' });
      }
    },

    onOpenPost() {
      if (this.data.digestPostId) wx.navigateTo({ url: `/pages/content/post/index?id=${encodeURIComponent(this.data.digestPostId)}` });
    },
  },
});
