import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { ExportProgress } from '../../typings/contract';
import { EXPORT_PAGE_ROWS } from '../../typings/contract/limits';
import type { OrderDoc } from '../../cloudfunctions/core/schema';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

const STAFF = 'demo-staff';
const DAY = 86_400_000;
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

function ok<T>(r: { ok: true; data: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(r.error.code);
  return r.data;
}

const start = (rt: TestRuntime, data: Record<string, unknown>, openid = STAFF) => rt.as(openid)<ExportProgress>('admin', 'startExport', data);
const step = (rt: TestRuntime, exportId: string, openid = STAFF) => rt.as(openid)<ExportProgress>('admin', 'exportStep', { exportId });

/** Starts an export and steps it to the end, as the admin screen does; returns the file's rows. */
async function exported(rt: TestRuntime, data: Record<string, unknown>): Promise<{ progress: ExportProgress; text: string; rows: string[][] }> {
  let progress = ok(await start(rt, data));
  for (let i = 0; progress.status !== 'done' && i < 1000; i++) progress = ok(await step(rt, progress.exportId));
  expect(progress.status).toBe('done');
  const job = (await rt.db.collection('exports').get(progress.exportId))!;
  const text = fs.readFileSync(rt.storage.pathOf(job.fileId!)!, 'utf8');
  return { progress, text, rows: parse(text, { bom: true }) as string[][] };
}

/** `n` copies of a seeded order, `at(i)` their creation times. */
async function moreOrders(rt: TestRuntime, n: number, at: (i: number) => number, prefix = 'bulk'): Promise<string[]> {
  const model = (await rt.db.collection('orders').get('demo-order-3'))!;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const _id = `${prefix}-${String(i).padStart(5, '0')}`;
    await rt.db.collection('orders').insert({ ...model, _id, createdAt: at(i) } as OrderDoc);
    ids.push(_id);
  }
  return ids;
}

describe('order exports', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('writes every order, newest first, with a BOM, receivers in full and buyers masked, no openid', async () => {
    const orders = await rt.db.collection('orders').find({}, { sort: [['createdAt', 'desc'], ['_id', 'desc']] });
    const { progress, text, rows } = await exported(rt, { kind: 'orders' });
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(progress).toMatchObject({ kind: 'orders', status: 'done', rows: orders.length, total: orders.length });
    expect(progress.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/exports\/orders-\d{8}-[0-9a-f]{16}\.csv$/);
    const [header, ...body] = rows;
    expect(header.slice(0, 4)).toEqual(['订单号', '下单时间', '支付时间', '状态']);
    expect(body.map((r) => r[0])).toEqual(orders.map((o) => o._id));
    const col = (name: string) => header.indexOf(name);
    const first = body.find((r) => r[0] === 'demo-order-3')!;
    const order = orders.find((o) => o._id === 'demo-order-3')!;
    expect(first[col('实付')]).toBe((order.price.payableFen / 100).toFixed(2));
    expect(first[col('电话')]).toBe(order.address.telNumber);
    expect(first[col('详细地址')]).toBe(order.address.detailInfo);
    expect(first[col('买家')]).toBe('小*');
    expect(first[col('状态')]).toBe('待发货');
    const openids = [...new Set(orders.map((o) => o.userId))];
    for (const openid of openids) expect(text).not.toContain(openid);
  });

  it('pages through more orders than a step reads, ties on the same millisecond included once each', async () => {
    const at = rt.clock.now() - DAY;
    // 700 orders share one creation time, across the page boundary
    const ids = await moreOrders(rt, EXPORT_PAGE_ROWS * 2 + 100, (i) => (i < 700 ? at : at - i * 1000));
    const { progress, rows } = await exported(rt, { kind: 'orders', status: 'paid' });
    const body = rows.slice(1).map((r) => r[0]);
    const paid = await rt.db.collection('orders').count({ status: 'paid' });
    expect(progress.rows).toBe(paid);
    expect(body).toHaveLength(paid);
    expect(new Set(body).size).toBe(body.length);
    for (const id of ids) expect(body).toContain(id);
    expect(await rt.db.collection('export_chunks').count({ exportId: progress.exportId })).toBe(0);
  });

  it('takes what the filters match when it starts; orders made later stay out', async () => {
    let progress = ok(await start(rt, { kind: 'orders', status: 'paid' }));
    await moreOrders(rt, EXPORT_PAGE_ROWS + 10, () => rt.clock.now() - DAY);
    expect(progress.total).toBe(await rt.db.collection('orders').count({ status: 'paid' }) - (EXPORT_PAGE_ROWS + 10));
    rt.clock.advance(1000);
    const [late] = await moreOrders(rt, 1, () => rt.clock.now(), 'late');
    while (progress.status !== 'done') progress = ok(await step(rt, progress.exportId));
    expect(progress.rows).toBe(progress.total);
    const job = (await rt.db.collection('exports').get(progress.exportId))!;
    expect(fs.readFileSync(rt.storage.pathOf(job.fileId!)!, 'utf8')).not.toContain(late);
  });

  it('takes the list\'s search: a buyer\'s nickname, an order number', async () => {
    const buyers = (await rt.db.collection('users').find({ nickname: { $contains: '小美' } })).map((u) => u._id);
    const theirs = await rt.db.collection('orders').find({ userId: { $in: buyers } });
    const byBuyer = await exported(rt, { kind: 'orders', buyer: '小美' });
    expect(byBuyer.rows.slice(1).map((r) => r[0]).sort()).toEqual(theirs.map((o) => o._id).sort());
    const one = await exported(rt, { kind: 'orders', orderId: 'demo-order-2' });
    expect(one.rows.slice(1).map((r) => r[0])).toEqual(['demo-order-2']);
  });

  it('only the staff member who started an export steps it or reads its file', async () => {
    await rt.db.collection('staff').insert({ _id: 'op-2', role: 'operator', createdAt: 0 });
    const p = ok(await start(rt, { kind: 'orders' }));
    expect(codeOf(await step(rt, p.exportId, 'op-2'))).toBe('EXPORT_NOT_FOUND');
    expect(codeOf(await step(rt, 'no-such-export'))).toBe('EXPORT_NOT_FOUND');
    expect(codeOf(await step(rt, p.exportId))).toBe('ok');
    await rt.db.collection('staff').insert({ _id: 'cs-2', role: 'cs', createdAt: 0 });
    expect(codeOf(await start(rt, { kind: 'orders' }, 'cs-2'))).toBe('FORBIDDEN');
  });

  it('is audited with its filters', async () => {
    const p = ok(await start(rt, { kind: 'orders', liveId: 'live-tonight' }));
    const audit = ok(await rt.as(STAFF)<{ items: Array<{ action: string; entity: string; entityId: string; after: unknown }> }>('admin', 'listAudit', { entity: 'export' }));
    expect(audit.items.find((e) => e.action === 'startExport')).toMatchObject({ entity: 'export', entityId: p.exportId, after: { kind: 'orders', filters: { liveId: 'live-tonight' } } });
  });

  it('the daily purge removes exports and their files after 7 days', async () => {
    const { progress } = await exported(rt, { kind: 'orders' });
    const file = rt.storage.pathOf((await rt.db.collection('exports').get(progress.exportId))!.fileId!)!;
    expect(fs.existsSync(file)).toBe(true);
    rt.clock.advance(6 * DAY);
    await rt.runTimer('mall', 'purgeRequests');
    expect(fs.existsSync(file)).toBe(true);
    rt.clock.advance(1 * DAY + 1);
    expect(await rt.runTimer('mall', 'purgeRequests')).toMatchObject({ ok: true, data: { exports: 1 } });
    expect(fs.existsSync(file)).toBe(false);
    expect(await rt.db.collection('exports').get(progress.exportId)).toBeNull();
  });
});

