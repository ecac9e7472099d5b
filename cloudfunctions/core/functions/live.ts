import { liveActions } from '../domain/live/actions';
import { roomActions } from '../domain/room/actions';
import { inviteSilentMembers, sendReminders } from '../domain/live/reminders';
import { defineFunction } from '../kernel/define';

/** Lives for shoppers: list, detail with cards, reservations, consents, events; reminder timers. */
export const live = defineFunction('live', { ...liveActions, ...roomActions }, {
  sendReminders,
  inviteSilentMembers,
});
