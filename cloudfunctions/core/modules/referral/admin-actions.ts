import { bind } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import { loadLive } from '../live';
import { referralSettings } from './actions';
import type { FissionTaskDoc } from '../../schema';

const BINDINGS_PAGE = 20;

/** Staff side of referral: fission tasks, the binding ledger, and the referral settings. */
export const referralAdminActions = bind<'admin'>()({
  createFissionTask: {
    staff: 'marketing.write',
    write: true,
    handler: async (ctx, { liveId, requiredInvites, giftStock, gift, title }) => {
      const live = await loadLive(ctx.db, liveId);
      if (gift.kind === 'coupon' && !(await ctx.db.collection('coupon_templates').get(gift.templateId))) {
        return fail('COUPON_NOT_FOUND', undefined, 'gift.templateId');
      }
      const task: FissionTaskDoc = {
        _id: ctx.ids.next(),
        liveId,
        title: title ?? `邀请 ${requiredInvites} 位好友预约「${live.title}」`,
        requiredInvites,
        giftStock,
        giftClaimed: 0,
        gift,
        createdAt: ctx.now,
        createdBy: ctx.caller.openid,
      };
      await ctx.db.collection('fission_tasks').insert(task);
      ctx.audit({ entity: 'fission_task', entityId: task._id, before: null, after: task });
      return { taskId: task._id };
    },
  },

  listBindings: {
    staff: 'staff.read',
    handler: async ({ db }, { inviterId, inviteeId, page }) => {
      const query = { ...(inviterId ? { inviterId } : {}), ...(inviteeId ? { _id: inviteeId } : {}) };
      const [total, rows] = await Promise.all([
        db.collection('referral_bindings').count(query),
        db.collection('referral_bindings').find(query, { sort: [['createdAt', 'desc']], limit: BINDINGS_PAGE, skip: ((page ?? 1) - 1) * BINDINGS_PAGE }),
      ]);
      return { items: rows.map((b) => ({ inviteeId: b._id, inviterId: b.inviterId, code: b.code, reason: b.reason, createdAt: b.createdAt })), total };
    },
  },

  getReferralSettings: {
    staff: 'staff.read',
    handler: async ({ db }) => referralSettings(db),
  },

  setReferralSettings: {
    staff: 'marketing.write',
    write: true,
    handler: async (ctx, input) => {
      const before = await referralSettings(ctx.db);
      const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
      await ctx.db.transaction((tx) => tx.set('settings', { _id: 'referral', ...after }));
      ctx.audit({ entity: 'settings', entityId: 'referral', before, after });
      return after;
    },
  },
});
