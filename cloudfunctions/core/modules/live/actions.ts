import type { LiveCardView, LiveDetail, LiveListItem, LiveReplay, TrackEventInput, WecomEntry } from '../../../../typings/contract';
import { bind, type Ctx } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import { maskPhone } from '../../kernel/mask';
import { isDuplicateKey, type Db } from '../../ports';
import { recordViews } from '../catalog';
import { bindPhone, creditsByTemplate, recordConsents, setSmsOptOut, smsContact, TEMPLATES, templateId, type TemplatePurpose } from '../messaging';
import { MAX_CONSENT_CREDITS } from '../../../../typings/contract/limits';
import { recordEvent, reserveKey } from '../../kernel/events';
import { wecomState as wecomStateOf } from '../wecom';
import { byLive, emptyStats, foldEvents, inWindow, type WatchContext } from './events';
import { digestId, reservationId, statsId, type LiveDoc } from '../../schema';
import { CONSULT_FROM_FEN, DEFAULT_KEYWORDS, liveBrief, liveState, onAir } from './rules';

const lives = (db: Db) => db.collection('lives');
const reservations = (db: Db) => db.collection('reservations');

export async function loadLive(db: Db, liveId: string): Promise<LiveDoc> {
  const live = await lives(db).get(liveId);
  if (!live) return fail('LIVE_NOT_FOUND', undefined, 'liveId');
  return live;
}

/** Cards with their products' titles, regular prices and stock. */
export async function cardViews(db: Db, live: LiveDoc): Promise<LiveCardView[]> {
  const productIds = live.cards.map((c) => c.productId);
  if (!productIds.length) return [];
  const [products, skus] = await Promise.all([
    db.collection('products').find({ _id: { $in: productIds } }),
    db.collection('skus').find({ productId: { $in: productIds }, status: 'on_sale' }),
  ]);
  const byId = new Map(products.map((p) => [p._id, p]));
  return [...live.cards]
    .sort((a, b) => a.order - b.order)
    .filter((c) => byId.get(c.productId)?.status === 'on_sale')
    .map((c) => {
      const product = byId.get(c.productId)!;
      const own = skus.filter((s) => s.productId === c.productId);
      const stock = own.reduce((sum, s) => sum + Math.max(0, s.stock), 0);
      return {
        cardId: c.cardId,
        productId: c.productId,
        title: product.title,
        image: product.image,
        priceFen: own.length ? Math.min(...own.map((s) => s.priceFen)) : product.priceFen,
        livePriceFen: c.livePriceFen,
        stock,
        initialStock: Math.max(c.initialStock ?? stock, stock),
        order: c.order,
        rerunAt: c.rerunAt ?? null,
        role: c.role ?? null,
        consult: c.livePriceFen >= CONSULT_FROM_FEN,
      };
    });
}

/** The live's WeCom entry: its channel state and links, made through the WeCom port once and cached. */
async function wecomEntry(ctx: Ctx, live: LiveDoc): Promise<WecomEntry> {
  const state = wecomStateOf(live._id);
  if (live.wecom) return { state, ...live.wecom };
  const [contact, group] = await Promise.all([
    ctx.wecom.contactWay(state).catch(() => null),
    ctx.wecom.groupJoinWay(state).catch(() => null),
  ]);
  const links = { contactUrl: contact?.url ?? null, groupUrl: group?.url ?? null };
  if (links.contactUrl || links.groupUrl) await lives(ctx.db).update({ _id: live._id, wecom: null }, { $set: { wecom: links } });
  return { state, ...links };
}

/** An ended live's highlight clips and digest post; before the end there is nothing to replay. */
async function replayOf(db: Db, live: LiveDoc, now: number): Promise<LiveReplay | null> {
  if (liveState(live, now) !== 'ended') return null;
  const [clips, digest] = await Promise.all([
    db.collection('clips').find({ liveId: live._id }, { sort: [['createdAt', 'asc']], limit: 20 }),
    db.collection('posts').get(digestId(live._id)),
  ]);
  return { clips: clips.map((c) => ({ clipId: c._id, title: c.title, videoUrl: c.videoUrl })), postId: digest?._id ?? null };
}

async function isReserved(db: Db, liveId: string, userId: string) {
  return (await reservations(db).get(reservationId(liveId, userId)))?.status === 'active';
}

/** Adds a score to the user's interest in each product's category. */
async function noteInterest(db: Db, userId: string, productIds: string[], now: number): Promise<void> {
  if (!productIds.length) return;
  const products = await db.collection('products').find({ _id: { $in: [...new Set(productIds)] } });
  const scores = new Map<string, number>();
  const categoryOf = new Map(products.map((p) => [p._id, p.categoryId]));
  for (const id of productIds) {
    const c = categoryOf.get(id);
    if (c) scores.set(c, (scores.get(c) ?? 0) + 1);
  }
  const interests = db.collection('interests');
  for (const [categoryId, score] of scores) {
    const _id = `${userId}:${categoryId}`;
    if (await interests.update({ _id }, { $inc: { score }, $set: { updatedAt: now } })) continue;
    try {
      await interests.insert({ _id, userId, categoryId, score, updatedAt: now });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      await interests.update({ _id }, { $inc: { score }, $set: { updatedAt: now } });
    }
  }
}

