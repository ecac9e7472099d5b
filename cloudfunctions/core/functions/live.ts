import { liveActions } from '../domain/live/actions';
import { roomActions } from '../domain/room/actions';
import { inviteSilentMembers, sendReminders } from '../domain/live/reminders';
import type { AddressDoc } from '../domain/orders/model';
import { flushDeferred } from '../domain/messaging/outbox';
import { defineFunction } from '../kernel/define';

/** Lives for shoppers: list, detail with cards, reservations, consents, events; reminder timers. */
export const live = defineFunction('live', { ...liveActions, ...roomActions }, {
  sendReminders,
  inviteSilentMembers,
  flushOutbox: (ctx) =>
    flushDeferred({ db: ctx.db, messaging: ctx.messaging, now: ctx.now }, async (userId) =>
      (await ctx.db.collection<AddressDoc>('addresses').findOne({ userId, isDefault: true }))?.telNumber ?? null,
    ),
});
