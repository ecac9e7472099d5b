import type { AuditEntry, CustomerProfile, CustomerRow, CustomerTag } from '../../typings/contract';
import { awardPoints } from '../../cloudfunctions/core/modules/points/ledger';
import { CONCURRENCY_DBS, testRuntime, type TestRuntime } from '../helpers/runtime';

const SHOPPER = 'demo-shopper';
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

function staff(rt: TestRuntime, openid = 'demo-staff') {
  const as = rt.as(openid);
  return {
    list: (data: Record<string, unknown> = {}) => as<{ items: CustomerRow[]; total: number; capped: boolean }>('admin', 'listCustomers', data),
    get: (userId: string) => as<CustomerProfile>('admin', 'getCustomer', { userId }),
    addTag: (userId: string, tag: string, days?: number) => as<{ added: boolean; tags: CustomerTag[] }>('admin', 'addCustomerTag', days ? { userId, tag, days } : { userId, tag }),
    removeTag: (userId: string, tag: string) => as<{ removed: boolean; tags: CustomerTag[] }>('admin', 'removeCustomerTag', { userId, tag }),
    adjust: (userId: string, delta: number, reason: string, requestId?: string) =>
      as<{ points: number; entryId: string }>('admin', 'adjustPoints', { userId, delta, reason }, requestId ?? `adj-${Math.random().toString(36).slice(2)}`),
  };
}

const ok = <T>(r: { ok: true; data: T } | { ok: false; error: { code: string } }): T => {
  if (!r.ok) throw new Error(r.error.code);
  return r.data;
};
const balance = async (rt: TestRuntime, userId: string) => (await rt.db.collection('member_accounts').get(userId))?.points ?? 0;

describe('customers: list, search, tag filter', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('lists every user, the most recently seen first, 20 a page, with masked names and phones', async () => {
    const users = await rt.db.collection('users').find({}, { sort: [['lastSeenAt', 'desc']] });
    const first = ok(await staff(rt).list());
    expect(first.total).toBe(users.length);
    expect(first.items.map((i) => i.userId)).toEqual(users.slice(0, 20).map((u) => u._id));
    const second = ok(await staff(rt).list({ page: 2 }));
    expect(second.items.map((i) => i.userId)).toEqual(users.slice(20, 40).map((u) => u._id));
    for (const row of [...first.items, ...second.items]) {
      const user = users.find((u) => u._id === row.userId)!;
      expect(row.nickname).not.toBe(user.nickname.length > 2 ? user.nickname : '');
      expect(row.nickname).toContain('*');
      if (row.phone) expect(row.phone).toMatch(/^\d{3}\*{4}\d{4}$|^\*{4}\d{4}$/);
    }
  });

  it('finds a customer by part of the nickname, with their spend, points and tier', async () => {
    const found = ok(await staff(rt).list({ q: '小美' }));
    const named = await rt.db.collection('users').find({ nickname: { $contains: '小美' } });
    expect(found.items.map((i) => i.userId).sort()).toEqual(named.map((u) => u._id).sort());
    const row = found.items.find((i) => i.userId === SHOPPER)!;
    const orders = await rt.db.collection('orders').find({ userId: SHOPPER });
    const paid = orders.filter((o) => o.paidAt !== null);
    expect(row).toMatchObject({
      nickname: '小*',
      paidOrders: paid.filter((o) => ['paid', 'shipped', 'completed'].includes(o.status)).length,
      netSpentFen: paid.reduce((s, o) => s + o.price.payableFen, 0),
      lastPaidAt: Math.max(...paid.map((o) => o.paidAt!)),
      points: await balance(rt, SHOPPER),
    });
    expect(row.paidOrders).toBe(3);
    expect(row.tierName).toMatch(/会员$/);
    const address = (await rt.db.collection('addresses').get(`addr-${SHOPPER}`))!;
    expect(row.phone).toBe(`${address.telNumber.slice(0, 3)}****${address.telNumber.slice(7)}`);
  });

  it('finds a customer by the last 4 digits of a phone in their address book', async () => {
    const address = (await rt.db.collection('addresses').get(`addr-${SHOPPER}`))!;
    const tail = address.telNumber.slice(-4);
    expect(ok(await staff(rt).list({ q: tail })).items.map((i) => i.userId)).toEqual([SHOPPER]);
    // the digits must end the number
    expect(ok(await staff(rt).list({ q: address.telNumber.slice(3, 7) })).items.map((i) => i.userId)).not.toContain(SHOPPER);
    expect(ok(await staff(rt).list({ q: '无此人' }))).toEqual({ items: [], total: 0, capped: false });
  });

  it('filters by a tag held now, alone or with a name', async () => {
    ok(await staff(rt).addTag(SHOPPER, 'vip_care'));
    ok(await staff(rt).addTag('demo-new-01', 'vip_care', 1));
    const tagged = ok(await staff(rt).list({ tag: 'vip_care' }));
    expect(tagged.items.map((i) => i.userId).sort()).toEqual(['demo-new-01', SHOPPER].sort());
    expect(tagged.items.find((i) => i.userId === SHOPPER)?.tags).toContainEqual({ tag: 'vip_care', label: 'vip_care', source: 'staff', expiresAt: rt.clock.now() + 365 * 86_400_000 });
    expect(ok(await staff(rt).list({ tag: 'vip_care', q: '小美' })).items.map((i) => i.userId)).toEqual([SHOPPER]);
    expect(ok(await staff(rt).list({ tag: 'vip_care', q: '无此人' })).items).toEqual([]);
    // a day later the one-day tag is gone
    rt.clock.advance(86_400_000 + 1);
    expect(ok(await staff(rt).list({ tag: 'vip_care' })).items.map((i) => i.userId)).toEqual([SHOPPER]);
  });
});