/**
 * Counts a batch once: the batch marker and every aggregate it changes are written in one
 * transaction (by id), so a replayed batch finds its marker and changes nothing.
 */
async function countBatch(ctx: Ctx, batchId: string, events: TrackEventInput[]): Promise<boolean> {
  const userId = ctx.caller.openid;
  const grouped = byLive(events);
  const keywords = new Map<string, string[]>();
  const watch = new Map<string, WatchContext>();
  for (const liveId of grouped.keys()) {
    const live = await lives(ctx.db).get(liveId);
    if (!live) grouped.delete(liveId);
    else {
      keywords.set(liveId, live.keywords?.length ? live.keywords : DEFAULT_KEYWORDS);
      watch.set(liveId, { now: ctx.now, onAir: (at) => onAir(live, at) });
    }
  }
  return ctx.db.transaction(async (tx) => {
    const markerId = `${userId}:${batchId}`;
    if (await tx.get('event_batches', markerId)) return false;
    await tx.set('event_batches', { _id: markerId, userId, count: events.length, createdAt: ctx.now });
    for (const [liveId, liveEvents] of grouped) {
      const _id = statsId(liveId, userId);
      const current = (await tx.get('live_stats', _id)) ?? { _id, ...emptyStats(liveId, userId, liveEvents[0].at) };
      await tx.set('live_stats', foldEvents(current, liveEvents, keywords.get(liveId)!, watch.get(liveId)!));
    }
    return true;
  });
}

