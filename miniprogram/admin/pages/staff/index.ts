import type { StaffMember, StaffRole } from '../../../../typings/contract/index';
import { inviteStaff, listStaff, removeStaff, setStaffRole } from '../../../services/admin';
import { confirmDialog } from '../../../utils/dialog';
import { formatDateTime } from '../../../utils/time';
import { staffPageBehavior } from '../../behaviors/staff-page';
import { ROLE_TEXT, STAFF_ROLE_OPTIONS } from '../../utils/labels';
import { showFailure, staffAccess } from '../../utils/staff';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

interface MemberRow {
  openid: string;
  nickname: string;
  role: StaffRole;
  roleText: string;
  sinceText: string;
  me: boolean;
}

interface Invitation {
  code: string;
  roleText: string;
  expiresText: string;
  path: string;
}

export const ACCEPT_PAGE = '/admin/pages/accept-invite/index';

const memberRow = (m: StaffMember, me: string): MemberRow => ({
  openid: m.openid,
  nickname: m.nickname || m.openid,
  role: m.role,
  roleText: ROLE_TEXT[m.role],
  sinceText: formatDateTime(m.since),
  me: m.openid === me,
});

/**
 * Staff (admin subpackage): who is staff with which role; the owner changes roles, removes staff
 * and invites with a one-time code (shown once, valid 3 days) that the new member accepts.
 */
Component({
  behaviors: [staffPageBehavior],
  data: {
    canManage: false,
    members: [] as MemberRow[],
    roles: STAFF_ROLE_OPTIONS,
    inviteRole: 'operator' as StaffRole,
    invitation: null as Invitation | null,
    busy: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), listStaff()]),
        ([access, members]) => ({ canManage: access.can['staff.manage'], members: members.map((m) => memberRow(m, access.openid)) }),
      );
    },

    onInviteRole(e: Tap<{ role: StaffRole }>) {
      this.setData({ inviteRole: e.currentTarget.dataset.role });
    },

    async onInvite(): Promise<void> {
      if (!this.data.canManage || this.data.busy) return;
      this.setData({ busy: true });
      try {
        const r = await inviteStaff(this.data.inviteRole);
        this.setData({
          busy: false,
          invitation: { code: r.code, roleText: ROLE_TEXT[r.role], expiresText: formatDateTime(r.expiresAt), path: `${ACCEPT_PAGE}?code=${r.code}` },
        });
      } catch (err) {
        this.setData({ busy: false });
        showFailure(err);
      }
    },

    onCopyCode() {
      const invitation = this.data.invitation;
      if (invitation) wx.setClipboardData({ data: invitation.code });
    },

    async onRole(e: Tap<{ index: number; role: StaffRole }>): Promise<void> {
      const index = Number(e.currentTarget.dataset.index);
      const role = e.currentTarget.dataset.role;
      const member = this.data.members[index];
      if (!member || member.role === role || !this.data.canManage || this.data.busy) return;
      this.setData({ busy: true });
      try {
        const r = await setStaffRole(member.openid, role);
        this.setData({ busy: false, [`members[${index}].role`]: r.role, [`members[${index}].roleText`]: ROLE_TEXT[r.role] });
        wx.showToast({ title: '角色已更新', icon: 'success' });
      } catch (err) {
        this.setData({ busy: false });
        showFailure(err);
      }
    },

    async onRemove(e: Tap<{ index: number }>): Promise<void> {
      const member = this.data.members[Number(e.currentTarget.dataset.index)];
      if (!member || !this.data.canManage || this.data.busy) return;
      if (!(await confirmDialog({ title: '移除店员', content: `移除 ${member.nickname}（${member.roleText}）后，对方将无法再进入店铺管理。`, confirmText: '移除' }))) return;
      this.setData({ busy: true });
      try {
        await removeStaff(member.openid);
        this.setData({ busy: false, members: this.data.members.filter((m) => m.openid !== member.openid) });
        wx.showToast({ title: '已移除', icon: 'success' });
      } catch (err) {
        this.setData({ busy: false });
        showFailure(err);
      }
    },

    /** Sends the invitation to the new member's chat: the accept page with the code. */
    onShareAppMessage() {
      const invitation = this.data.invitation;
      return invitation ? { title: `邀请你成为店铺${invitation.roleText}`, path: invitation.path } : { title: '店铺管理', path: '/pages/home/index' };
    },
  },
});
