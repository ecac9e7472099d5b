import { liveActions } from '../modules/live/actions';
import { roomActions } from '../modules/live/room-actions';
import { inviteSilentMembers, sendReminders } from '../flows/reminders';
import { defineFunction } from '../kernel/define';

/** Lives for shoppers: list, detail with cards, reservations, consents, events; reminder timers. */
export const live = defineFunction('live', { ...liveActions, ...roomActions }, {
  sendReminders,
  inviteSilentMembers,
});
