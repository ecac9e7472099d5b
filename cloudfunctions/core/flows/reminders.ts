import type { TimerCtx } from '../kernel/define';
import { DAY, HOUR, inShanghai, MINUTE } from '../kernel/time';
import { send } from '../modules/messaging';
import { templateId } from '../modules/messaging';
import { smsPhone } from './sop-effects';
import { liveState, markReminded } from '../modules/live';

/** Reservers hear about the start this long before it. */
export const REMINDER_LEAD_MS = 10 * MINUTE;
/** Silent members are invited this long before the start. */
export const INVITE_LEAD_MS = 3 * HOUR;
/** No visit for this long makes a member silent. */
export const SILENT_AFTER_MS = 30 * DAY;
const BATCH = 500;

const clock = (ms: number) => inShanghai(ms).format('HH:mm');

/**
 * Timer: N minutes before a live starts, each reserver gets one start reminder through the outbox —
 * sent only against a consent credit, skipped with a reason otherwise. The outbox key makes a
 * second run (or a timer firing twice) send nothing more.
 */
export async function sendReminders(ctx: TimerCtx): Promise<{ sent: number; skipped: number }> {
  const due = await ctx.db
    .collection('lives')
    .find({ startAt: { $gt: ctx.now, $lte: ctx.now + REMINDER_LEAD_MS } }, { limit: 20 });
  const tally = { sent: 0, skipped: 0 };
  for (const live of due) {
    if (liveState(live, ctx.now) === 'ended') continue;
    const reservations = ctx.db.collection('reservations');
    for (;;) {
      const batch = await reservations.find({ liveId: live._id, status: 'active', remindedAt: null }, { limit: BATCH });
      if (!batch.length) break;
      for (const r of batch) {
        const status = await send(
          { db: ctx.db, messaging: ctx.messaging, now: ctx.now },
          {
            key: `live:${live._id}:reminder:${r.userId}`,
            channel: 'subscribe',
            kind: 'transactional',
            userId: r.userId,
            template: templateId('liveStart'),
            params: { thing1: live.title.slice(0, 20), time2: clock(live.startAt), thing3: '直播即将开始，点击进入直播间' },
            page: `pages/live/room/index?live=${live._id}`,
            source: `live:${live._id}:reminder`,
            deadline: live.endAt,
          },
        );
        if (status === 'sent') tally.sent++;
        else if (status !== 'duplicate') tally.skipped++;
        await markReminded(ctx.db, r._id, ctx.now);
      }
    }
  }
  return tally;
}

/**
 * Timer: a few hours before a live, members who have not visited in 30 days and are interested in
 * the live's categories get a personal SMS invitation (marketing: quiet hours, caps).
 */
export async function inviteSilentMembers(ctx: TimerCtx): Promise<{ invited: number; skipped: number }> {
  const due = await ctx.db
    .collection('lives')
    .find({ startAt: { $gt: ctx.now, $lte: ctx.now + INVITE_LEAD_MS } }, { limit: 20 });
  const tally = { invited: 0, skipped: 0 };
  for (const live of due) {
    if (!live.categoryIds?.length) continue;
    const interested = await ctx.db
      .collection('interests')
      .find({ categoryId: { $in: live.categoryIds }, score: { $gte: 2 } }, { sort: [['score', 'desc']], limit: 5000 });
    const userIds = [...new Set(interested.map((i) => i.userId))];
    for (let i = 0; i < userIds.length; i += BATCH) {
      const chunk = userIds.slice(i, i + BATCH);
      const silent = await ctx.db.collection('users').find({ _id: { $in: chunk }, lastSeenAt: { $lt: ctx.now - SILENT_AFTER_MS } });
      const reserved = new Set(
        (await ctx.db.collection('reservations').find({ liveId: live._id, userId: { $in: chunk }, status: 'active' })).map((r) => r.userId),
      );
      const lead = live.cards[0] ? await ctx.db.collection('products').get(live.cards[0].productId) : null;
      for (const user of silent) {
        if (reserved.has(user._id)) continue;
        const phone = await smsPhone(ctx.db, user._id, user);
        const price = live.cards[0] ? `¥${(live.cards[0].livePriceFen / 100).toFixed(2)}` : '';
        // our part is 30 characters at most: the platform adds the shop's name, the link and 回 T 退订
        const content = `${live.title}今天${clock(live.startAt)}开播${lead ? `，${lead.title}直播价${price}` : ''}`;
        const status = await send(
          { db: ctx.db, messaging: ctx.messaging, now: ctx.now },
          {
            key: `live:${live._id}:invite:${user._id}`,
            channel: 'sms',
            kind: 'marketing',
            userId: user._id,
            template: 'live_invite',
            params: { liveId: live._id },
            content,
            page: `pages/live/detail/index?live=${live._id}`,
            phone,
            source: `live:${live._id}:invite`,
            deadline: live.endAt,
          },
        );
        if (status === 'sent') tally.invited++;
        else if (status !== 'duplicate') tally.skipped++;
      }
    }
  }
  return tally;
}
