import type { Broadcast, MyQuestion, Post, PostSummary } from '../../../../typings/contract';
import { bind } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import type { Db } from '../../ports';
import { loadLive } from './actions';
import { takeSlot, type SlotSpec } from '../../kernel/slots';
import type { BroadcastDoc, PostDoc, QuestionDoc } from '../../schema';
import { MAX_OPEN_QUESTIONS } from '../../../../typings/contract/limits';

export { MAX_OPEN_QUESTIONS };

/** At most MAX_OPEN_QUESTIONS open questions per viewer and live; answering or picking one frees it. */
export const questionSlots = (liveId: string, userId: string): SlotSpec => ({
  id: `questions:${liveId}:${userId}`,
  max: MAX_OPEN_QUESTIONS,
  counts: { collection: 'questions', query: { liveId, userId, status: 'open' } },
});
const POSTS_PAGE = 10;

export const broadcastView = ({ _id, liveId, kind, text, cardId, couponTemplateId, createdAt, expiresAt }: BroadcastDoc): Broadcast => ({
  _id,
  liveId,
  kind,
  text,
  cardId,
  couponTemplateId,
  createdAt,
  expiresAt,
});

const questionView = ({ _id, text, status, answer, createdAt }: QuestionDoc): MyQuestion => ({ _id, text, status, answer, createdAt });

const postSummary = (p: PostDoc): PostSummary => ({
  _id: p._id,
  title: p.title,
  cover: p.cover,
  liveId: p.liveId,
  publishedAt: p.publishedAt,
  clipCount: p.clips.length,
  questionCount: p.questions.length,
});

/** Product entries for a post, with current titles and prices; products off sale drop out. */
async function productEntries(db: Db, ids: string[]) {
  if (!ids.length) return new Map<string, Post['products'][number]>();
  const products = await db.collection('products').find({ _id: { $in: [...new Set(ids)] }, status: 'on_sale' });
  return new Map(products.map((p) => [p._id, { productId: p._id, title: p.title, image: p.image, priceFen: p.priceFen }]));
}

/** Viewer side of the live room: broadcasts, questions, and the content feed. */
export const roomActions = bind<'live'>()({
  broadcasts: {
    handler: async ({ db, now }, { liveId }) => {
      const items = await db.collection('broadcasts').find({ liveId, expiresAt: { $gt: now } }, { sort: [['createdAt', 'desc']], limit: 10 });
      return { items: items.map(broadcastView), now };
    },
  },

  ask: {
    write: true,
    handler: async (ctx, { liveId, text }) => {
      await loadLive(ctx.db, liveId);
      const questions = ctx.db.collection('questions');
      if (!(await takeSlot(ctx.db, questionSlots(liveId, ctx.caller.openid), ctx.now))) return fail('QUESTION_LIMIT');
      const _id = ctx.ids.next();
      await questions.insert({ _id, liveId, userId: ctx.caller.openid, text: text.trim(), status: 'open', answer: null, createdAt: ctx.now, updatedAt: ctx.now, answeredAt: null });
      return { questionId: _id };
    },
  },

  myQuestions: {
    handler: async ({ db, caller }, { liveId }) => ({
      items: (await db.collection('questions').find({ liveId, userId: caller.openid }, { sort: [['createdAt', 'desc']], limit: 50 })).map(questionView),
    }),
  },

  listPosts: {
    handler: async ({ db }, { page }) => {
      const [total, items] = await Promise.all([
        db.collection('posts').count({}),
        db.collection('posts').find({}, { sort: [['publishedAt', 'desc']], limit: POSTS_PAGE, skip: ((page ?? 1) - 1) * POSTS_PAGE }),
      ]);
      return { items: items.map(postSummary), total };
    },
  },

  getPost: {
    handler: async ({ db }, { postId }) => {
      const post = await db.collection('posts').get(postId);
      if (!post) return fail('POST_NOT_FOUND', undefined, 'postId');
      const entries = await productEntries(db, [...post.productIds, ...post.clips.flatMap((c) => c.productIds)]);
      const pick = (ids: string[]) => ids.flatMap((id) => (entries.has(id) ? [entries.get(id)!] : []));
      return {
        ...postSummary(post),
        clips: post.clips.map((c) => ({ title: c.title, videoUrl: c.videoUrl, products: pick(c.productIds) })),
        questions: post.questions,
        products: pick(post.productIds),
      };
    },
  },
});