describe('a customer profile', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('shows orders with refunds, the points ledger, lives watched, the binding, consents and messages', async () => {
    const [past] = await rt.db.collection('lives').find({ endAt: { $lt: rt.clock.now() } }, { sort: [['startAt', 'desc']], limit: 1 });
    await rt.db.collection('live_stats').insert({ _id: `${past._id}:${SHOPPER}`, liveId: past._id, userId: SHOPPER, watchMinutes: 42, lastSlot: 0, cardTaps: 3 } as never);
    await rt.db.collection('outbox').insert({
      _id: 'msg-test-1', channel: 'sms', kind: 'marketing', userId: SHOPPER, template: 'sms', params: {}, page: null, content: '…',
      status: 'skipped', reason: 'opted_out', notBefore: null, createdAt: rt.clock.now() - 1000, sentAt: null, source: 'test',
    } as never);
    expect(codeOf(await rt.as(SHOPPER)('live', 'recordConsents', { consents: { 'local-tpl-live-start': 'accept' } }))).toBe('ok');
    const p = ok(await staff(rt).get(SHOPPER));
    const orders = await rt.db.collection('orders').find({ userId: SHOPPER }, { sort: [['createdAt', 'desc']] });
    expect(p.orders.map((o) => o.orderId)).toEqual(orders.slice(0, 10).map((o) => o._id));
    expect(p.spend.netFen).toBe(p.spend.paidFen - p.spend.refundedFen);
    expect(p.netSpentFen).toBe(p.spend.netFen);
    const entries = await rt.db.collection('points_entries').find({ userId: SHOPPER }, { sort: [['createdAt', 'desc']] });
    expect(p.ledger).toEqual(entries.slice(0, 20).map((e) => ({ delta: e.delta, source: e.source, label: e.label, createdAt: e.createdAt })));
    expect(p.lives).toEqual([{ liveId: past._id, title: past.title, startAt: past.startAt, watchMinutes: 42, cardTaps: 3 }]);
    expect(p.messages).toEqual([{ messageId: 'msg-test-1', channel: 'sms', kind: 'marketing', status: 'skipped', reason: 'opted_out', createdAt: rt.clock.now() - 1000 }]);
    expect(p.consents.find((c) => c.templateId === 'local-tpl-live-start')).toEqual({ templateId: 'local-tpl-live-start', title: '直播开始提醒', credits: 1 });
    expect(p.consents.every((c) => c.title.length > 0)).toBe(true);
    expect(p.referral.invitees).toBe(await rt.db.collection('referral_bindings').count({ inviterId: SHOPPER }));
    expect(JSON.stringify({ ...p, userId: null })).not.toContain(SHOPPER);
  });

  it('an invitee shows who invited them, masked', async () => {
    const code = ok(await rt.as(SHOPPER)<{ code: string }>('referral', 'myCode', {}));
    await rt.as('friend-1')('live', 'get', { liveId: 'live-tonight' });
    expect(codeOf(await rt.as('friend-1')('referral', 'bind', { code: code.code }))).toBe('ok');
    const p = ok(await staff(rt).get('friend-1'));
    expect(p.referral).toEqual({ inviter: '小*', boundAt: rt.clock.now(), invitees: 0 });
    expect(ok(await staff(rt).get(SHOPPER)).referral.invitees).toBe(1);
  });

  it('an unknown customer is CUSTOMER_NOT_FOUND', async () => {
    expect(codeOf(await staff(rt).get('nobody-here'))).toBe('CUSTOMER_NOT_FOUND');
    expect(codeOf(await staff(rt).addTag('nobody-here', 'vip'))).toBe('CUSTOMER_NOT_FOUND');
    expect(codeOf(await staff(rt).adjust('nobody-here', 10, '补发'))).toBe('CUSTOMER_NOT_FOUND');
    expect(await rt.db.collection('member_accounts').get('nobody-here')).toBeNull();
  });
});

