import type { ApiResult } from '../../../typings/contract/errors';
import { SqliteDb } from '../adapters/sqlite/db';
import { localCodes } from '../adapters/local/codes';
import { LocalMessaging } from '../adapters/local/messaging';
import { SIM_APP_ID, SIM_MCH_ID, WechatPaySimulator } from '../adapters/local/wechatpay-simulator';
import { ShippingSimulator } from '../adapters/local/shipping-simulator';
import { LogisticsSimulator } from '../adapters/local/logistics-simulator';
import { WxaLogistics } from '../adapters/wxa/logistics';
import { ContentSafetySimulator } from '../adapters/local/content-safety-simulator';
import { WxaContentSafety } from '../adapters/wxa/content-safety';
import { applyMediaCheckPush } from '../flows/reviews';
import { PhoneSimulator } from '../adapters/local/phone-simulator';
import { LocalStorage } from '../adapters/local/storage';
import path from 'node:path';
import { WxaIdentity } from '../adapters/wxa/phone';
import { WxaShipping } from '../adapters/wxa/shipping';
import { applySettlementPush } from '../modules/orders';
import { WecomSimulator } from '../adapters/local/wecom-simulator';
import { cryptoRandom, systemClock, timeOrderedIds } from '../adapters/system';
import { WechatPayV3 } from '../adapters/wechatpay/v3';
import { handlePaymentNotification } from '../flows/payment-notify';
import type { HttpAnswer } from '../kernel/http';
import { handleWecomCallback } from '../flows/wecom-callback';
import type { WecomCallbackRequest } from '../ports/wecom';
import type { FunctionDef } from '../kernel/define';
import { dispatch, dispatchTimer } from '../kernel/dispatch';
import { AppError } from '../kernel/errors';
import { FUNCTIONS, welcomeNewUser } from '../functions';
import { isSettlementPush, typedDb, type Caller, type Clock, type Db, type HttpNotification, type Ids, type Ports, type Random, type RawDb } from '../ports';


/**
 * The local runtime's wiring: every function on one SQLite file, with real local adapters.
 * Used by `npm start`, the tests and the benchmarks alike.
 */
export interface LocalOptions {
  dbPath: string;
  clock?: Clock;
  random?: Random;
  ids?: Ids;
  log?: (message: string, error: unknown) => void;
  /** where uploaded files are kept; default: a `files` folder beside the database */
  filesDir?: string;
  /** the local runtime's own URL, which file URLs start with */
  baseUrl?: string;
  /** wraps the database the ports see (tests inject latency between the calls) */
  wrapDb?: (db: RawDb) => RawDb;
}

export interface LocalRuntime {
  ports: Ports;
  /** the domain's view of the database: collections typed by name */
  db: Db;
  /** the SQLite file behind it, for benchmarks and write counts */
  sqlite: SqliteDb;
  functions: Record<string, FunctionDef>;
  /** one call as the given openid (null: no identity) */
  call(fn: string, request: unknown, openid: string | null): Promise<ApiResult<unknown>>;
  runTimer(fn: string, trigger: string): Promise<ApiResult<unknown>>;
  /** the simulated WeChat Pay side */
  paysim: WechatPaySimulator;
  /** what local messaging delivered (the outbox collection has every decision) */
  messaging: LocalMessaging;
  /** the simulated WeCom side */
  wecomsim: WecomSimulator;
  /** the WeCom callback endpoint, as the cloud's wecomCallback function serves it */
  wecomCallback(req: WecomCallbackRequest): Promise<HttpAnswer>;
  /** Dev: WeCom reports that `openid` added staff / joined the fan group through `state`. */
  devWecom(type: 'add_contact' | 'join_group', openid: string, state: string): Promise<HttpAnswer>;
  /** the payment notification endpoint, as the cloud's payNotify function serves it */
  notify(n: HttpNotification): Promise<HttpAnswer>;
  /**
   * Dev: the shopper pays the order; the simulator's signed notification goes through `notify`.
   * Calling again replays it. `amountFen` overrides what the simulator says was paid.
   */
  devPay(orderId: string, amountFen?: number): Promise<HttpAnswer>;
  /**
   * Dev: the simulated platform settles its due refunds (see WechatPaySimulator.settleRefunds) and
   * sends each REFUND.* notification through `notify`, as WeChat Pay calls the refund's notify_url.
   */
  devSettleRefunds(options?: Parameters<WechatPaySimulator['settleRefunds']>[0]): Promise<HttpAnswer[]>;
  /** uploaded files (POST /files saves through it) */
  storage: LocalStorage;
  /** the simulated phonenumber.getPhoneNumber side */
  phonesim: PhoneSimulator;
  /** the simulated 发货信息管理 side */
  shipsim: ShippingSimulator;
  /** the simulated 物流查询组件 side */
  logisim: LogisticsSimulator;
  /** the simulated content-security side */
  safetysim: ContentSafetySimulator;
  /** Dev: WeChat pushes the verdicts of the images submitted so far (wxa_media_check), as the cloud's mall function takes them. */
  devMediaChecks(): Promise<number>;
  /** WeChat's mini program message push (trade_manage_order_settlement), as the cloud's mall function takes it */
  shippingPush(push: unknown): Promise<HttpAnswer>;
  /** Dev: the buyer confirms receipt in WeChat's 确认收货 component; its settlement push goes through `shippingPush`. */
  devConfirmReceipt(orderId: string): Promise<HttpAnswer>;
  close(): Promise<void>;
}

