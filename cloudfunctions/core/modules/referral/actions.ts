import type { FissionTask, ReferralSettings } from '../../../../typings/contract';
import { bind, type Ctx } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import type { Db } from '../../ports';
import { isDuplicateKey } from '../../ports';
import { maskName } from '../../kernel/mask';
import { statsId, type FissionTaskDoc, type ShareCodeDoc } from '../../schema';
import { DEFAULT_SETTINGS, bindingDecision, referralWindowMs, codePath, countingInvitees, fissionRules, makeCode, sceneOf, type InviteeFacts } from './rules';

const codes = (db: Db) => db.collection('share_codes');
const bindings = (db: Db) => db.collection('referral_bindings');
const tasks = (db: Db) => db.collection('fission_tasks');

export async function referralSettings(db: Db): Promise<ReferralSettings> {
  const doc = await db.collection('settings').get('referral');
  return {
    windowDays: doc?.windowDays ?? DEFAULT_SETTINGS.windowDays,
    promoterMinWatchMinutes: doc?.promoterMinWatchMinutes ?? DEFAULT_SETTINGS.promoterMinWatchMinutes,
    promoterPointsPerInvitee: doc?.promoterPointsPerInvitee ?? DEFAULT_SETTINGS.promoterPointsPerInvitee,
    promoterDailyCap: doc?.promoterDailyCap ?? DEFAULT_SETTINGS.promoterDailyCap,
  };
}

async function nickname(db: Db, userId: string) {
  return (await db.collection('users').get(userId))?.nickname ?? '微信用户';
}

async function loadCode(db: Db, code: string): Promise<ShareCodeDoc> {
  const doc = await codes(db).get(code);
  if (!doc) return fail('REFERRAL_CODE_NOT_FOUND', undefined, 'code');
  return doc;
}

/** The caller's code for a target, made once: a unique (inviter, target) key settles races. */
async function codeFor(ctx: Ctx, liveId: string | null, productId: string | null): Promise<ShareCodeDoc> {
  const target = `${liveId ?? ''}|${productId ?? ''}`;
  const existing = await codes(ctx.db).findOne({ inviterId: ctx.caller.openid, target });
  if (existing) return existing;
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc: ShareCodeDoc = { _id: makeCode((n) => ctx.random.bytes(n)), inviterId: ctx.caller.openid, liveId, productId, target, createdAt: ctx.now };
    try {
      await codes(ctx.db).insert(doc);
      return doc;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const raced = await codes(ctx.db).findOne({ inviterId: ctx.caller.openid, target });
      if (raced) return raced;
      // a code collision: draw another
    }
  }
  throw new Error('could not make a unique share code');
}

/** Who invited `userId`, who invited them, … (at most `depth` levels). */
async function upline(db: Db, userId: string, depth = 10): Promise<string[]> {
  const chain: string[] = [];
  let current = userId;
  for (let i = 0; i < depth; i++) {
    const b = await bindings(db).get(current);
    if (!b || chain.includes(b.inviterId)) break;
    chain.push(b.inviterId);
    current = b.inviterId;
  }
  return chain;
}

async function giftTitle(db: Db, gift: FissionTaskDoc['gift']): Promise<string> {
  if (gift.kind === 'points') return `${gift.points} 积分`;
  return (await db.collection('coupon_templates').get(gift.templateId))?.title ?? '优惠券';
}

async function taskView(db: Db, t: FissionTaskDoc, settings: ReferralSettings): Promise<FissionTask> {
  const live = await db.collection('lives').get(t.liveId);
  const title = await giftTitle(db, t.gift);
  return {
    _id: t._id,
    liveId: t.liveId,
    liveTitle: live?.title ?? '',
    requiredInvites: t.requiredInvites,
    giftStock: t.giftStock,
    giftClaimed: t.giftClaimed,
    gift: t.gift.kind === 'coupon' ? { kind: 'coupon', templateId: t.gift.templateId, title } : { kind: 'points', points: t.gift.points, title },
    rules: fissionRules(t.requiredInvites, settings.windowDays, t.giftStock, title),
    endsAt: live?.startAt ?? t.createdAt,
  };
}