describe('manual tags', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('adds a tag once (audited, an SOP event), keeps one already held, removes it again', async () => {
    const added = ok(await staff(rt).addTag(SHOPPER, 'vip_care', 30));
    expect(added.added).toBe(true);
    expect(added.tags).toContainEqual({ tag: 'vip_care', label: 'vip_care', source: 'staff', expiresAt: rt.clock.now() + 30 * 86_400_000 });
    expect(await rt.db.collection('user_events').find({ userId: SHOPPER, type: 'tag_added', ref: 'vip_care' })).toHaveLength(1);
    expect(ok(await staff(rt).addTag(SHOPPER, 'vip_care')).added).toBe(false);
    expect((await rt.db.collection('user_tags').get(`${SHOPPER}:vip_care`))?.expiresAt).toBe(rt.clock.now() + 30 * 86_400_000);

    rt.clock.advance(1000);
    const removed = ok(await staff(rt).removeTag(SHOPPER, 'vip_care'));
    expect(removed.removed).toBe(true);
    expect(removed.tags.map((t) => t.tag)).not.toContain('vip_care');
    expect(ok(await staff(rt).removeTag(SHOPPER, 'vip_care')).removed).toBe(false);

    const audit = ok(await rt.as('demo-staff')<{ items: AuditEntry[] }>('admin', 'listAudit', { entity: 'user_tag' }));
    const tagEntries = audit.items.filter((e) => e.entity === 'user_tag');
    expect(tagEntries.map((e) => [e.action, e.entityId])).toEqual([
      ['removeCustomerTag', `${SHOPPER}:vip_care`],
      ['addCustomerTag', `${SHOPPER}:vip_care`],
    ]);
  });

  it('a tag a rule set is named by its rule and cannot be removed by hand', async () => {
    ok(await rt.as('demo-staff')('admin', 'saveTagRule', { tag: 'buyer', label: '买过的人', expr: { op: 'gte', fact: 'paid_orders', value: 1 }, ttlDays: 30 }));
    await rt.runTimer('sop', 'sweepTags');
    const p = ok(await staff(rt).get(SHOPPER));
    expect(p.tags).toContainEqual(expect.objectContaining({ tag: 'buyer', label: '买过的人', source: 'rule' }));
    expect(codeOf(await staff(rt).removeTag(SHOPPER, 'buyer'))).toBe('TAG_NOT_MANUAL');
    expect(await rt.db.collection('user_tags').get(`${SHOPPER}:buyer`)).not.toBeNull();
    // held from the rule, a manual add leaves it the rule's
    expect(ok(await staff(rt).addTag(SHOPPER, 'buyer')).added).toBe(false);
    expect((await rt.db.collection('user_tags').get(`${SHOPPER}:buyer`))?.source).toMatch(/^rule:/);
  });

  it('customer service reads profiles but cannot tag or adjust', async () => {
    await rt.db.collection('staff').insert({ _id: 'cs-1', role: 'cs', createdAt: 0 });
    expect(codeOf(await staff(rt, 'cs-1').get(SHOPPER))).toBe('ok');
    expect(codeOf(await staff(rt, 'cs-1').addTag(SHOPPER, 'vip'))).toBe('FORBIDDEN');
    expect(codeOf(await staff(rt, 'cs-1').adjust(SHOPPER, 10, '补发'))).toBe('FORBIDDEN');
    expect(codeOf(await staff(rt, SHOPPER).list())).toBe('NOT_STAFF');
  });
});

