import { z } from 'zod';
import { def, id, page, text } from './common';
import { QUESTION_MAX_CHARS, QUESTION_MIN_CHARS } from './limits';

/**
 * The live room's operations: WeCom channel entries, staff broadcasts, viewer questions, and the
 * content a live leaves behind.
 */
export interface WecomEntry {
  /** the live's channel state (≤ 30 chars) that WeCom returns in callbacks */
  state: string;
  /** "contact me" (联系我) link / QR for adding staff on WeCom */
  contactUrl: string | null;
  /** fan group join way (加入群聊) link / QR */
  groupUrl: string | null;
}

export type BroadcastKind = 'stock_warning' | 'rerun' | 'coupon_drop' | 'notice';

export interface Broadcast {
  _id: string;
  liveId: string;
  kind: BroadcastKind;
  text: string;
  cardId: string | null;
  couponTemplateId: string | null;
  createdAt: number;
  expiresAt: number;
}

export type QuestionStatus = 'open' | 'picked' | 'answered';

export interface MyQuestion {
  _id: string;
  text: string;
  status: QuestionStatus;
  answer: string | null;
  createdAt: number;
}

export interface StaffQuestion extends MyQuestion {
  /** the asker's nickname, masked (小*) */
  asker: string;
}

export interface PostProduct {
  productId: string;
  title: string;
  image: string;
  priceFen: number;
}

export interface PostSummary {
  _id: string;
  title: string;
  cover: string;
  liveId: string | null;
  publishedAt: number;
  clipCount: number;
  questionCount: number;
}

export interface Post extends PostSummary {
  clips: Array<{ title: string; videoUrl: string; products: PostProduct[] }>;
  questions: Array<{ text: string; answer: string }>;
  products: PostProduct[];
}

export const room = {
  /** broadcasts still showing in the room, newest first; pages poll this every few seconds */
  broadcasts: def<{ items: Broadcast[]; now: number }>()(z.object({ liveId: id() }).strict()),
  ask: def<{ questionId: string }>()(z.object({ liveId: id(), text: text(QUESTION_MAX_CHARS, QUESTION_MIN_CHARS) }).strict()),
  myQuestions: def<{ items: MyQuestion[] }>()(z.object({ liveId: id() }).strict()),
  listPosts: def<{ items: PostSummary[]; total: number }>()(z.object({ page: page().optional() }).strict()),
  getPost: def<Post>()(z.object({ postId: id() }).strict()),
};

export const roomAdmin = {
  pushBroadcast: def<{ broadcastId: string; expiresAt: number; groupCopy: string }>()(
    z
      .object({
        liveId: id(),
        kind: z.enum(['stock_warning', 'rerun', 'coupon_drop', 'notice']),
        text: text(80).optional(),
        cardId: id().optional(),
        couponTemplateId: id().optional(),
        /** how long it shows, in seconds */
        durationSec: z.number().int().min(10).max(3600).optional(),
      })
      .strict(),
  ),
  setCardRole: def<{ role: 'traffic' | 'trust' | null }>()(
    z.object({ liveId: id(), cardId: id(), role: z.enum(['traffic', 'trust']).nullable() }).strict(),
  ),
  listQuestions: def<{ items: StaffQuestion[] }>()(
    z.object({ liveId: id(), status: z.enum(['open', 'picked', 'answered']).optional() }).strict(),
  ),
  markQuestion: def<{ status: QuestionStatus }>()(
    z.object({ questionId: id(), status: z.enum(['picked', 'answered']), answer: text(300, 1).optional() }).strict(),
  ),
  addClip: def<{ clipId: string }>()(
    z
      .object({
        liveId: id(),
        title: text(40, 1),
        videoUrl: z.string().max(300).regex(/^(https:\/\/|cloud:\/\/)/, 'must be an https or cloud:// link'),
        productIds: z.array(id()).max(10),
      })
      .strict(),
  ),
  /** turns a live's answered questions and clips into (or refreshes) its content post */
  publishLiveDigest: def<{ postId: string; questionCount: number; clipCount: number }>()(z.object({ liveId: id() }).strict()),
  /** imports per-viewer watch time of a WeCom live into the live's aggregates */
  importWecomWatchStats: def<{ imported: number; unmatched: number }>()(
    z.object({ liveId: id(), wecomLiveId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) }).strict(),
  ),
};
