import type { TimerCtx } from '../kernel/define';
import { inShanghai } from '../kernel/time';
import type { Db } from '../ports';
import { isDuplicateKey } from '../ports';
import { liveState } from '../modules/live/rules';
import { awardPoints } from '../modules/points/ledger';
import { referralSettings } from '../modules/referral/actions';

/**
 * Timer: promoters (推广员) earn points for each invitee who really watches — at least N minutes of
 * the live (from the live's aggregates) — once per invitee and live, within a daily cap taken by a
 * conditional counter. An invitee who turns out to be the promoter (same openid or unionid) is
 * recorded as revoked and earns nothing.
 */
const dayOf = (ms: number) => inShanghai(ms).format('YYYY-MM-DD');

async function takeDailySlot(db: Db, promoterId: string, day: string, cap: number, now: number): Promise<boolean> {
  const counters = db.collection('promoter_days');
  const _id = `${promoterId}:${day}`;
  if (await counters.update({ _id, count: { $lt: cap } }, { $inc: { count: 1 }, $set: { updatedAt: now } })) return true;
  if (await counters.get(_id)) return false;
  try {
    await counters.insert({ _id, count: 1, updatedAt: now });
    return true;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return (await counters.update({ _id, count: { $lt: cap } }, { $inc: { count: 1 } })) === 1;
  }
}

export async function rewardPromoters(ctx: TimerCtx): Promise<{ rewarded: number; revoked: number; capped: number }> {
  const { db, now } = ctx;
  const settings = await referralSettings(db);
  const tally = { rewarded: 0, revoked: 0, capped: 0 };
  const lives = (await db.collection('lives').find({ startAt: { $lte: now }, endAt: { $gt: now - 24 * 3600_000 } }, { limit: 20 })).filter(
    (l) => liveState(l, now) !== 'scheduled',
  );
  for (const live of lives) {
    const reservations = await db.collection('reservations').find({ liveId: live._id, inviteCode: { $ne: null } });
    const codeIds = [...new Set(reservations.map((r) => r.inviteCode!))];
    if (!codeIds.length) continue;
    const codeOwner = new Map((await db.collection('share_codes').find({ _id: { $in: codeIds } })).map((c) => [c._id, c.inviterId]));
    const promoterIds = [...new Set([...codeOwner.values()])];
    const promoters = new Set((await db.collection('promoters').find({ _id: { $in: promoterIds } })).map((p) => p._id));
    for (const r of reservations) {
      const promoterId = codeOwner.get(r.inviteCode!);
      if (!promoterId || !promoters.has(promoterId) || promoterId === r.userId) continue;
      const key = `promoter:${live._id}:${promoterId}:${r.userId}`;
      const rewards = db.collection('promoter_rewards');
      if (await rewards.get(key)) continue;
      const stats = await db.collection('live_stats').get(`${live._id}:${r.userId}`);
      const watchMinutes = stats?.watchMinutes ?? 0;
      if (watchMinutes < settings.promoterMinWatchMinutes) continue;
      const [promoter, invitee] = await Promise.all([
        db.collection('users').get(promoterId),
        db.collection('users').get(r.userId),
      ]);
      const same = !!promoter?.unionid && promoter.unionid === invitee?.unionid;
      const day = dayOf(now);
      const base = { _id: key, liveId: live._id, promoterId, inviteeId: r.userId, watchMinutes, day, createdAt: now };
      if (same) {
        await rewards.insert({ ...base, status: 'revoked', points: 0 }).catch((e) => {
          if (!isDuplicateKey(e)) throw e;
        });
        tally.revoked++;
        continue;
      }
      if (!(await takeDailySlot(db, promoterId, day, settings.promoterDailyCap, now))) {
        // over today's cap: left for a later day
        tally.capped++;
        continue;
      }
      try {
        await rewards.insert({ ...base, status: 'rewarded', points: settings.promoterPointsPerInvitee });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        await db.collection('promoter_days').update({ _id: `${promoterId}:${day}` }, { $inc: { count: -1 } });
        continue;
      }
      await awardPoints(db, { userId: promoterId, key, amount: settings.promoterPointsPerInvitee, ref: live._id, label: '推广奖励：好友观看直播', now });
      tally.rewarded++;
    }
  }
  return tally;
}