/** Facts about everyone who reserved `liveId` through one of the inviter's codes. */
export async function inviteeFacts(db: Db, inviterId: string, liveId: string): Promise<InviteeFacts[]> {
  const mine = (await codes(db).find({ inviterId })).map((c) => c._id);
  if (!mine.length) return [];
  const reservations = await db.collection('reservations').find({ liveId, inviteCode: { $in: mine } });
  if (!reservations.length) return [];
  const userIds = [...new Set(reservations.map((r) => r.userId))];
  const users = new Map((await db.collection('users').find({ _id: { $in: userIds } })).map((u) => [u._id, u]));
  const firstPaid = new Map<string, number>();
  for (const o of await db.collection('orders').find({ userId: { $in: userIds }, paidAt: { $gt: 0 } })) {
    const at = o.paidAt!;
    if (!firstPaid.has(o.userId) || at < firstPaid.get(o.userId)!) firstPaid.set(o.userId, at);
  }
  return reservations.map((r) => ({
    inviteeId: r.userId,
    reservedAt: r.createdAt,
    status: r.status,
    cancelledAt: r.status === 'cancelled' ? r.updatedAt : null,
    createdAt: users.get(r.userId)?.createdAt ?? r.createdAt,
    firstPaidAt: firstPaid.get(r.userId) ?? null,
  }));
}

export async function progressOf(ctx: Ctx, task: FissionTaskDoc) {
  const settings = await referralSettings(ctx.db);
  const live = await ctx.db.collection('lives').get(task.liveId);
  const facts = await inviteeFacts(ctx.db, ctx.caller.openid, task.liveId);
  const counting = countingInvitees(ctx.caller.openid, facts, live?.startAt ?? Infinity, referralWindowMs(settings));
  const names = await Promise.all(counting.map((f) => nickname(ctx.db, f.inviteeId)));
  const claimed = !!(await ctx.db.collection('fission_claims').get(`${task._id}:${ctx.caller.openid}`));
  return {
    count: counting.length,
    required: task.requiredInvites,
    unlocked: counting.length >= task.requiredInvites,
    claimed,
    invitees: counting.map((f, i) => ({ name: maskName(names[i]), at: f.reservedAt })),
    giftLeft: Math.max(0, task.giftStock - task.giftClaimed),
  };
}

export async function loadTask(db: Db, taskId: string) {
  const task = await tasks(db).get(taskId);
  if (!task) return fail('FISSION_TASK_NOT_FOUND', undefined, 'taskId');
  return task;
}

