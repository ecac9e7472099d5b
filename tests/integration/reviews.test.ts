import { startServer, type ServerHandle } from '../../scripts/local/server';
import { WxaContentSafety } from '../../cloudfunctions/core/adapters/wxa/content-safety';
import { isMediaCheckPush } from '../../cloudfunctions/core/ports';
import { stateOfChecks } from '../../cloudfunctions/core/modules/reviews';
import { REVIEW_POINTS, type MyReview, type Review, type ReviewSummary, type StaffReview } from '../../typings/contract';
import { checkInvariants } from '../../scripts/invariants/check';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const ADDRESS = { userName: '钱七', telNumber: '13800005555', provinceName: '江苏省', cityName: '南京市', countyName: '鼓楼区', detailInfo: '中山路 5 号' };
const STAFF = 'demo-staff';
const BUYER = 'review-buyer';
type Res<T> = { ok: true; data: T } | { ok: false; error: { code: string; field?: string } };

describe('review rules and the content-check shapes', () => {
  it('a refused photo rejects, a photo being checked waits, a flag goes to staff, else visible', () => {
    expect(stateOfChecks({ text: 'pass', photos: ['pass', 'risky'] })).toBe('rejected');
    expect(stateOfChecks({ text: 'review', photos: ['checking'] })).toBe('checking');
    expect(stateOfChecks({ text: 'review', photos: [] })).toBe('pending');
    expect(stateOfChecks({ text: 'pass', photos: ['pass', 'review'] })).toBe('pending');
    expect(stateOfChecks({ text: 'pass', photos: ['pass'] })).toBe('visible');
  });

  it('msg_sec_check and media_check_async are called with the documented v2 bodies; the push is recognised', async () => {
    const sent: Array<[string, Record<string, unknown>]> = [];
    const safety = new WxaContentSafety(async (api, body) => {
      sent.push([api, body]);
      return api === '/wxa/msg_sec_check' ? { errcode: 0, errmsg: 'ok', result: { suggest: 'review', label: 20001 }, detail: [] } : { errcode: 0, errmsg: 'ok', trace_id: 'tr-1' };
    });
    expect(await safety.checkText('你好', 'o1', 2)).toEqual({ suggest: 'review', label: 20001 });
    expect(await safety.submitImage('https://x/p.png', 'o1', 2)).toEqual({ traceId: 'tr-1' });
    expect(sent).toEqual([
      ['/wxa/msg_sec_check', { content: '你好', version: 2, scene: 2, openid: 'o1' }],
      ['/wxa/media_check_async', { media_url: 'https://x/p.png', media_type: 2, version: 2, scene: 2, openid: 'o1' }],
    ]);
    // the push as WeChat documents it
    expect(isMediaCheckPush({ ToUserName: 'gh', FromUserName: 'o1', CreateTime: 1, MsgType: 'event', Event: 'wxa_media_check', appid: 'wx', trace_id: 'tr-1', version: 2, detail: [], errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 } })).toBe(true);
    expect(isMediaCheckPush({ MsgType: 'event', Event: 'wxa_media_check', trace_id: 'tr-1' })).toBe(false);
  });
});

