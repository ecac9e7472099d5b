import type { Broadcast, LiveDetail, Post, StaffQuestion } from '../../typings/contract';
import { WecomApi } from '../../cloudfunctions/core/adapters/wecom/api';
import { cdata, decrypt, encrypt, signature } from '../../cloudfunctions/core/adapters/wecom/crypto';
import type { GroupChatBody, GroupChatMemberBody } from '../../cloudfunctions/core/adapters/wecom/groupchat';
import { LOCAL_FAN_GROUP } from '../../cloudfunctions/core/adapters/local/wecom-simulator';
import type { Ports } from '../../cloudfunctions/core/ports';
import { wecomCallbackHttp } from '../../cloudfunctions/wecomCallback/index';
import { RAFFLE_TONIGHT_GROUP } from '../../scripts/seed/raffles';
import { TONIGHT_LIVE } from '../../scripts/seed/seed';
import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { fakeWecomServer } from '../helpers/wecom-server';

const STATE = `lv_${TONIGHT_LIVE}`;

/** "The first 100 who join the group get 50 yuan off, no threshold", for tonight's live. */
async function groupCoupon(rt: TestRuntime): Promise<string> {
  const created = await rt.as('demo-staff')<{ templateId: string }>('admin', 'createCouponTemplate', {
    title: '进群专享 50 元无门槛',
    kind: 'no_threshold',
    valueFen: 5000,
    totalStock: 100,
    perUserLimit: 1,
    validDays: 7,
    liveId: TONIGHT_LIVE,
    requires: 'group_join',
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.data.templateId;
}

describe('WeCom channel plumbing', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('live.get returns the live’s channel state (≤ 30 chars) with contact and group links, made once', async () => {
    const first = await rt.as('fan')<LiveDetail>('live', 'get', { liveId: TONIGHT_LIVE });
    expect(first.ok && first.data.wecom).toEqual({
      state: STATE,
      contactUrl: `https://work.weixin.qq.com/ca/local?state=${STATE}`,
      groupUrl: `https://work.weixin.qq.com/gm/local?state=${STATE}`,
    });
    expect(STATE.length).toBeLessThanOrEqual(30);
    expect((await rt.db.collection('lives').get(TONIGHT_LIVE))!.wecom).toEqual({
      contactUrl: `https://work.weixin.qq.com/ca/local?state=${STATE}`,
      groupUrl: `https://work.weixin.qq.com/gm/local?state=${STATE}`,
    });
  });

  it('a group-join callback with a live’s state counts once for that live however often it is delivered', async () => {
    const callback = rt.wecomsim.callback('join_group', 'fan-7', STATE);
    const answers = await Promise.all(Array.from({ length: 8 }, () => rt.wecomCallback(callback)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect((await rt.devWecom('join_group', 'fan-7', STATE)).status).toBe(200);
    const joins = await rt.db.collection('wecom_joins').find({ liveId: TONIGHT_LIVE });
    expect(joins.map((j) => [j.type, j.userId, j.externalUserId])).toEqual([['join_group', 'fan-7', 'wm_fan-7']]);
    // adding staff is its own kind
    await rt.devWecom('add_contact', 'fan-7', STATE);
    expect(await rt.db.collection('wecom_joins').count({ liveId: TONIGHT_LIVE })).toBe(2);
  });

  it('a forged callback (bad signature, tampered ciphertext, replayed late) changes nothing', async () => {
    const genuine = rt.wecomsim.callback('join_group', 'fan-8', STATE);
    const writes = rt.writes();
    const joinsBefore = await rt.db.collection('wecom_joins').count({});
    const badSignature = { ...genuine, query: { ...genuine.query, msg_signature: '0'.repeat(40) } };
    const tampered = { ...genuine, body: genuine.body.replace(/<Encrypt><!\[CDATA\[(.)/, '<Encrypt><![CDATA[A') };
    for (const forged of [badSignature, tampered]) expect((await rt.wecomCallback(forged)).status).toBe(401);
    rt.clock.advance(10 * 60_000);
    expect((await rt.wecomCallback(genuine)).status).toBe(401);
    expect(rt.writes()).toBe(writes);
    expect(await rt.db.collection('wecom_joins').count({})).toBe(joinsBefore);
  });

  it('a state that is not a live’s, or an unknown live, is accepted and ignored', async () => {
    const before = await rt.db.collection('wecom_joins').count({});
    expect((await rt.devWecom('add_contact', 'fan-9', 'spring_campaign')).status).toBe(200);
    expect((await rt.devWecom('add_contact', 'fan-9', 'lv_no-such-live')).status).toBe(200);
    expect(await rt.db.collection('wecom_joins').count({})).toBe(before);
  });

  it('URL verification answers the decrypted echostr', async () => {
    const cb = rt.wecomsim.callback('add_contact', 'x', STATE);
    // the simulator signs the Encrypt payload; verification signs echostr the same way
    const encrypted = /<Encrypt><!\[CDATA\[([\s\S]*?)\]\]>/.exec(cb.body)![1];
    const answer = await rt.wecomCallback({ query: { ...cb.query, echostr: encrypted }, body: '' });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('change_external_contact');
  });

  it('imports WeCom live watch time into the live’s aggregates without adding on re-import', async () => {
    rt.wecomsim.setLiveWatchStats('wecom-live-1', [
      { openid: 'viewer-a', watchSeconds: 45 * 60 + 20 },
      { openid: 'viewer-b', watchSeconds: 90 },
    ]);
    for (let i = 0; i < 2; i++) {
      expect(await rt.as('demo-staff')('admin', 'importWecomWatchStats', { liveId: TONIGHT_LIVE, wecomLiveId: 'wecom-live-1' })).toEqual({
        ok: true,
        data: { imported: 2, unmatched: 0 },
      });
    }
    const a = await rt.db.collection('live_stats').get(`${TONIGHT_LIVE}:viewer-a`);
    expect(a!.watchMinutes).toBe(45);
  });
});

/** The customer group change event (客户群变更事件) as WeCom documents it: these fields, in this order, and no State. */
const GROUP_CHANGE_FIELDS = ['ToUserName', 'FromUserName', 'CreateTime', 'MsgType', 'Event', 'ChatId', 'ChangeType', 'UpdateDetail', 'JoinScene', 'QuitScene', 'MemChangeCnt', 'MemChangeList', 'LastMemVer', 'CurMemVer'];

const topLevelFields = (xml: string) => [...xml.replace(/^<xml>|<\/xml>$/g, '').matchAll(/<(\w+)>(?:<!\[CDATA\[[\s\S]*?\]\]>|[\s\S]*?)<\/\1>/g)].map((m) => m[1]);

describe('group joins on WeCom: the documented group change event, each member’s state from groupchat/get', () => {
  const CORP = 'ww5823bf96d3bd56c7';
  const keys = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: CORP };
  const CHAT = 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA';
  const SHOPPER = 'shopper-wecom';
  const UNIONID = 'ozynqsulJFCZ2z1aYeS8h-nuasdAAA';
  const SHOPPER_EXTERNAL = 'wmOgQhDgAAuXFJGwbve4g4iXknfOAAAA';

  let rt: TestRuntime;
  let members: GroupChatMemberBody[];
  let ports: Ports;
  let nonce = 0;

  /** WeCom's server API as the cloud adapter calls it: a token, and the group's member list. */
  const { transport: wecomServer, requests } = fakeWecomServer({
    '/externalcontact/groupchat/get': () => {
      const group_chat: GroupChatBody = { chat_id: CHAT, name: '直播粉丝群', owner: 'anning', create_time: 1572505490, notice: '', member_list: members, admin_list: [], member_version: 'v2' };
      return { errcode: 0, errmsg: 'ok', group_chat };
    },
  });

  const member = (userid: string, over: Partial<GroupChatMemberBody> = {}): GroupChatMemberBody => ({
    userid,
    type: 2,
    join_time: Math.floor(rt.clock.now() / 1000),
    join_scene: 3,
    invitor: { userid: 'anning' },
    state: STATE,
    group_nickname: '',
    name: userid,
    ...over,
  });

  /** The group change event for `memberIds`, MemChangeList as `<Item>`s or (older callbacks) one comma-separated value. */
  function groupChange(memberIds: string[], list: 'items' | 'comma' = 'items'): string {
    const values: Record<string, string> = {
      ToUserName: cdata('ToUserName', CORP),
      FromUserName: cdata('FromUserName', 'sys'),
      CreateTime: cdata('CreateTime', Math.floor(rt.clock.now() / 1000)),
      MsgType: cdata('MsgType', 'event'),
      Event: cdata('Event', 'change_external_chat'),
      ChatId: cdata('ChatId', CHAT),
      ChangeType: cdata('ChangeType', 'update'),
      UpdateDetail: cdata('UpdateDetail', 'add_member'),
      JoinScene: cdata('JoinScene', 3),
      QuitScene: cdata('QuitScene', 0),
      MemChangeCnt: cdata('MemChangeCnt', memberIds.length),
      MemChangeList: list === 'items' ? `<MemChangeList>${memberIds.map((id) => cdata('Item', id)).join('')}</MemChangeList>` : cdata('MemChangeList', memberIds.join(',')),
      LastMemVer: cdata('LastMemVer', '9c3f97c2ada667dfb5f6d03308d963e1'),
      CurMemVer: cdata('CurMemVer', '71217227bbd112ecfe3a49c482195cb4'),
    };
    return `<xml>${GROUP_CHANGE_FIELDS.map((f) => values[f]).join('')}</xml>`;
  }

  /** WeCom's POST to the deployed wecomCallback function, through CloudBase HTTP access. */
  async function deliver(message: string) {
    const random16 = Buffer.alloc(16, ++nonce);
    const encrypted = encrypt(keys.encodingAesKey, CORP, message, random16);
    const timestamp = String(Math.floor(rt.clock.now() / 1000));
    const n = `n${nonce}`;
    return wecomCallbackHttp(() => ports)({
      httpMethod: 'POST',
      headers: { 'Content-Type': 'text/xml' },
      queryStringParameters: { msg_signature: signature(keys.token, timestamp, n, encrypted), timestamp, nonce: n },
      body: `<xml><ToUserName><![CDATA[${CORP}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>`,
    });
  }

  const groupJoins = () => rt.db.collection('wecom_joins').find({ type: 'join_group', liveId: TONIGHT_LIVE }, { sort: [['_id', 'asc']] });

  beforeEach(async () => {
    rt = await testRuntime();
    requests.length = 0;
    members = [];
    const wecom = new WecomApi({ ...keys, secret: 'SECRET', contactUsers: ['anning'], groupChatIds: [CHAT] }, wecomServer, rt.clock);
    ports = { ...rt.ports, wecom };
    // the shopper has used the mini program, which knows their unionid
    expect((await rt.as(SHOPPER)('live', 'get', { liveId: TONIGHT_LIVE })).ok).toBe(true);
    await rt.db.collection('users').update({ _id: SHOPPER }, { $set: { unionid: UNIONID } });
    const { startAt } = (await rt.db.collection('lives').get(TONIGHT_LIVE))!;
    rt.clock.set(startAt + 10 * 60_000);
  });
  afterEach(() => rt.close());

  it('a shopper who joins through the live’s join way may enter the group raffle and claim the group coupon', async () => {
    const templateId = await groupCoupon(rt);
    expect(await rt.as(SHOPPER)('raffle', 'enter', { raffleId: RAFFLE_TONIGHT_GROUP })).toMatchObject({ ok: false, error: { code: 'RAFFLE_NOT_ELIGIBLE' } });
    expect(await rt.as(SHOPPER)('coupons', 'claim', { templateId })).toMatchObject({ ok: false, error: { code: 'COUPON_NOT_ELIGIBLE' } });

    members = [member('anning', { type: 1, state: undefined, invitor: undefined }), member(SHOPPER_EXTERNAL, { unionid: UNIONID })];
    expect(await deliver(groupChange([SHOPPER_EXTERNAL]))).toMatchObject({ statusCode: 200, body: 'success' });

    const groupChatCalls = requests.filter((r) => r.url.includes('/groupchat/get'));
    expect(groupChatCalls.map((r) => [r.method, r.url, JSON.parse(r.body)])).toEqual([
      ['POST', 'https://qyapi.weixin.qq.com/cgi-bin/externalcontact/groupchat/get?access_token=ACCESS_TOKEN', { chat_id: CHAT, need_name: 1 }],
    ]);
    expect((await groupJoins()).map((j) => [j.externalUserId, j.userId, j.state, j.at])).toEqual([
      [SHOPPER_EXTERNAL, SHOPPER, STATE, members[1].join_time * 1000],
    ]);
    expect(await rt.as(SHOPPER)('raffle', 'enter', { raffleId: RAFFLE_TONIGHT_GROUP })).toMatchObject({ ok: true });
    expect(await rt.as(SHOPPER)('coupons', 'claim', { templateId })).toMatchObject({ ok: true });
  });

  it('reads the older comma-separated MemChangeList: every member it names is recorded', async () => {
    members = [member(SHOPPER_EXTERNAL, { unionid: UNIONID }), member('wm-second', { unionid: 'union-second' })];
    expect(await deliver(groupChange([SHOPPER_EXTERNAL, 'wm-second'], 'comma'))).toMatchObject({ statusCode: 200, body: 'success' });
    expect((await groupJoins()).map((j) => [j.externalUserId, j.userId])).toEqual([
      ['wm-second', null],
      [SHOPPER_EXTERNAL, SHOPPER],
    ]);
    expect(await rt.as(SHOPPER)('raffle', 'enter', { raffleId: RAFFLE_TONIGHT_GROUP })).toMatchObject({ ok: true });
  });

  it('a repeated event records each join once', async () => {
    members = [member(SHOPPER_EXTERNAL, { unionid: UNIONID })];
    const event = groupChange([SHOPPER_EXTERNAL]);
    for (let i = 0; i < 3; i++) expect(await deliver(event)).toMatchObject({ statusCode: 200, body: 'success' });
    expect(await rt.db.collection('wecom_joins').count({ externalUserId: SHOPPER_EXTERNAL })).toBe(1);
  });

  it('ignores staff, members who came without a state or through another campaign’s, members the event does not name, and unknown lives', async () => {
    members = [
      member('anning', { type: 1 }),
      member('wm-no-state', { state: undefined }),
      member('wm-campaign', { state: 'spring_campaign' }),
      member('wm-gone-live', { state: 'lv_no-such-live' }),
      member('wm-earlier'),
      member(SHOPPER_EXTERNAL, { unionid: UNIONID }),
    ];
    expect(await deliver(groupChange(['anning', 'wm-no-state', 'wm-campaign', 'wm-gone-live', SHOPPER_EXTERNAL]))).toMatchObject({ statusCode: 200, body: 'success' });
    expect((await groupJoins()).map((j) => j.externalUserId)).toEqual([SHOPPER_EXTERNAL]);
  });

  it('a group change that is not a join, or names nobody, asks WeCom for nothing', async () => {
    expect(await deliver(groupChange([]))).toMatchObject({ statusCode: 200, body: 'success' });
    expect(await deliver(groupChange([SHOPPER_EXTERNAL]).replace('add_member', 'del_member'))).toMatchObject({ statusCode: 200, body: 'success' });
    expect(requests).toEqual([]);
  });

  it('the local simulator sends exactly the documented event, and answers groupchat/get with the joiner’s state', async () => {
    const callback = rt.wecomsim.callback('join_group', 'fan-doc', STATE);
    const encrypted = /<Encrypt><!\[CDATA\[([\s\S]*?)\]\]>/.exec(callback.body)![1];
    const { message } = decrypt(rt.wecomsim.keys.encodingAesKey, encrypted);
    expect(topLevelFields(message)).toEqual(GROUP_CHANGE_FIELDS);
    expect(message).toContain('<MemChangeList><Item><![CDATA[wm_fan-doc]]></Item></MemChangeList>');
    const answer = rt.wecomsim.groupChatAnswer(LOCAL_FAN_GROUP);
    expect(answer.group_chat!.member_list.map((m) => [m.userid, m.type, m.state])).toEqual([
      ['staff-anning', 1, undefined],
      ['wm_fan-doc', 2, STATE],
    ]);
    expect(await rt.wecomCallback(callback)).toEqual({ status: 200, body: 'success' });
    expect((await groupJoins()).map((j) => [j.externalUserId, j.userId])).toEqual([['wm_fan-doc', 'fan-doc']]);
    // a join way without a state: the member is in the group, and nothing is recorded
    expect(await rt.wecomCallback(rt.wecomsim.callback('join_group', 'fan-plain', null))).toEqual({ status: 200, body: 'success' });
    expect((await groupJoins()).map((j) => j.userId)).toEqual(['fan-doc']);
  });
});

describe('the fan-group coupon: "the first 100 who join the group get 50 yuan off, no threshold"', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('300 users join and claim at once → exactly 100 coupons; a user who did not join is refused', async () => {
    const { startAt } = (await rt.db.collection('lives').get(TONIGHT_LIVE))!;
    rt.clock.set(startAt + 10 * 60_000);
    const templateId = await groupCoupon(rt);
    const fans = Array.from({ length: 300 }, (_, i) => `grp-${i}`);
    const results = await Promise.all(
      fans.map(async (openid) => {
        expect((await rt.devWecom('join_group', openid, STATE)).status).toBe(200);
        return rt.as(openid)('coupons', 'claim', { templateId });
      }),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(100);
    expect(new Set(results.filter((r) => !r.ok).map((r) => (!r.ok ? r.error.code : '')))).toEqual(new Set(['COUPON_SOLD_OUT']));
    expect(await rt.db.collection('coupons').count({ templateId })).toBe(100);
    expect(await rt.as('never-joined')('coupons', 'claim', { templateId })).toMatchObject({ ok: false, error: { code: 'COUPON_NOT_ELIGIBLE' } });
  }, 60_000);
});

describe('staff broadcasts', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('a broadcast shows to every viewer polling the room until it expires, with copy for the group', async () => {
    const pushed = await rt.as('demo-staff')<{ broadcastId: string; expiresAt: number; groupCopy: string }>('admin', 'pushBroadcast', {
      liveId: TONIGHT_LIVE,
      kind: 'stock_warning',
      cardId: 'card-3',
      durationSec: 60,
    });
    expect(pushed.ok).toBe(true);
    if (!pushed.ok) return;
    expect(pushed.data.groupCopy).toBe(`【库存告急】底妆礼盒 直播价 ¥199.00，仅剩 100 件！快进直播间「底妆专场：粉底液 + 散粉直播间专享价」下单`);
    for (const viewer of ['v1', 'v2']) {
      const seen = await rt.as(viewer)<{ items: Broadcast[] }>('live', 'broadcasts', { liveId: TONIGHT_LIVE });
      expect(seen.ok && seen.data.items.map((b) => [b._id, b.kind, b.text, b.cardId])).toEqual([
        [pushed.data.broadcastId, 'stock_warning', '底妆礼盒 仅剩 100 件', 'card-3'],
      ]);
    }
    rt.clock.advance(60_000);
    expect(await rt.as('v1')('live', 'broadcasts', { liveId: TONIGHT_LIVE })).toEqual({ ok: true, data: { items: [], now: rt.clock.now() } });
  });

  it('a re-run broadcast needs a card; shoppers cannot push', async () => {
    expect(await rt.as('demo-staff')('admin', 'pushBroadcast', { liveId: TONIGHT_LIVE, kind: 'rerun' })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'a card is required', field: 'cardId' },
    });
    expect(await rt.as('demo-shopper')('admin', 'pushBroadcast', { liveId: TONIGHT_LIVE, kind: 'notice', text: 'hi' })).toEqual({
      ok: false,
      error: { code: 'NOT_STAFF', message: 'Staff only' },
    });
  });
});

describe('questions and the live digest', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('questions show only to staff, askers masked; answered ones appear in the digest once', async () => {
    const asked = await rt.as('demo-shopper')<{ questionId: string }>('live', 'ask', { liveId: TONIGHT_LIVE, text: '干皮能用这款粉底吗？' });
    await rt.as('fan-2')('live', 'ask', { liveId: TONIGHT_LIVE, text: '散粉有几个色号？' });
    const qid = asked.ok ? asked.data.questionId : '';

    expect(await rt.as('demo-shopper')('admin', 'listQuestions', { liveId: TONIGHT_LIVE })).toEqual({
      ok: false,
      error: { code: 'NOT_STAFF', message: 'Staff only' },
    });
    const list = await rt.as('demo-staff')<{ items: StaffQuestion[] }>('admin', 'listQuestions', { liveId: TONIGHT_LIVE });
    expect(list.ok && list.data.items.map((q) => q.asker).sort()).toEqual(['小*', '微***']);
    expect(JSON.stringify(list)).not.toContain('demo-shopper');

    await rt.as('demo-staff')('admin', 'markQuestion', { questionId: qid, status: 'picked' });
    await rt.as('demo-staff')('admin', 'markQuestion', { questionId: qid, status: 'answered', answer: '干皮先保湿再上粉底，很服帖' });
    await rt.as('demo-staff')('admin', 'addClip', { liveId: TONIGHT_LIVE, title: '粉底液上脸', videoUrl: 'https://example.com/clip1.mp4', productIds: ['p-foundation'] });
    const mine = await rt.as('demo-shopper')<{ items: Array<{ status: string; answer: string | null }> }>('live', 'myQuestions', { liveId: TONIGHT_LIVE });
    expect(mine.ok && mine.data.items.map((q) => [q.status, q.answer])).toEqual([['answered', '干皮先保湿再上粉底，很服帖']]);

    for (let i = 0; i < 2; i++) {
      expect(await rt.as('demo-staff')('admin', 'publishLiveDigest', { liveId: TONIGHT_LIVE })).toEqual({
        ok: true,
        data: { postId: `digest-${TONIGHT_LIVE}`, questionCount: 1, clipCount: 1 },
      });
    }
    const feed = await rt.as('fan-3')<{ items: Array<{ _id: string }>; total: number }>('live', 'listPosts', {});
    expect(feed.ok && [feed.data.total, feed.data.items.map((p) => p._id)]).toEqual([1, [`digest-${TONIGHT_LIVE}`]]);
    const post = await rt.as('fan-3')<Post>('live', 'getPost', { postId: `digest-${TONIGHT_LIVE}` });
    expect(post.ok && post.data.questions).toEqual([{ questionId: qid, text: '干皮能用这款粉底吗？', answer: '干皮先保湿再上粉底，很服帖' }]);
    expect(post.ok && post.data.clips[0].products.map((p) => p.productId)).toEqual(['p-foundation']);
    expect(post.ok && post.data.products.length).toBe(6);
  });

  it('limits open questions per viewer', async () => {
    for (let i = 0; i < 5; i++) expect((await rt.as('chatty')('live', 'ask', { liveId: TONIGHT_LIVE, text: `问题 ${i}` })).ok).toBe(true);
    expect(await rt.as('chatty')('live', 'ask', { liveId: TONIGHT_LIVE, text: '第六个问题' })).toEqual({
      ok: false,
      error: { code: 'QUESTION_LIMIT', message: 'You have asked enough questions for now' },
    });
  });
});