describe('points adjustments', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('adds points with a reason as one ledger entry the shopper sees, audited', async () => {
    const before = await balance(rt, SHOPPER);
    const r = ok(await staff(rt).adjust(SHOPPER, 150, ' 直播间口误补发 ', 'adj-1'));
    expect(r).toEqual({ points: before + 150, entryId: 'adjust:demo-staff:adj-1' });
    expect(await rt.db.collection('points_entries').get(r.entryId)).toMatchObject({ userId: SHOPPER, delta: 150, source: 'adjust', label: '店铺补发：直播间口误补发' });
    const mine = ok(await rt.as(SHOPPER)<{ items: Array<{ delta: number; label: string }> }>('points', 'history', {}));
    expect(mine.items[0]).toMatchObject({ delta: 150, label: '店铺补发：直播间口误补发' });
    const audit = ok(await rt.as('demo-staff')<{ items: AuditEntry[] }>('admin', 'listAudit', { entity: 'member_account' }));
    expect(audit.items.find((e) => e.action === 'adjustPoints')).toMatchObject({ entity: 'member_account', entityId: SHOPPER, after: { points: before + 150, delta: 150 } });
  });

  it('a retried call adds once; another call adds again', async () => {
    const before = await balance(rt, SHOPPER);
    const first = await staff(rt).adjust(SHOPPER, 20, '补发', 'adj-same');
    expect(await staff(rt).adjust(SHOPPER, 20, '补发', 'adj-same')).toEqual(first);
    expect(await balance(rt, SHOPPER)).toBe(before + 20);
    ok(await staff(rt).adjust(SHOPPER, 20, '补发', 'adj-other'));
    expect(await balance(rt, SHOPPER)).toBe(before + 40);
  });

  it('takes points, never below 0; a reason and a requestId are required', async () => {
    await rt.as('new-member')('live', 'list', {});
    await awardPoints(rt.db, { userId: 'new-member', key: 'test:new-member', amount: 100, ref: null, label: '测试', now: rt.clock.now() });
    expect(ok(await staff(rt).adjust('new-member', -60, '误发回收')).points).toBe(40);
    expect(codeOf(await staff(rt).adjust('new-member', -41, '误发回收'))).toBe('POINTS_BELOW_ZERO');
    expect(await balance(rt, 'new-member')).toBe(40);
    expect(codeOf(await staff(rt).adjust('new-member', 10, '   '))).toBe('INVALID_INPUT');
    expect(codeOf(await rt.as('demo-staff')('admin', 'adjustPoints', { userId: 'new-member', delta: 10, reason: '补发' }))).toBe('REQUEST_ID_REQUIRED');
    expect(codeOf(await staff(rt).adjust('new-member', 0, '补发'))).toBe('INVALID_INPUT');
    expect(await rt.db.collection('points_entries').find({ userId: 'new-member', source: 'adjust' })).toHaveLength(1);
    const account = (await rt.db.collection('member_accounts').get('new-member'))!;
    expect(account.debited).toBe(60);
  });
});

describe.each(CONCURRENCY_DBS)('concurrent deductions (%s)', (_db, dbChoice) => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime(dbChoice);
  });
  afterEach(() => rt.close());

  it('ten staff taking 30 points each from a balance of 100: three succeed, the balance is 10', async () => {
    await rt.as('new-member')('live', 'list', {});
    await awardPoints(rt.db, { userId: 'new-member', key: 'test:new-member', amount: 100, ref: null, label: '测试', now: rt.clock.now() });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => staff(rt).adjust('new-member', -30, '回收', `race-${i}`)));
    expect(results.map(codeOf).sort()).toEqual([...Array(3).fill('ok'), ...Array(7).fill('POINTS_BELOW_ZERO')].sort());
    expect(await balance(rt, 'new-member')).toBe(10);
    const entries = await rt.db.collection('points_entries').find({ userId: 'new-member' });
    expect(entries.reduce((s, e) => s + e.delta, 0)).toBe(10);
  });
});
