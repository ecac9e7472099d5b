import { encrypt, getSignature } from '@wecom/crypto';
import { WecomApi } from '../../cloudfunctions/core/adapters/wecom/api';
import { handleWecomCallback, WELCOME_BUSY_RETRY_MS } from '../../cloudfunctions/core/flows/wecom-callback';
import type { Ports } from '../../cloudfunctions/core/ports';
import { wecomCallbackHttp } from '../../cloudfunctions/wecomCallback/index';
import { TONIGHT_LIVE } from '../../scripts/seed/seed';
import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { fakeWecomServer } from '../helpers/wecom-server';

/**
 * 发送新客户欢迎语: an add-contact event (添加企业客户事件) carries a WelcomeCode when the staff member
 * has no welcome message configured in WeCom's admin; the code may be used once, within 20 seconds,
 * with `externalcontact/send_welcome_msg`. Callbacks here are encrypted and signed by the official
 * @wecom/crypto, and WeCom's server API answers as documented.
 */
const CORP = 'ww5823bf96d3bd56c7';
const keys = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: CORP };
const EXTERNAL = 'woAJ2GCAAAXtWyujaWJHDDGi0mAAAA';
const STATE = `lv_${TONIGHT_LIVE}`;

describe('the welcome message to a new WeCom contact', () => {
  let rt: TestRuntime;
  /** what send_welcome_msg answers, one errcode per call (0 when the list runs out) */
  let answers: number[];
  let ports: Ports;
  let nonce = 0;

  const { transport: wecomServer, requests } = fakeWecomServer({
    '/externalcontact/send_welcome_msg': () => {
      const errcode = answers.shift() ?? 0;
      const errmsg = { 0: 'ok', 41051: 'externaluser has started chatting', 41096: 'welcome msg is being distributed', 40097: 'invalid welcome_code' }[errcode] ?? 'error';
      return { errcode, errmsg };
    },
  });

  /** 添加企业客户事件, as WeCom documents it */
  function addContact(welcomeCode: string | null, state: string | null = STATE): string {
    return (
      `<xml><ToUserName><![CDATA[${CORP}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
      `<CreateTime>${Math.floor(rt.clock.now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
      `<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType>` +
      `<UserID><![CDATA[anning]]></UserID><ExternalUserID><![CDATA[${EXTERNAL}]]></ExternalUserID>` +
      (state !== null ? `<State><![CDATA[${state}]]></State>` : '') +
      (welcomeCode ? `<WelcomeCode><![CDATA[${welcomeCode}]]></WelcomeCode>` : '') +
      `</xml>`
    );
  }

  function signed(message: string) {
    const encrypted = encrypt(keys.encodingAesKey, message, CORP);
    const timestamp = String(Math.floor(rt.clock.now() / 1000));
    const n = `n${++nonce}`;
    return {
      query: { msg_signature: getSignature(keys.token, timestamp, n, encrypted), timestamp, nonce: n },
      body: `<xml><ToUserName><![CDATA[${CORP}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>`,
    };
  }

  /** WeCom's POST to the deployed wecomCallback function, through CloudBase HTTP access */
  function deliver(message: string) {
    const { query, body } = signed(message);
    return wecomCallbackHttp(() => ports)({ httpMethod: 'POST', headers: { 'Content-Type': 'text/xml' }, queryStringParameters: query, body });
  }

  const welcomeCalls = () => requests.filter((r) => r.url.includes('/send_welcome_msg')).map((r) => [r.method, r.url, JSON.parse(r.body)]);

  beforeEach(async () => {
    rt = await testRuntime();
    requests.length = 0;
    answers = [];
    const wecom = new WecomApi(
      { ...keys, secret: 'SECRET', contactUsers: ['anning'], groupChatIds: [], welcomeCard: { appid: 'wx8bd80126147dfAAA', picMediaId: 'MEDIA_ID' } },
      wecomServer,
      rt.clock,
    );
    ports = { ...rt.ports, wecom };
    const { startAt } = (await rt.db.collection('lives').get(TONIGHT_LIVE))!;
    rt.clock.set(startAt - 3 * 3_600_000);
  });
  afterEach(() => rt.close());

  it('answers a live’s add-contact with one send_welcome_msg: the live’s text and its room as a mini program card', async () => {
    expect(await deliver(addContact('CALLBACK_CODE'))).toMatchObject({ statusCode: 200, body: 'success' });
    const live = (await rt.db.collection('lives').get(TONIGHT_LIVE))!;
    const calls = welcomeCalls();
    expect(calls).toHaveLength(1);
    const [method, url, body] = calls[0];
    expect([method, url]).toEqual(['POST', 'https://qyapi.weixin.qq.com/cgi-bin/externalcontact/send_welcome_msg?access_token=ACCESS_TOKEN']);
    expect(body).toEqual({
      welcome_code: 'CALLBACK_CODE',
      text: { content: expect.stringContaining(`「${live.title}」今天`) },
      attachments: [{ msgtype: 'miniprogram', miniprogram: { title: live.title, pic_media_id: 'MEDIA_ID', appid: 'wx8bd80126147dfAAA', page: `pages/live/detail/index?live=${TONIGHT_LIVE}` } }],
    });
    expect(await rt.db.collection('wecom_welcomes').get('CALLBACK_CODE')).toMatchObject({ status: 'sent', liveId: TONIGHT_LIVE, externalUserId: EXTERNAL, error: null });
    // the contact itself is recorded for the live as before
    expect(await rt.db.collection('wecom_joins').count({ type: 'add_contact', liveId: TONIGHT_LIVE, externalUserId: EXTERNAL })).toBe(1);
  });

  it('uses a welcome code once however often WeCom delivers the event, also at once', async () => {
    const event = addContact('CODE_ONCE');
    const delivered = await Promise.all(Array.from({ length: 6 }, () => deliver(event)));
    expect(delivered.every((d) => d.statusCode === 200)).toBe(true);
    expect(await deliver(event)).toMatchObject({ statusCode: 200 });
    expect(welcomeCalls()).toHaveLength(1);
    expect(await rt.db.collection('wecom_welcomes').count({})).toBe(1);
  });

  it('sends nothing for an add-contact without a welcome code (one is configured in WeCom)', async () => {
    expect(await deliver(addContact(null))).toMatchObject({ statusCode: 200, body: 'success' });
    expect(welcomeCalls()).toEqual([]);
    expect(await rt.db.collection('wecom_welcomes').count({})).toBe(0);
  });

  it('welcomes a contact who came through no live with the mall home', async () => {
    expect(await deliver(addContact('CODE_PLAIN', null))).toMatchObject({ statusCode: 200 });
    const [[, , body]] = welcomeCalls();
    expect(body.attachments[0].miniprogram.page).toBe('pages/index/index');
    expect(await rt.db.collection('wecom_welcomes').get('CODE_PLAIN')).toMatchObject({ status: 'sent', liveId: null });
  });

  it('41051 (delivered already) is kept as such and not retried', async () => {
    answers = [41051];
    expect(await deliver(addContact('CODE_DONE'))).toMatchObject({ statusCode: 200 });
    expect(welcomeCalls()).toHaveLength(1);
    expect(await rt.db.collection('wecom_welcomes').get('CODE_DONE')).toMatchObject({ status: 'already_sent' });
  });

  it('41096 (another app is sending) is asked once more after a short wait', async () => {
    answers = [41096, 0];
    const waits: number[] = [];
    const answer = await handleWecomCallback(ports, signed(addContact('CODE_BUSY')), async (ms) => {
      waits.push(ms);
    });
    expect(answer).toEqual({ status: 200, body: 'success' });
    expect(waits).toEqual([WELCOME_BUSY_RETRY_MS]);
    expect(welcomeCalls()).toHaveLength(2);
    expect(await rt.db.collection('wecom_welcomes').get('CODE_BUSY')).toMatchObject({ status: 'sent' });
  });

  it('a refused code is recorded with WeCom’s reason; the event is still acknowledged and the contact recorded', async () => {
    answers = [40097];
    expect(await deliver(addContact('CODE_BAD'))).toMatchObject({ statusCode: 200, body: 'success' });
    expect(await rt.db.collection('wecom_welcomes').get('CODE_BAD')).toMatchObject({ status: 'failed', error: expect.stringContaining('40097') });
    expect(await rt.db.collection('wecom_joins').count({ type: 'add_contact', externalUserId: EXTERNAL })).toBe(1);
  });

  it('without a configured card the welcome message is text only', async () => {
    ports = { ...rt.ports, wecom: new WecomApi({ ...keys, secret: 'SECRET', contactUsers: ['anning'], groupChatIds: [] }, wecomServer, rt.clock) };
    await deliver(addContact('CODE_TEXT'));
    const [[, , body]] = welcomeCalls();
    expect(Object.keys(body).sort()).toEqual(['text', 'welcome_code']);
  });
});

describe('the local WeCom simulator’s welcome codes', () => {
  let rt: TestRuntime;
  beforeEach(async () => {
    rt = await testRuntime();
  });
  afterEach(() => rt.close());

  it('hands each add-contact its own code and delivers the welcome message once', async () => {
    const first = rt.wecomsim.callback('add_contact', 'fan-w', STATE);
    const again = rt.wecomsim.callback('add_contact', 'fan-w2', STATE);
    for (let i = 0; i < 3; i++) expect(await rt.wecomCallback(first)).toEqual({ status: 200, body: 'success' });
    expect(await rt.wecomCallback(again)).toEqual({ status: 200, body: 'success' });
    const welcomes = await rt.db.collection('wecom_welcomes').find({}, { sort: [['_id', 'asc']] });
    expect(welcomes).toHaveLength(2);
    expect(new Set(welcomes.map((w) => w._id)).size).toBe(2);
    expect(welcomes.every((w) => w.status === 'sent')).toBe(true);
    const delivered = rt.wecomsim.welcomesTo('wm_fan-w');
    expect(delivered).toHaveLength(1);
    expect(delivered[0].miniprogram?.page).toBe(`pages/live/detail/index?live=${TONIGHT_LIVE}`);
    // a second use of a code is answered as WeCom documents it
    expect(rt.wecomsim.sendWelcomeAnswer(welcomes[0]._id, delivered[0])).toEqual({ errcode: 41051, errmsg: 'externaluser has started chatting' });
  });
});
