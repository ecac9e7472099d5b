import type { TestRuntime } from '../../helpers/runtime';

/** Makes `openid` staff with `role` the way a shop does: the owner invites, they accept. */
export async function makeStaff(rt: TestRuntime, openid: string, role: 'owner' | 'operator' | 'cs'): Promise<void> {
  const invite = await rt.as('demo-staff')<{ code: string }>('admin', 'inviteStaff', { role });
  if (!invite.ok) throw new Error(invite.error.code);
  const accepted = await rt.as(openid)('admin', 'acceptStaffInvite', { code: invite.data.code });
  if (!accepted.ok) throw new Error(accepted.error.code);
}
