import { bind } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import { loadLive } from './actions';
import { emptyStats } from './events';
import { statsId } from '../../schema';
import { digestId, type BroadcastDoc, type ClipDoc, type PostDoc, type QuestionDoc } from '../../schema';
import { maskName } from '../../kernel/mask';
import { broadcastCopy } from './room-rules';
import { questionSlots } from './room-actions';
import { releaseSlots } from '../../kernel/slots';
import { changeCards } from './store';

const DEFAULT_BROADCAST_SEC = 120;

/** Staff side of the live room: the live console. */
export const roomAdminActions = bind<'admin'>()({
  pushBroadcast: {
    staff: 'live.write',
    write: true,
    handler: async (ctx, { liveId, kind, text, cardId, couponTemplateId, durationSec }) => {
      const live = await loadLive(ctx.db, liveId);
      const card = cardId ? live.cards.find((c) => c.cardId === cardId) : undefined;
      if (cardId && !card) return fail('CARD_NOT_FOUND', undefined, 'cardId');
      if ((kind === 'stock_warning' || kind === 'rerun') && !card) return fail('INVALID_INPUT', 'a card is required', 'cardId');
      let cardFacts;
      if (card) {
        const product = await ctx.db.collection('products').get(card.productId);
        const skus = await ctx.db.collection('skus').find({ productId: card.productId, status: 'on_sale' });
        cardFacts = {
          title: product?.title ?? '',
          livePriceFen: card.livePriceFen,
          stock: skus.reduce((s, x) => s + Math.max(0, x.stock), 0),
          rerunInMinutes: card.rerunAt && card.rerunAt > ctx.now ? Math.ceil((card.rerunAt - ctx.now) / 60_000) : null,
        };
      }
      let couponTitle: string | undefined;
      if (couponTemplateId) {
        const tpl = await ctx.db.collection('coupon_templates').get(couponTemplateId);
        if (!tpl) return fail('COUPON_NOT_FOUND', undefined, 'couponTemplateId');
        couponTitle = tpl.title;
      }
      const copy = broadcastCopy(kind, { liveTitle: live.title, card: cardFacts, couponTitle, text });
      const doc: BroadcastDoc = {
        _id: ctx.ids.next(),
        liveId,
        kind,
        text: copy.text,
        cardId: cardId ?? null,
        couponTemplateId: couponTemplateId ?? null,
        createdAt: ctx.now,
        expiresAt: ctx.now + (durationSec ?? DEFAULT_BROADCAST_SEC) * 1000,
        createdBy: ctx.caller.openid,
      };
      await ctx.db.collection('broadcasts').insert(doc);
      ctx.audit({ entity: 'broadcast', entityId: doc._id, before: null, after: doc });
      return { broadcastId: doc._id, expiresAt: doc.expiresAt, groupCopy: copy.groupCopy };
    },
  },

  setCardRole: {
    staff: 'live.write',
    write: true,
    handler: async (ctx, { liveId, cardId, role }) => {
      const { before } = await changeCards(ctx.db, liveId, (live) => {
        const index = live.cards.findIndex((c) => c.cardId === cardId);
        if (index < 0) return fail('CARD_NOT_FOUND', undefined, 'cardId');
        return { [`cards.${index}.role`]: role };
      });
      ctx.audit({ entity: 'live_card', entityId: `${liveId}:${cardId}`, before: { role: before.cards.find((c) => c.cardId === cardId)?.role ?? null }, after: { role } });
      return { role };
    },
  },

  listQuestions: {
    staff: 'staff.read',
    handler: async ({ db }, { liveId, status }) => {
      const questions = await db
        .collection('questions')
        .find(status ? { liveId, status } : { liveId }, { sort: [['createdAt', 'desc']], limit: 200 });
      const askers = questions.length
        ? await db.collection('users').find({ _id: { $in: [...new Set(questions.map((q) => q.userId))] } })
        : [];
      const names = new Map(askers.map((u) => [u._id, u.nickname]));
      return {
        items: questions.map((q) => ({
          _id: q._id,
          text: q.text,
          status: q.status,
          answer: q.answer,
          createdAt: q.createdAt,
          asker: maskName(names.get(q.userId) ?? '微信用户'),
        })),
      };
    },
  },

  markQuestion: {
    staff: 'live.write',
    write: true,
    handler: async (ctx, { questionId, status, answer }) => {
      const questions = ctx.db.collection('questions');
      const before = await questions.get(questionId);
      if (!before) return fail('QUESTION_NOT_FOUND', undefined, 'questionId');
      if (status === 'answered' && !answer && !before.answer) return fail('INVALID_INPUT', 'an answer is required', 'answer');
      const set: Partial<QuestionDoc> = { status, updatedAt: ctx.now };
      if (answer) set.answer = answer;
      if (status === 'answered') set.answeredAt = before.answeredAt ?? ctx.now;
      const leftOpen = await questions.update({ _id: questionId, status: 'open' }, { $set: set });
      if (leftOpen) await releaseSlots(ctx.db, questionSlots(before.liveId, before.userId).id, ctx.now);
      else await questions.update({ _id: questionId }, { $set: set });
      ctx.audit({ entity: 'question', entityId: questionId, before: { status: before.status, answer: before.answer }, after: { status, answer: answer ?? before.answer } });
      return { status };
    },
  },

  addClip: {
    staff: 'live.write',
    write: true,
    handler: async (ctx, { liveId, title, videoUrl, productIds }) => {
      await loadLive(ctx.db, liveId);
      const clip: ClipDoc = { _id: ctx.ids.next(), liveId, title, videoUrl, productIds: [...new Set(productIds)], createdAt: ctx.now };
      await ctx.db.collection('clips').insert(clip);
      ctx.audit({ entity: 'clip', entityId: clip._id, before: null, after: clip });
      return { clipId: clip._id };
    },
  },

  publishLiveDigest: {
    staff: 'live.write',
    write: true,
    handler: async (ctx, { liveId }) => {
      const live = await loadLive(ctx.db, liveId);
      const [answered, clips] = await Promise.all([
        ctx.db.collection('questions').find({ liveId, status: 'answered' }, { sort: [['answeredAt', 'asc']] }),
        ctx.db.collection('clips').find({ liveId }, { sort: [['createdAt', 'asc']] }),
      ]);
      const _id = digestId(liveId);
      const before = await ctx.db.collection('posts').get(_id);
      const post: PostDoc = {
        _id,
        title: `${live.title} · 直播回顾`,
        cover: live.cover,
        liveId,
        publishedAt: before?.publishedAt ?? ctx.now,
        clips: clips.map((c) => ({ clipId: c._id, title: c.title, videoUrl: c.videoUrl, productIds: c.productIds })),
        questions: answered.filter((q) => q.answer).map((q) => ({ questionId: q._id, text: q.text, answer: q.answer! })),
        productIds: [...new Set([...live.cards.map((c) => c.productId), ...clips.flatMap((c) => c.productIds)])],
      };
      // one digest per live: publishing again refreshes it, never duplicates an answer
      await ctx.db.transaction((tx) => tx.set('posts', post));
      ctx.audit({ entity: 'post', entityId: _id, before, after: post });
      return { postId: _id, questionCount: post.questions.length, clipCount: post.clips.length };
    },
  },

  importWecomWatchStats: {
    staff: 'live.write',
    write: true,
    handler: async (ctx, { liveId, wecomLiveId }) => {
      await loadLive(ctx.db, liveId);
      const stats = await ctx.wecom.liveWatchStats(wecomLiveId);
      let imported = 0;
      let unmatched = 0;
      for (const s of stats) {
        const external = await ctx.wecom.resolveExternalUser(s.externalUserId);
        const userId =
          external?.openid ??
          (external?.unionid ? (await ctx.db.collection('users').findOne({ unionid: external.unionid }))?._id : undefined);
        if (!userId) {
          unmatched++;
          continue;
        }
        const minutes = Math.floor(s.watchSeconds / 60);
        await ctx.db.transaction(async (tx) => {
          const _id = statsId(liveId, userId);
          const current = (await tx.get('live_stats', _id)) ?? { _id, ...emptyStats(liveId, userId, ctx.now) };
          // WeCom measured the stream itself: its total replaces the heartbeat count, and a re-import sets the same
          await tx.set('live_stats', { ...current, watchMinutes: minutes, watchSource: 'wecom' });
        });
        imported++;
      }
      ctx.audit({ entity: 'live', entityId: liveId, before: null, after: { wecomLiveId, imported, unmatched } });
      return { imported, unmatched };
    },
  },
});