describe('customer exports', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('writes every customer masked, with tier, points, spend and tags; a tag narrows it', async () => {
    const users = await rt.db.collection('users').find({}, { sort: [['createdAt', 'desc'], ['_id', 'desc']] });
    const all = await exported(rt, { kind: 'customers' });
    expect(all.rows[0]).toEqual(['昵称', '手机', '等级', '积分', '有效订单', '实付（扣除退款）', '最近下单', '标签', '加入时间', '最近访问']);
    expect(all.rows).toHaveLength(users.length + 1);
    for (const u of users) expect(all.text).not.toContain(u._id);
    const shopper = all.rows.find((r) => r[0] === '小*' && r[4] === '3');
    expect(shopper?.[1]).toBe('138****8000');
    expect(shopper?.[2]).toBe('普通会员');

    const named = await rt.db.collection('users').count({ nickname: { $contains: '小美' } });
    expect((await exported(rt, { kind: 'customers', q: '小美' })).rows).toHaveLength(named + 1);
    expect((await exported(rt, { kind: 'customers', q: '无此人' })).rows).toHaveLength(1);
    // a tag nobody holds, a phone tail nobody has: a file with the header only
    expect((await exported(rt, { kind: 'customers', tag: 'nobody_has_it' })).rows).toHaveLength(1);
    expect((await exported(rt, { kind: 'customers', q: '0000' })).rows).toHaveLength(1);

    ok(await rt.as(STAFF)('admin', 'addCustomerTag', { userId: 'demo-shopper', tag: 'vip_care' }));
    const tagged = await exported(rt, { kind: 'customers', tag: 'vip_care' });
    expect(tagged.rows.slice(1).map((r) => [r[0], r[7]])).toEqual([['小*', 'vip_care']]);
  });
});

describe.each([0, 3])('steps racing each other (latency %i ms)', (latencyMs) => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime({ latencyMs });
  });
  afterEach(() => rt.close());

  it('two steps at once keep each page once', async () => {
    await moreOrders(rt, EXPORT_PAGE_ROWS + 50, (i) => rt.clock.now() - DAY - i * 1000);
    let progress = ok(await start(rt, { kind: 'orders' }));
    while (progress.status !== 'done') {
      const both = await Promise.all([step(rt, progress.exportId), step(rt, progress.exportId)]);
      progress = ok(both[0]);
      if (progress.status !== 'done') progress = ok(both[1]).rows > progress.rows ? ok(both[1]) : progress;
    }
    const job = (await rt.db.collection('exports').get(progress.exportId))!;
    const rows = (parse(fs.readFileSync(rt.storage.pathOf(job.fileId!)!, 'utf8'), { bom: true }) as string[][]).slice(1).map((r) => r[0]);
    const total = await rt.db.collection('orders').count({});
    expect(rows).toHaveLength(total);
    expect(new Set(rows).size).toBe(total);
  }, 60_000);
});
