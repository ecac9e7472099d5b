import type { MyReview, Review, ReviewPointsRule, ReviewState, ReviewSummary } from '../../typings/contract/index';
import { REVIEW_TEXT_MAX_CHARS } from './generated/limits';
import { assetUrl } from '../services/call';
import { specText } from './aftersale';
import { formatDateTime } from './time';

/** How reviews (评价) read to the shopper: stars, states, the product's summary and one review's row. */
export const REVIEW_TEXT_MAX = REVIEW_TEXT_MAX_CHARS;
export const RATING_TEXT = ['', '非常差', '差', '一般', '好', '非常好'];

export const stars = (rating: number): string => '★'.repeat(rating) + '☆'.repeat(Math.max(0, 5 - rating));

export const STATE_TEXT: Record<ReviewState, string> = {
  checking: '审核中',
  pending: '审核中',
  visible: '已展示',
  hidden: '未展示',
  rejected: '未通过审核',
};

/** What the author is told after submitting, or on their list. */
export const STATE_NOTE: Record<ReviewState, string> = {
  checking: '图片审核中，通过后展示给其他顾客',
  pending: '评价审核中，通过后展示给其他顾客',
  visible: '',
  hidden: '评价未展示，如有疑问可联系客服',
  rejected: '图片未通过安全检测，评价不会展示',
};

/** The shop's 评价积分 rule as the form says it; '' when reviews earn nothing. */
export const pointsHint = (rule: ReviewPointsRule): string =>
  rule.points <= 0 ? '' : rule.minChars > 0 ? `写满 ${rule.minChars} 个字的评价得 ${rule.points} 积分` : `评价即得 ${rule.points} 积分`;

/** 好评率-style summary line: "4.8 分 · 共 12 条评价", or nothing to say. */
export function summaryText(summary: ReviewSummary): string {
  if (!summary.total) return '';
  return `${summary.average.toFixed(1)} 分 · 共 ${summary.total} 条评价`;
}

export interface ReviewRow {
  _id: string;
  author: string;
  stars: string;
  text: string;
  specText: string;
  photos: string[];
  reply: string;
  time: string;
}

export function reviewRow(r: Review): ReviewRow {
  return {
    _id: r._id,
    author: r.author,
    stars: stars(r.rating),
    text: r.text,
    specText: specText(r.specs),
    photos: r.photos.map(assetUrl),
    reply: r.reply,
    time: formatDateTime(r.createdAt),
  };
}

export interface MyReviewRow extends ReviewRow {
  orderId: string;
  title: string;
  stateText: string;
  stateNote: string;
  visible: boolean;
  pointsText: string;
}

export function myReviewRow(r: MyReview): MyReviewRow {
  return {
    ...reviewRow(r),
    orderId: r.orderId,
    title: r.title,
    stateText: STATE_TEXT[r.state] ?? r.state,
    stateNote: STATE_NOTE[r.state] ?? '',
    visible: r.state === 'visible',
    pointsText: r.points > 0 ? `+${r.points} 积分` : '',
  };
}