describe('reviews: after receipt, checked before anyone sees them, moderated by staff', () => {
  let rt: TestRuntime;
  let server: ServerHandle;
  beforeEach(async () => {
    rt = await testRuntime();
    server = await startServer(rt, 0);
    await rt.db.collection('staff').insert({ _id: 'cs-1', role: 'cs', createdAt: 0 });
  });
  afterEach(async () => {
    await server.close();
    await rt.close();
  });

  const mall = <T>(action: string, data: unknown, openid = BUYER) => rt.as(openid)<T>('mall', action, data) as Promise<Res<T>>;
  const admin = <T = StaffReview>(action: string, data: unknown, openid = STAFF) => rt.as(openid)<T>('admin', action, data) as Promise<Res<T>>;
  const ok = <T>(r: Res<T>): T => {
    if (!r.ok) throw new Error(r.error.code);
    return r.data;
  };
  async function receivedOrder(receive = true): Promise<string> {
    const address = ok(await mall<{ addressId: string }>('saveAddress', ADDRESS));
    const { orderId } = ok(await mall<{ orderId: string }>('createOrder', { items: [{ skuId: 'p-lipbalm-1', quantity: 1 }, { skuId: 'p-serum-1', quantity: 1 }], addressId: address.addressId }));
    expect((await rt.devPay(orderId)).status).toBe(204);
    ok(await admin('shipOrder', { orderId, company: '顺丰速运', trackingNumber: 'SF8880000001' }));
    if (receive) ok(await mall('confirmReceipt', { orderId }));
    return orderId;
  }
  async function upload(): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([PNG]), 'p.png');
    const res = await fetch(`${server.url}/files?purpose=review`, { method: 'POST', body: form, headers: { 'x-wx-openid': BUYER } });
    return ((await res.json()) as { fileId: string }).fileId;
  }
  const product = async (withPhotos = false) => ok(await mall<{ items: Review[]; total: number; summary: ReviewSummary }>('listReviews', { productId: 'p-lipbalm', withPhotos }, 'someone'));
  const points = async () => (await rt.db.collection('member_accounts').get(BUYER))!.points;

  it('text only: visible at once with its points, once; the line cannot be reviewed twice', async () => {
    const orderId = await receivedOrder();
    const before = await points();
    const lines = ok(await mall<{ items: Array<{ skuId: string; reviewId: string | null }> }>('reviewableLines', { orderId }));
    expect(lines.items.map((l) => [l.skuId, l.reviewId])).toEqual([['p-lipbalm-1', null], ['p-serum-1', null]]);
    const mine = ok(await mall<MyReview>('submitReview', { orderId, skuId: 'p-lipbalm-1', rating: 5, text: '很滋润，冬天必备，推荐购买' }));
    expect(mine).toMatchObject({ state: 'visible', points: REVIEW_POINTS, rating: 5, anonymous: false, author: expect.stringMatching(/\*/) });
    expect(await points()).toBe(before + REVIEW_POINTS);
    expect(await mall('submitReview', { orderId, skuId: 'p-lipbalm-1', rating: 1, text: '再评一次试试看看看看' })).toMatchObject({ ok: false, error: { code: 'REVIEW_EXISTS' } });
    expect(await points()).toBe(before + REVIEW_POINTS);
    expect(await product()).toMatchObject({ total: 1, summary: { total: 1, withPhotos: 0, average: 5 }, items: [{ text: '很滋润，冬天必备，推荐购买' }] });
    expect(JSON.stringify(await product())).not.toContain(BUYER);
  });

  it('photos wait for the check; a refused photo keeps the review from everyone but its author', async () => {
    const orderId = await receivedOrder();
    const [a, b] = [await upload(), await upload()];
    const withPhotos = ok(await mall<MyReview>('submitReview', { orderId, skuId: 'p-lipbalm-1', rating: 4, text: '', photos: [a], anonymous: true }));
    expect(withPhotos).toMatchObject({ state: 'checking', points: 0, author: '匿名用户' });
    expect((await product()).total).toBe(0);
    expect(await rt.devMediaChecks()).toBe(1);
    expect(await product(true)).toMatchObject({ total: 1, summary: { total: 1, withPhotos: 1, average: 4 }, items: [{ author: '匿名用户', photos: [expect.stringContaining('/files/uploads/review/')] }] });
    // a second delivery of the same verdict changes nothing
    expect((await product()).summary.total).toBe(1);

    const refused = await rt.ports.storage.url(b);
    rt.safetysim.verdicts.set(refused, 'risky');
    ok(await mall<MyReview>('submitReview', { orderId, skuId: 'p-serum-1', rating: 1, text: '', photos: [b] }));
    await rt.devMediaChecks();
    expect((await rt.db.collection('reviews').find({ orderId }, { sort: [['skuId', 'asc']] })).map((r) => r.state)).toEqual(['visible', 'rejected']);
    const mine = ok(await mall<{ items: MyReview[] }>('myReviews', {}));
    expect(mine.items.map((r) => r.state).sort()).toEqual(['rejected', 'visible']);
    expect(await checkInvariants(rt.db, rt.clock.now())).toEqual([]);
  });

  it('refuses risky text, sends flagged text to staff, who show, hide and reply; 客服 may not', async () => {
    const orderId = await receivedOrder();
    expect(await mall('submitReview', { orderId, skuId: 'p-lipbalm-1', rating: 5, text: '好用，要的加微信找我' })).toMatchObject({ ok: false, error: { code: 'REVIEW_TEXT_REFUSED', field: 'text' } });
    expect(await rt.db.collection('reviews').count({ orderId })).toBe(0);
    const flagged = ok(await mall<MyReview>('submitReview', { orderId, skuId: 'p-lipbalm-1', rating: 3, text: '一般般，私聊我给你说' }));
    expect(flagged.state).toBe('pending');
    expect((await product()).total).toBe(0);
    const queue = ok(await admin<{ items: StaffReview[] }>('staffListReviews', { state: 'pending' }));
    expect(queue.items.map((r) => [r._id, r.check.text])).toEqual([[flagged._id, 'review']]);
    expect(await admin('moderateReview', { reviewId: flagged._id, action: 'show' }, 'cs-1')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(ok(await admin('moderateReview', { reviewId: flagged._id, action: 'show', reply: '感谢反馈，我们会改进' }))).toMatchObject({ state: 'visible', reply: '感谢反馈，我们会改进' });
    expect(await product()).toMatchObject({ total: 1, summary: { total: 1, average: 3 }, items: [{ reply: '感谢反馈，我们会改进' }] });
    expect(ok(await admin('moderateReview', { reviewId: flagged._id, action: 'hide' })).state).toBe('hidden');
    expect(await product()).toMatchObject({ total: 0, summary: { total: 0, average: 0 } });
    expect(await admin('moderateReview', { reviewId: flagged._id, action: 'hide' })).toMatchObject({ ok: true });
    expect((await rt.db.collection('review_stats').get('p-lipbalm'))!.count).toBe(0);
    const audits = await rt.db.collection('audit').find({ entity: 'review', entityId: flagged._id });
    expect(audits).toHaveLength(3);
    expect(await checkInvariants(rt.db, rt.clock.now())).toEqual([]);
  });

  it('the shop sets the 评价积分 rule: reviews written after it earn by it, once; 客服 may read it only', async () => {
    const orderId = await receivedOrder();
    const rule = ok(await admin<{ points: number; minChars: number }>('getReviewRule', {}, 'cs-1'));
    expect(rule).toEqual({ points: REVIEW_POINTS, minChars: 10 });
    expect(ok(await mall<{ rule: unknown }>('reviewableLines', { orderId })).rule).toEqual(rule);
    expect(await admin('setReviewRule', { points: 30, minChars: 5 }, 'cs-1')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const bad of [{ points: 101, minChars: 5 }, { points: -1, minChars: 5 }, { points: 5 }, { points: 5, minChars: 501 }]) {
      expect(await admin('setReviewRule', bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(ok(await admin('setReviewRule', { points: 30, minChars: 5 }))).toEqual({ points: 30, minChars: 5 });
    expect(ok(await mall<{ rule: unknown }>('reviewableLines', { orderId })).rule).toEqual({ points: 30, minChars: 5 });
    const before = await points();
    // five characters: enough under the shop's rule
    expect(ok(await mall<MyReview>('submitReview', { orderId, skuId: 'p-lipbalm-1', rating: 5, text: '很好用的呀' })).points).toBe(30);
    expect(await points()).toBe(before + 30);
    // 0 points: reviews earn nothing
    ok(await admin('setReviewRule', { points: 0, minChars: 0 }));
    expect(ok(await mall<MyReview>('submitReview', { orderId, skuId: 'p-serum-1', rating: 4, text: '吸收很快，不油腻，会回购' })).points).toBe(0);
    expect(await points()).toBe(before + 30);
    const audit = ok(await admin<{ items: Array<{ before: unknown; after: unknown }> }>('listAudit', { entity: 'review_settings' }));
    expect(audit.items.map((a) => a.after)).toEqual(expect.arrayContaining([{ points: 30, minChars: 5 }, { points: 0, minChars: 0 }]));
  });

  it('only a received order of the caller can be reviewed', async () => {
    const shipped = await receivedOrder(false);
    expect(await mall('submitReview', { orderId: shipped, skuId: 'p-lipbalm-1', rating: 5, text: '' })).toMatchObject({ ok: false, error: { code: 'REVIEW_NOT_ALLOWED' } });
    expect(await mall('submitReview', { orderId: shipped, skuId: 'p-lipbalm-1', rating: 5, text: '' }, 'someone-else')).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_FOUND' } });
    ok(await mall('confirmReceipt', { orderId: shipped }));
    expect(await mall('submitReview', { orderId: shipped, skuId: 'p-toner-1', rating: 5, text: '' })).toMatchObject({ ok: false, error: { code: 'REVIEW_NOT_ALLOWED', field: 'skuId' } });
    // two submits of the line at once: one review
    const both = await Promise.all([
      mall('submitReview', { orderId: shipped, skuId: 'p-serum-1', rating: 5, text: '第一条评价内容写长一点' }),
      mall('submitReview', { orderId: shipped, skuId: 'p-serum-1', rating: 4, text: '第二条评价内容写长一点' }),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(await rt.db.collection('points_entries').count({ ref: `RV${shipped}-p-serum-1` })).toBe(1);
  });
});
