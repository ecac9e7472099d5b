import type { ReviewState, StaffReview } from '../../../../typings/contract/index';
import { assetUrl, failureCode, newRequestId } from '../../../services/call';
import type { Page } from '../../../services/admin';
import { getReviewRule, moderateReview, setReviewRule, staffListReviews } from '../../../services/reviews-admin';
import { REVIEW_POINTS_MAX, REVIEW_TEXT_MAX_CHARS } from '../../../utils/generated/limits';
import { pointsHint } from '../../../utils/reviews';
import { parseCount } from '../../utils/form';
import { afterFailure, attemptFor, type Attempt } from '../../../utils/attempt';
import { instanceState } from '../../../utils/instance-state';
import { stars } from '../../../utils/reviews';
import { formatDateTime } from '../../../utils/time';
import { staffListBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { specText } from '../../utils/orders';
import { showFailure, staffAccess } from '../../utils/staff';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;
type Tab = ReviewState | '';
type Verdict = StaffReview['check']['photos'][number];
type Change = { action?: 'show' | 'hide'; reply?: string };

const REPLY_MAX = 200;
/** the server's page of the queue */
const PAGE_SIZE = 20;

/** The tabs: 待审核 first, where staff have something to decide. */
const TABS: Array<{ state: Tab; label: string }> = [
  { state: 'pending', label: '待审核' },
  { state: 'visible', label: '已展示' },
  { state: 'hidden', label: '已隐藏' },
  { state: 'checking', label: '检测中' },
  { state: 'rejected', label: '未通过' },
  { state: '', label: '全部' },
];

const STATE_TEXT: Record<ReviewState, string> = {
  pending: '待审核',
  visible: '已展示',
  hidden: '已隐藏',
  checking: '检测中',
  rejected: '未通过',
};

const VERDICT_TEXT: Record<Verdict, string> = { pass: '通过', review: '需人工审核', risky: '违规', checking: '检测中' };
const VERDICT_ORDER: Verdict[] = ['pass', 'review', 'risky', 'checking'];

/** "图片 2 张通过 · 1 张检测中": each verdict the photos got, with how many got it. */
function photoChecksText(photos: Verdict[]): string {
  const parts = VERDICT_ORDER.map((v) => [photos.filter((p) => p === v).length, VERDICT_TEXT[v]] as const)
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} 张${label}`);
  return parts.length ? `图片 ${parts.join(' · ')}` : '';
}

interface ReviewCard {
  _id: string;
  state: ReviewState;
  stateText: string;
  title: string;
  specText: string;
  stars: string;
  text: string;
  photos: string[];
  author: string;
  timeText: string;
  textCheck: string;
  textCheckLevel: 'pass' | 'review' | 'risky';
  photoCheck: string;
  reply: string;
  canShow: boolean;
  canHide: boolean;
}

const reviewCard = (r: StaffReview): ReviewCard => ({
  _id: r._id,
  state: r.state,
  stateText: STATE_TEXT[r.state] ?? r.state,
  title: r.title,
  specText: specText(r.specs),
  stars: stars(r.rating),
  text: r.text,
  photos: r.photos.map(assetUrl),
  author: r.author || '匿名用户',
  timeText: formatDateTime(r.createdAt),
  textCheck: r.text ? `文字 ${VERDICT_TEXT[r.check.text]}` : '',
  textCheckLevel: r.check.text,
  photoCheck: photoChecksText(r.check.photos),
  reply: r.reply,
  // a photo whose verdict never came may be shown by hand
  canShow: r.state === 'pending' || r.state === 'hidden' || r.state === 'checking',
  canHide: r.state === 'visible' || r.state === 'pending',
});

const reviewList = staffListBehavior<StaffReview, ReviewCard>({ list: 'rows', row: reviewCard });

/** What the page keeps off data: the last move's attempt (its request id is sent again on a retry after a lost answer). */
const local = instanceState(() => ({ attempt: null as Attempt | null }));

/**
 * 评价 (admin subpackage): shoppers' reviews by state, newest first, with what the content check
 * said of their text and photos. Roles with `marketing.write` show (待审核, 已隐藏), hide (已展示,
 * 待审核) and reply; other staff read. A moved card takes the server's answer, and leaves the tab
 * when it no longer belongs there.
 */
Component({
  behaviors: [reviewList],
  data: {
    tabs: TABS,
    tab: 'pending' as Tab,
    rows: [] as ReviewCard[],
    canModerate: false,
    busyId: '',
    replyFor: '',
    replyText: '',
    replyMax: REPLY_MAX,
    /** 评价积分: read when opened (not part of the first screen) */
    rule: null as { points: string; minChars: string; text: string; error: string } | null,
    ruleBusy: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const tab = TABS.find((t) => t.state === options.state)?.state;
      if (tab !== undefined) this.setData({ tab });
      void this.load();
    },

    onReachBottom() {
      void this.onMore();
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), this.fetchList(1)]),
        ([access, list]) => ({ canModerate: access.can['marketing.write'], replyFor: '', ...this.firstPageView(list) }),
      );
    },

    /**
     * Page `page` of the tab. Cards moved off the tab have moved the server's pages up by as many,
     * so a later page is read from where the list stands, without the cards already shown.
     */
    async fetchList(page: number): Promise<Page<StaffReview>> {
      if (page === 1) return staffListReviews(this.data.tab, 1);
      const rows = this.data.rows;
      const answer = await staffListReviews(this.data.tab, Math.floor(rows.length / PAGE_SIZE) + 1);
      const shown = new Set(rows.map((r) => r._id));
      return { items: answer.items.filter((r) => !shown.has(r._id)), total: answer.total };
    },

    /** 评价积分规则: opens on the shop's rule; closes again on a second tap. */
    async onToggleRule(): Promise<void> {
      if (this.data.rule) {
        this.setData({ rule: null });
        return;
      }
      if (this.data.ruleBusy) return;
      this.setData({ ruleBusy: true });
      try {
        const rule = await getReviewRule();
        this.setData({ rule: { points: String(rule.points), minChars: String(rule.minChars), text: pointsHint(rule) || '评价不送积分', error: '' } });
      } catch (e) {
        showFailure(e);
      } finally {
        this.setData({ ruleBusy: false });
      }
    },

    onRuleInput(e: WechatMiniprogram.Input) {
      const field = (e.currentTarget.dataset as { field?: 'points' | 'minChars' }).field;
      if (field && this.data.rule) this.setData({ [`rule.${field}`]: String(e.detail.value ?? ''), 'rule.error': '' });
    },

    async onSaveRule(): Promise<void> {
      const rule = this.data.rule;
      if (!rule || !this.data.canModerate || this.data.ruleBusy) return;
      const points = parseCount(rule.points, 0, REVIEW_POINTS_MAX);
      const minChars = parseCount(rule.minChars, 0, REVIEW_TEXT_MAX_CHARS);
      if (points === null) return this.setData({ 'rule.error': `积分为 0–${REVIEW_POINTS_MAX}，0 为不送` });
      if (minChars === null) return this.setData({ 'rule.error': `字数为 0–${REVIEW_TEXT_MAX_CHARS}` });
      this.setData({ ruleBusy: true });
      try {
        const saved = await setReviewRule({ points, minChars });
        this.setData({ rule: { points: String(saved.points), minChars: String(saved.minChars), text: pointsHint(saved) || '评价不送积分', error: '' } });
        wx.showToast({ title: '已保存，之后的评价按此送积分', icon: 'none' });
      } catch (e) {
        showFailure(e);
      } finally {
        this.setData({ ruleBusy: false });
      }
    },

    onTab(e: Tap<{ state: Tab }>) {
      const tab = e.currentTarget.dataset.state;
      if (tab === this.data.tab) return;
      this.setData({ tab, rows: [], total: 0, replyFor: '', replyText: '' });
      void this.reloadList();
    },

    onPreview(e: Tap<{ id: string; index: number }>) {
      const photos = this.data.rows.find((r) => r._id === e.currentTarget.dataset.id)?.photos ?? [];
      const current = photos[Number(e.currentTarget.dataset.index)];
      if (current) wx.previewImage({ current, urls: photos });
    },

    onShowReview(e: Tap<{ id: string }>) {
      const card = this.data.rows.find((r) => r._id === e.currentTarget.dataset.id);
      if (card?.canShow) void this.moderate(card._id, { action: 'show' }, '已展示');
    },

    onHideReview(e: Tap<{ id: string }>) {
      const card = this.data.rows.find((r) => r._id === e.currentTarget.dataset.id);
      if (card?.canHide) void this.moderate(card._id, { action: 'hide' }, '已隐藏');
    },

    onReplyStart(e: Tap<{ id: string }>) {
      const card = this.data.rows.find((r) => r._id === e.currentTarget.dataset.id);
      if (card && !this.data.busyId) this.setData({ replyFor: card._id, replyText: card.reply });
    },

    onReplyInput(e: WechatMiniprogram.Input) {
      this.setData({ replyText: inputValue(e) });
    },

    onReplyCancel() {
      if (!this.data.busyId) this.setData({ replyFor: '', replyText: '' });
    },

    /** Saves the reply; an empty one takes the current reply down. */
    onReplySave() {
      const id = this.data.replyFor;
      const card = this.data.rows.find((r) => r._id === id);
      if (!card) return;
      const reply = this.data.replyText.trim();
      if (!reply && !card.reply) {
        wx.showToast({ title: '请填写回复内容', icon: 'none' });
        return;
      }
      if (reply.length > REPLY_MAX) {
        wx.showToast({ title: `回复不能超过 ${REPLY_MAX} 字`, icon: 'none' });
        return;
      }
      void this.moderate(id, { reply }, reply ? '回复已保存' : '回复已删除');
    },

    /**
     * Sends one move (others wait until it answers), then puts the server's answer in the card's
     * place, or takes the card off a tab it no longer belongs to. A retry after a failure that may
     * not have reached the server sends the same request id.
     */
    async moderate(reviewId: string, change: Change, toast: string): Promise<void> {
      if (this.data.busyId) return;
      const state = local(this);
      const attempt = attemptFor(state.attempt, JSON.stringify([reviewId, change]), newRequestId);
      this.setData({ busyId: reviewId });
      try {
        const review = await moderateReview(reviewId, change, attempt.requestId);
        state.attempt = null;
        this.place(review);
        wx.showToast({ title: toast, icon: 'success' });
      } catch (err) {
        state.attempt = afterFailure(attempt, failureCode(err));
        this.setData({ busyId: '' });
        showFailure(err);
      }
    },

    /** The card as the server answered it, where it was; off the list when the tab is now another state's. */
    place(review: StaffReview) {
      const rows = this.data.rows;
      const index = rows.findIndex((r) => r._id === review._id);
      const patch: Record<string, unknown> = { busyId: '' };
      if (this.data.replyFor === review._id) Object.assign(patch, { replyFor: '', replyText: '' });
      if (index >= 0 && this.data.tab && review.state !== this.data.tab) {
        Object.assign(patch, { rows: rows.filter((r) => r._id !== review._id), total: Math.max(0, this.data.total - 1) });
      } else if (index >= 0) {
        patch[`rows[${index}]`] = reviewCard(review);
      }
      this.setData(patch);
    },
  },
});