export const liveActions = bind<'live'>()({
  list: {
    handler: async ({ db, now, caller }, { state }) => {
      const recent = await lives(db).find({ endAt: { $gt: now - 30 * 24 * 3600_000 } }, { sort: [['startAt', 'asc']], limit: 100 });
      const chosen = recent.filter((l) => !state || liveState(l, now) === state);
      const mine = chosen.length
        ? await reservations(db).find({ _id: { $in: chosen.map((l) => reservationId(l._id, caller.openid)) }, status: 'active' })
        : [];
      const reservedIds = new Set(mine.map((r) => r.liveId));
      const ended = chosen.filter((l) => liveState(l, now) === 'ended').map((l) => l._id);
      const clips = ended.length ? await db.collection('clips').find({ liveId: { $in: ended } }) : [];
      const clipCounts = new Map<string, number>();
      for (const c of clips) clipCounts.set(c.liveId, (clipCounts.get(c.liveId) ?? 0) + 1);
      const items: LiveListItem[] = chosen.map((l) => ({
        ...liveBrief(l, now),
        reservationCount: l.reservationCount ?? 0,
        reserved: reservedIds.has(l._id),
        cardCount: l.cards.length,
        clipCount: clipCounts.get(l._id) ?? 0,
      }));
      // on now first, then upcoming soonest first, then replays newest first
      const rank = { live: 0, scheduled: 1, ended: 2 } as const;
      items.sort((a, b) => rank[a.state] - rank[b.state] || (a.state === 'ended' ? b.startAt - a.startAt : a.startAt - b.startAt));
      return { items };
    },
  },

  get: {
    handler: async (ctx, { liveId }) => {
      const { db, now, caller } = ctx;
      const live = await loadLive(db, liveId);
      const [cards, reserved, wecom, replay] = await Promise.all([
        cardViews(db, live),
        isReserved(db, liveId, caller.openid),
        wecomEntry(ctx, live),
        replayOf(db, live, now),
      ]);
      const detail: LiveDetail = {
        ...liveBrief(live, now),
        channelsFinderUserName: live.channelsFinderUserName ?? null,
        channelsNoticeId: live.channelsNoticeId ?? null,
        externalUrl: live.externalUrl ?? null,
        cards,
        reserved,
        reservationCount: live.reservationCount ?? 0,
        wecom,
        replay,
      };
      return detail;
    },
  },

  reserve: {
    write: true,
    handler: async (ctx, { liveId, inviteCode, consents }) => {
      const { db, now, caller } = ctx;
      const live = await loadLive(db, liveId);
      const state = liveState(live, now);
      if (state === 'ended') return fail('LIVE_ENDED');
      const _id = reservationId(liveId, caller.openid);
      let counted = false;
      try {
        await reservations(db).insert({
          _id,
          liveId,
          userId: caller.openid,
          status: 'active',
          inviteCode: inviteCode ?? null,
          channelsState: null,
          beforeStart: state === 'scheduled',
          createdAt: now,
          updatedAt: now,
          remindedAt: null,
        });
        counted = true;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        counted =
          (await reservations(db).update(
            { _id, status: 'cancelled' },
            { $set: { status: 'active', updatedAt: now, beforeStart: state === 'scheduled' } },
          )) === 1;
      }
      if (counted) {
        await lives(db).update({ _id: liveId }, { $inc: { reservationCount: 1 } });
        await recordEvent(db, { _id: reserveKey(liveId, caller.openid), userId: caller.openid, type: 'live_reserved', at: now, ref: liveId });
      }
      if (consents) await recordConsents(db, caller.openid, consents, now);
      // the count as this call read it, with this reservation: no second read of the live
      return { reserved: true as const, reservationCount: (live.reservationCount ?? 0) + (counted ? 1 : 0) };
    },
  },

  cancelReservation: {
    write: true,
    handler: async ({ db, now, caller }, { liveId }) => {
      const live = await loadLive(db, liveId);
      const changed = await reservations(db).update(
        { _id: reservationId(liveId, caller.openid), status: 'active' },
        { $set: { status: 'cancelled', updatedAt: now } },
      );
      if (changed) await lives(db).update({ _id: liveId }, { $inc: { reservationCount: -1 } });
      return { reserved: false as const, reservationCount: Math.max(0, (live.reservationCount ?? 0) - (changed ? 1 : 0)) };
    },
  },

  recordChannelsReservation: {
    write: true,
    handler: async ({ db, now, caller }, { liveId, state }) => {
      const changed = await reservations(db).update({ _id: reservationId(liveId, caller.openid) }, { $set: { channelsState: state, updatedAt: now } });
      return { recorded: changed === 1 };
    },
  },

  recordConsents: {
    write: true,
    handler: async ({ db, now, caller }, { consents }) => ({ credits: await recordConsents(db, caller.openid, consents, now) }),
  },

  messageSettings: {
    handler: async ({ db, caller }) => {
      const offered = (Object.keys(TEMPLATES) as TemplatePurpose[]).filter((p) => TEMPLATES[p].usedBy.length > 0 && TEMPLATES[p].audience === 'shopper');
      const ids = offered.map((p) => templateId(p));
      const [credits, sms] = await Promise.all([creditsByTemplate(db, caller.openid, ids), smsContact(db, caller.openid)]);
      return {
        templates: offered.map((p, i) => ({ templateId: ids[i], title: TEMPLATES[p].title, note: TEMPLATES[p].note, credits: credits[ids[i]] })),
        maxCredits: MAX_CONSENT_CREDITS,
        smsOptedOut: sms.optedOut,
        phone: sms.phone ? maskPhone(sms.phone) : null,
      };
    },
  },

  setSmsOptOut: {
    write: true,
    handler: async ({ db, now, caller }, { optOut }) => {
      await setSmsOptOut(db, caller.openid, optOut, now);
      return { smsOptedOut: optOut };
    },
  },

  bindPhone: {
    write: true,
    handler: async ({ db, now, caller, identity }, { code }) => {
      const got = await identity.phoneNumber(code);
      if (!got) return fail('PHONE_CODE_INVALID', undefined, 'code');
      await bindPhone(db, caller.openid, got.phone, got.countryCode, now);
      return { phone: maskPhone(got.phone) };
    },
  },

  track: {
    write: true,
    handler: async (ctx, { batchId, events }) => {
      const fresh = events.filter((e) => inWindow(e.at, ctx.now));
      const counted = await countBatch(ctx, batchId, fresh);
      if (counted) {
        const viewed = fresh.flatMap((e) => (e.type === 'product_view' ? [e.productId] : []));
        const tappedCards = fresh.filter((e) => e.type === 'card_tap');
        const tapped: string[] = [];
        for (const e of tappedCards) {
          if (e.type !== 'card_tap') continue;
          const live = await lives(ctx.db).get(e.liveId);
          const card = live?.cards.find((c) => c.cardId === e.cardId);
          if (card) tapped.push(card.productId);
        }
        await noteInterest(ctx.db, ctx.caller.openid, [...viewed, ...tapped], ctx.now);
        // 足迹: the products viewed, as of the server's clock
        await recordViews(ctx.db, ctx.caller.openid, viewed, ctx.now);
      }
      return { accepted: counted ? fresh.length : 0, duplicate: !counted };
    },
  },

  myStats: {
    handler: async ({ db, caller }, { liveId }) => {
      const s = await db.collection('live_stats').get(statsId(liveId, caller.openid));
      const base = s ?? { ...emptyStats(liveId, caller.openid, 0) };
      return {
        liveId,
        userId: caller.openid,
        watchMinutes: base.watchMinutes,
        cardTaps: base.cardTaps,
        comments: base.comments,
        keywordHits: base.keywordHits,
        addToCart: base.addToCart,
        consultTaps: base.consultTaps,
      };
    },
  },
});
