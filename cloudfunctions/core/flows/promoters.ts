import type { TimerCtx } from '../kernel/define';
import { inShanghai } from '../kernel/time';
import { airWindow } from '../modules/live';
import { awardPoints } from '../modules/points';
import { promoterRewardOf, recordPromoterReward, referralSettings, returnDailySlot, takeDailySlot } from '../modules/referral';

/**
 * Timer: promoters (推广员) earn points for each invitee who really watches — at least N minutes of
 * the live (from the live's aggregates) — once per invitee and live, within a daily cap taken by a
 * conditional counter. An invitee who turns out to be the promoter (same openid or unionid) is
 * recorded as revoked and earns nothing.
 */
const dayOf = (ms: number) => inShanghai(ms).format('YYYY-MM-DD');

export async function rewardPromoters(ctx: TimerCtx): Promise<{ rewarded: number; revoked: number; capped: number }> {
  const { db, now } = ctx;
  const settings = await referralSettings(db);
  const tally = { rewarded: 0, revoked: 0, capped: 0 };
  // lives on air now or in the last day: by their times, or started by hand before their time
  const recent = { endAt: { $gt: now - 24 * 3600_000 } };
  const [byTime, byHand] = await Promise.all([
    db.collection('lives').find({ startAt: { $lte: now }, ...recent }, { limit: 20 }),
    db.collection('lives').find({ startedAt: { $lte: now }, ...recent }, { limit: 20 }),
  ]);
  const lives = [...new Map([...byTime, ...byHand].map((l) => [l._id, l])).values()].filter((l) => airWindow(l).from <= now);
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
      if (await promoterRewardOf(db, key)) continue;
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
        await recordPromoterReward(db, { ...base, status: 'revoked', points: 0 });
        tally.revoked++;
        continue;
      }
      if (!(await takeDailySlot(db, promoterId, day, settings.promoterDailyCap, now))) {
        // over today's cap: left for a later day
        tally.capped++;
        continue;
      }
      if (!(await recordPromoterReward(db, { ...base, status: 'rewarded', points: settings.promoterPointsPerInvitee }))) {
        // another run rewarded this invitee first: the slot goes back
        await returnDailySlot(db, promoterId, day);
        continue;
      }
      await awardPoints(db, { userId: promoterId, key, amount: settings.promoterPointsPerInvitee, ref: live._id, label: '推广奖励：好友观看直播', now });
      tally.rewarded++;
    }
  }
  return tally;
}
