import { insertAudit } from '../../kernel/audit';
import type { StaffMember } from '../../../../typings/contract';
import { bind } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import { DAY } from '../../kernel/time';
import type { Db } from '../../ports';
import { isDuplicateKey } from '../../ports';
import { addToCounter, ensureCounter, takeDownTo } from '../../kernel/slots';
import type { InviteDoc } from '../../schema';



export const INVITE_TTL_MS = 3 * DAY;
const PAGE = 20;
const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * The shop keeps an owner: owners are counted in one slot counter (`owners`), and an owner leaves
 * (demoted or removed) only by first taking one off it while it is above 1, one conditional update;
 * two owners demoting each other at once cannot both pass. The counter moves after a promotion and
 * before a departure, so a crash leaves it at most below the real count (refusing, never allowing,
 * the last owner's departure).
 */
const OWNERS = { id: 'owners', max: Number.MAX_SAFE_INTEGER, counts: { collection: 'staff', query: { role: 'owner' } } } as const;
const ownersCounted = (db: Db) => ensureCounter(db, OWNERS);

const releaseOwner = (db: Db) => takeDownTo(db, OWNERS.id, 1);

/** After a new owner is written; the counter was made before it (ownersCounted), so it counts them once. */
const addOwner = (db: Db) => addToCounter(db, OWNERS.id);

export const staffAdminActions = bind<'admin'>()({
  inviteStaff: {
    staff: 'staff.manage',
    write: true,
    handler: async (ctx, { role }) => {
      let code = '';
      for (const b of ctx.random.bytes(12)) code += INVITE_ALPHABET[b % INVITE_ALPHABET.length];
      const invite: InviteDoc = { _id: code, role, createdBy: ctx.caller.openid, createdAt: ctx.now, expiresAt: ctx.now + INVITE_TTL_MS, usedBy: null, usedAt: null };
      await ctx.db.collection('staff_invites').insert(invite);
      ctx.audit({ entity: 'staff_invite', entityId: code, before: null, after: { role, expiresAt: invite.expiresAt } });
      return { code, role, expiresAt: invite.expiresAt };
    },
  },

  acceptStaffInvite: {
    write: true,
    handler: async ({ db, now, caller }, { code }) => {
      if (caller.role) return fail('ALREADY_STAFF');
      const invites = db.collection('staff_invites');
      // one-time: spending the code is the conditional update
      const spent = await invites.update({ _id: code, usedBy: null, expiresAt: { $gt: now } }, { $set: { usedBy: caller.openid, usedAt: now } });
      if (!spent) return fail('INVITE_INVALID', undefined, 'code');
      const invite = (await invites.get(code))!;
      if (invite.role === 'owner') await ownersCounted(db);
      try {
        await db.collection('staff').insert({ _id: caller.openid, role: invite.role, createdAt: now });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        return fail('ALREADY_STAFF');
      }
      if (invite.role === 'owner') await addOwner(db);
      await insertAudit(db, {
        _id: `invite-accepted-${code}`,
        actor: caller.openid,
        role: invite.role,
        fn: 'admin',
        action: 'acceptStaffInvite',
        entity: 'staff',
        entityId: caller.openid,
        before: null,
        after: { role: invite.role, invitedBy: invite.createdBy },
        input: { code },
        createdAt: now,
      });
      return { openid: caller.openid, role: invite.role };
    },
  },

  listStaff: {
    staff: 'staff.read',
    handler: async ({ db }) => {
      const staff = await db.collection('staff').find({}, { sort: [['createdAt', 'asc']] });
      const users = new Map(
        (staff.length ? await db.collection('users').find({ _id: { $in: staff.map((s) => s._id) } }) : []).map((u) => [u._id, u]),
      );
      const items: StaffMember[] = staff.map((s) => ({ openid: s._id, nickname: users.get(s._id)?.nickname ?? '', role: s.role, since: s.createdAt }));
      return { items };
    },
  },

  setStaffRole: {
    staff: 'staff.manage',
    write: true,
    handler: async (ctx, { openid, role }) => {
      const before = await ctx.db.collection('staff').get(openid);
      if (!before) return fail('NOT_FOUND', 'not a staff member', 'openid');
      if (before.role === role) return { openid, role };
      if (before.role === 'owner' || role === 'owner') await ownersCounted(ctx.db);
      if (before.role === 'owner' && !(await releaseOwner(ctx.db))) return fail('LAST_OWNER');
      const changed = await ctx.db.collection('staff').update({ _id: openid, role: before.role }, { $set: { role } });
      if (!changed) {
        // changed by someone else meanwhile: the owner counted off goes back
        if (before.role === 'owner') await addOwner(ctx.db);
        return fail('REQUEST_IN_PROGRESS', 'the role was changed at the same moment; reload and try again');
      }
      if (role === 'owner') await addOwner(ctx.db);
      ctx.audit({ entity: 'staff', entityId: openid, before: { role: before.role }, after: { role } });
      return { openid, role };
    },
  },

  removeStaff: {
    staff: 'staff.manage',
    write: true,
    handler: async (ctx, { openid }) => {
      const before = await ctx.db.collection('staff').get(openid);
      if (!before) return { removed: false };
      if (before.role === 'owner') await ownersCounted(ctx.db);
      if (before.role === 'owner' && !(await releaseOwner(ctx.db))) return fail('LAST_OWNER');
      if (!(await ctx.db.collection('staff').remove({ _id: openid, role: before.role }))) {
        if (before.role === 'owner') await addOwner(ctx.db);
        return fail('REQUEST_IN_PROGRESS', 'the member was changed at the same moment; reload and try again');
      }
      ctx.audit({ entity: 'staff', entityId: openid, before: { role: before.role }, after: null });
      return { removed: true };
    },
  },

  listAudit: {
    staff: 'audit.read',
    handler: async ({ db }, { entity, entityId, actor, page }) => {
      const query = { ...(entity ? { entity } : {}), ...(entityId ? { entityId } : {}), ...(actor ? { actor } : {}) };
      const [total, rows] = await Promise.all([
        db.collection('audit').count(query),
        db.collection('audit').find(query, { sort: [['createdAt', 'desc']], limit: PAGE, skip: ((page ?? 1) - 1) * PAGE }),
      ]);
      return {
        items: rows.map(({ _id, actor: a, role, fn, action, entity: e, entityId: id, before, after, outcome, input, createdAt }) => ({
          _id,
          actor: a,
          role,
          fn,
          action,
          entity: e,
          entityId: id,
          before,
          after,
          // an interrupted call is known only by what it was asked
          ...(outcome ? { outcome, input } : {}),
          createdAt,
        })),
        total,
      };
    },
  },
});