export const referralActions = bind<'referral'>()({
  myCode: {
    write: true,
    handler: async (ctx, { liveId, productId }) => {
      const doc = await codeFor(ctx, liveId ?? null, productId ?? null);
      return { code: doc._id, path: codePath(doc._id, doc), scene: sceneOf(doc._id) };
    },
  },

  resolveCode: {
    handler: async ({ db }, { code }) => {
      const doc = await loadCode(db, code);
      return { code, inviter: maskName(await nickname(db, doc.inviterId)), liveId: doc.liveId, productId: doc.productId, path: codePath(code, doc) };
    },
  },

  poster: {
    handler: async ({ db, codes: codesPort }, { code }) => {
      const doc = await loadCode(db, code);
      const path = codePath(code, doc);
      const page = path.split('?')[0];
      let fileId = doc.qrFileId ?? null;
      if (!fileId) {
        // made once per code: a concurrent first view makes the same file, and the first kept id stands
        fileId = await codesPort.makeQrImage(sceneOf(code), page);
        const kept = await codes(db).update({ _id: code, qrFileId: null }, { $set: { qrFileId: fileId } });
        if (!kept) fileId = (await codes(db).get(code))?.qrFileId ?? fileId;
      }
      return { qrUrl: await codesPort.imageUrl(fileId), path };
    },
  },

  bind: {
    write: true,
    handler: async (ctx, { code }) => {
      const doc = await loadCode(ctx.db, code);
      const settings = await referralSettings(ctx.db);
      const invitee = await ctx.db.collection('users').get(ctx.caller.openid);
      const decision = bindingDecision({
        inviteeId: ctx.caller.openid,
        inviterId: doc.inviterId,
        inviteeCreatedAt: invitee?.createdAt ?? ctx.now,
        alreadyBoundTo: (await bindings(ctx.db).get(ctx.caller.openid))?.inviterId ?? null,
        inviterUpline: await upline(ctx.db, doc.inviterId),
        now: ctx.now,
        windowMs: referralWindowMs(settings),
      });
      if (!decision.ok) return fail(decision.code);
      try {
        await bindings(ctx.db).insert({
          _id: ctx.caller.openid,
          inviterId: doc.inviterId,
          code,
          reason: `first touch through code ${code}${doc.liveId ? ` (live ${doc.liveId})` : ''}, ${Math.floor((ctx.now - (invitee?.createdAt ?? ctx.now)) / 3600_000)} h after first arriving`,
          createdAt: ctx.now,
        });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        return fail('REFERRAL_ALREADY_BOUND');
      }
      return { bound: true as const, inviter: maskName(await nickname(ctx.db, doc.inviterId)) };
    },
  },

  getTask: {
    handler: async ({ db }, { taskId }) => taskView(db, await loadTask(db, taskId), await referralSettings(db)),
  },

  listTasks: {
    handler: async ({ db }, { liveId }) => {
      const settings = await referralSettings(db);
      const found = await tasks(db).find(liveId ? { liveId } : {}, { sort: [['createdAt', 'desc']], limit: 20 });
      return { items: await Promise.all(found.map((t) => taskView(db, t, settings))) };
    },
  },

  progress: {
    handler: async (ctx, { taskId }) => progressOf(ctx, await loadTask(ctx.db, taskId)),
  },

  becomePromoter: {
    write: true,
    handler: async ({ db, now, caller }) => {
      try {
        await db.collection('promoters').insert({ _id: caller.openid, since: now, status: 'active' });
        return { promoter: true as const, since: now };
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        return { promoter: true as const, since: (await db.collection('promoters').get(caller.openid))!.since };
      }
    },
  },

  promoterCenter: {
    handler: async ({ db, caller }) => {
      const [me, settings] = await Promise.all([db.collection('promoters').get(caller.openid), referralSettings(db)]);
      const rules = { minWatchMinutes: settings.promoterMinWatchMinutes, pointsPerInvitee: settings.promoterPointsPerInvitee, dailyCap: settings.promoterDailyCap };
      if (!me) return { promoter: false, since: null, earnedPoints: 0, rules, invitees: [] };
      const rewards = await db.collection('promoter_rewards').find({ promoterId: caller.openid });
      const rewarded = new Map(rewards.map((r) => [`${r.liveId}:${r.inviteeId}`, r]));
      const mine = (await codes(db).find({ inviterId: caller.openid })).map((c) => c._id);
      const reservations = mine.length
        ? await db.collection('reservations').find({ inviteCode: { $in: mine } }, { sort: [['createdAt', 'desc']], limit: 200 })
        : [];
      const theirs = reservations.filter((r) => r.userId !== caller.openid);
      // two reads for the whole list, not two per invitee
      const [stats, users] = theirs.length
        ? await Promise.all([
            db.collection('live_stats').find({ _id: { $in: theirs.map((r) => statsId(r.liveId, r.userId)) } }),
            db.collection('users').find({ _id: { $in: [...new Set(theirs.map((r) => r.userId))] } }),
          ])
        : [[], []];
      const watched = new Map(stats.map((s) => [s._id, s.watchMinutes]));
      const names = new Map(users.map((u) => [u._id, u.nickname]));
      const invitees = theirs.map((r) => {
        const reward = rewarded.get(`${r.liveId}:${r.userId}`);
        const watchMinutes = watched.get(statsId(r.liveId, r.userId)) ?? 0;
        const status = reward ? reward.status : watchMinutes > 0 ? 'watching' : 'reserved';
        return { name: maskName(names.get(r.userId) ?? '微信用户'), liveId: r.liveId, status, watchMinutes, points: reward?.points ?? 0 } as const;
      });
      return {
        promoter: true,
        since: me.since,
        earnedPoints: rewards.filter((r) => r.status === 'rewarded').reduce((s, r) => s + r.points, 0),
        rules,
        invitees,
      };
    },
  },

  leaderboard: {
    handler: async ({ db, caller }, { liveId }) => {
      const rewards = await db.collection('promoter_rewards').find({ liveId, status: 'rewarded' });
      const byPromoter = new Map<string, { qualified: number; points: number }>();
      for (const r of rewards) {
        const row = byPromoter.get(r.promoterId) ?? { qualified: 0, points: 0 };
        row.qualified++;
        row.points += r.points;
        byPromoter.set(r.promoterId, row);
      }
      const sorted = [...byPromoter.entries()].sort((a, b) => b[1].qualified - a[1].qualified || a[0].localeCompare(b[0])).slice(0, 50);
      const items = await Promise.all(
        sorted.map(async ([promoterId, row], i) => ({
          rank: i + 1,
          name: maskName(await nickname(db, promoterId)),
          qualified: row.qualified,
          points: row.points,
          me: promoterId === caller.openid,
        })),
      );
      return { items };
    },
  },
});
