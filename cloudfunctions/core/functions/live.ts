import { liveActions } from '../modules/live';
import { roomActions } from '../modules/live';
import { inviteSilentMembers, sendReminders } from '../flows/reminders';
import { defineFunction } from '../kernel/define';

/** Lives for shoppers: list, detail with cards, reservations, consents, events; reminder timers. */
export const live = defineFunction('live', { ...liveActions, ...roomActions }, {
  sendReminders,
  inviteSilentMembers,
});