const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

/** Local identity: the development header, checked for shape only. */
export function localCaller(openid: string | null | undefined): Caller | null {
  return openid && OPENID.test(openid) ? { openid } : null;
}

export function createLocalRuntime(options: LocalOptions): LocalRuntime {
  const sqlite = new SqliteDb(options.dbPath);
  const db = typedDb(options.wrapDb ? options.wrapDb(sqlite) : sqlite);
  const clock = options.clock ?? systemClock;
  const random = options.random ?? cryptoRandom;
  const paysim = new WechatPaySimulator(clock, random, async (orderId) => {
    const o = await db.collection('orders').get(orderId);
    return o && o.paidAt !== null && o.transactionId ? { amountFen: o.price.payableFen, transactionId: o.transactionId, openid: o.userId, paidAt: o.paidAt } : null;
  });
  const payment = new WechatPayV3(paysim.merchantConfig(), paysim.transport, clock, random);
  const messaging = new LocalMessaging();
  const wecom = new WecomSimulator(clock, random);
  const shipsim = new ShippingSimulator(clock, SIM_APP_ID, SIM_MCH_ID, async (transactionId) => {
    const [o] = await db.collection('orders').find({ transactionId }, { limit: 1 });
    return o && o.paidAt !== null ? { openid: o.userId, outTradeNo: o._id, paidAt: o.paidAt } : null;
  });
  const shipping = new WxaShipping(shipsim.call, { appId: SIM_APP_ID, merchantId: SIM_MCH_ID }, clock);
  const phonesim = new PhoneSimulator(clock, random, SIM_APP_ID);
  const identity = new WxaIdentity(phonesim.call);
  const storage = new LocalStorage(options.filesDir ?? path.join(path.dirname(path.resolve(options.dbPath)), 'files'), random, options.baseUrl);
  const logisim = new LogisticsSimulator(clock);
  const logistics = new WxaLogistics(logisim.call);
  const safetysim = new ContentSafetySimulator(clock, random, SIM_APP_ID);
  const contentSafety = new WxaContentSafety(safetysim.call);
  const ports: Ports = { db, clock, random, ids: options.ids ?? timeOrderedIds(clock, random), payment, messaging, wecom, codes: localCodes, shipping, identity, storage, logistics, contentSafety };
  const shippingPush = async (push: unknown): Promise<HttpAnswer> => {
    if (isSettlementPush(push)) await applySettlementPush(ports, push, clock.now());
    return { status: 200, body: 'success' };
  };
  const notify = (n: HttpNotification) => handlePaymentNotification(ports, n);
  const unknownFunction = (fn: string): ApiResult<never> => ({
    ok: false,
    error: new AppError('UNKNOWN_FUNCTION', `no function ${fn}`).toApiError(),
  });
  return {
    ports,
    db,
    sqlite,
    functions: FUNCTIONS,
    async call(fn, request, openid) {
      const def = Object.prototype.hasOwnProperty.call(FUNCTIONS, fn) ? FUNCTIONS[fn] : undefined;
      if (!def) return unknownFunction(fn);
      return dispatch(def, ports, request, localCaller(openid), { log: options.log, welcome: welcomeNewUser });
    },
    async runTimer(fn, trigger) {
      const def = FUNCTIONS[fn];
      if (!def) return unknownFunction(fn);
      return dispatchTimer(def, ports, trigger);
    },
    paysim,
    messaging,
    wecomsim: wecom,
    wecomCallback: (req) => handleWecomCallback(ports, req),
    devWecom: (type, openid, state) => handleWecomCallback(ports, wecom.callback(type, openid, state)),
    notify,
    async devPay(orderId, amountFen) {
      const order = await db.collection('orders').get(orderId);
      if (!order) return { status: 404, body: JSON.stringify({ code: 'ORDER_NOT_FOUND', message: `no order ${orderId}` }) };
      return notify(paysim.settle(orderId, amountFen ?? order.price.payableFen, order.userId));
    },
    async devSettleRefunds(settle) {
      const answers: HttpAnswer[] = [];
      for (const n of paysim.settleRefunds(settle)) answers.push(await notify(n));
      return answers;
    },
    shipsim,
    logisim,
    safetysim,
    async devMediaChecks() {
      const pushes = safetysim.deliver();
      for (const p of pushes) await applyMediaCheckPush(ports, p);
      return pushes.length;
    },
    phonesim,
    storage,
    shippingPush,
    async devConfirmReceipt(orderId) {
      const order = await db.collection('orders').get(orderId);
      const push = order?.transactionId ? await shipsim.confirm(order.transactionId) : null;
      if (!push) return { status: 409, body: JSON.stringify({ code: 'ORDER_STATE_INVALID', message: 'WeChat has no shipment waiting for this order' }) };
      return shippingPush(push);
    },
    close: () => db.close(),
  };
}
