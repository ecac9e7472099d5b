import { PERMISSIONS as SERVER, STAFF_ROLES } from '../../cloudfunctions/core/kernel/permissions';
import { PERMISSIONS as CLIENT, permissionsOf, roleMay } from '../../miniprogram/admin/utils/permissions';
import { ADMIN_GROUPS, groupsFor } from '../../miniprogram/admin/pages/index/entries';

describe("the admin screens' copy of the permission table", () => {
  it("equals the server's table", () => {
    expect(CLIENT).toEqual(SERVER);
  });

  it('answers as the server would for every role and permission', () => {
    for (const role of STAFF_ROLES) {
      const flags = permissionsOf(role);
      for (const p of Object.keys(SERVER) as Array<keyof typeof SERVER>) {
        expect([role, p, roleMay(role, p), flags[p]]).toEqual([role, p, (SERVER[p] as readonly string[]).includes(role), (SERVER[p] as readonly string[]).includes(role)]);
      }
    }
    expect(roleMay(null, 'staff.read')).toBe(false);
  });

  it('gives each home entry a known permission, and the owner every entry', () => {
    const entries = ADMIN_GROUPS.flatMap((g) => g.entries);
    expect(entries.filter((e) => !(e.permission in SERVER))).toEqual([]);
    expect(groupsFor('owner').flatMap((g) => g.entries)).toEqual(entries);
    expect(groupsFor('cs').flatMap((g) => g.entries.map((e) => e.key))).toEqual(['dashboard', 'orders', 'after-sales', 'reviews', 'redemptions', 'lives', 'bindings', 'customers', 'tasks', 'outbox']);
  });
});
