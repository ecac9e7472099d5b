import tcb from '@cloudbase/node-sdk';
import { CloudCodes } from '../adapters/cloudbase/codes';
import { CloudStorage } from '../adapters/cloudbase/storage';
import { cloudCall } from '../adapters/cloudbase/wxa';
import { WxaShipping } from '../adapters/wxa/shipping';
import { WxaLogistics } from '../adapters/wxa/logistics';
import { WxaContentSafety } from '../adapters/wxa/content-safety';
import { applyMediaCheckPush } from '../flows/reviews';
import { tokenCall } from '../adapters/wxa/token';
import { WxaIdentity } from '../adapters/wxa/phone';
import { CloudPay, type CloudPayApi } from '../adapters/cloudbase/cloudpay';
import { CloudbaseDb } from '../adapters/cloudbase/db';
import { CloudMessaging } from '../adapters/cloudbase/messaging';
import { cloudCaller } from '../adapters/cloudbase/identity';
import { cryptoRandom, systemClock, timeOrderedIds } from '../adapters/system';
import { unconfiguredPayment } from '../adapters/unconfigured-payment';
import { unconfiguredWecom } from '../adapters/unconfigured-wecom';
import { WecomApi } from '../adapters/wecom/api';
import { httpsTransport } from '../adapters/https';
import { WechatPayV3 } from '../adapters/wechatpay/v3';
import type { FunctionDef } from '../kernel/define';
import { dispatch, dispatchTimer } from '../kernel/dispatch';
import { welcomeNewUser } from '../functions/welcome';
import { applySettlementPush } from '../modules/orders';
import { isMediaCheckPush, isSettlementPush, typedDb, type Caller, type Ports } from '../ports';

/**
 * cloudPay (PAY_METHOD=cloudpay, CLOUDPAY_SUB_MCH_ID): wx-server-sdk's cloud.cloudPay. The SDK is
 * loaded only here and is not bundled: build with CLOUDPAY=1 to list it in the functions' dependencies.
 */
function cloudPayPayment(env: NodeJS.ProcessEnv): Ports['payment'] {
  if (!env.CLOUDPAY_SUB_MCH_ID) return unconfiguredPayment;
  const sdkName = 'wx-server-sdk';
  const cloud = require(sdkName) as { init(o: { env: unknown }): void; DYNAMIC_CURRENT_ENV: unknown; cloudPay: CloudPayApi };
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  return new CloudPay(
    cloud.cloudPay,
    { subMchId: env.CLOUDPAY_SUB_MCH_ID, envId: env.TCB_ENV ?? env.SCF_NAMESPACE ?? '', callbackFunction: 'payNotify' },
    cryptoRandom,
  );
}

/**
 * WeChat Pay v3 from the function's environment variables (set in the CloudBase console):
 * WECHATPAY_APPID, WECHATPAY_MCHID, WECHATPAY_SERIAL, WECHATPAY_PRIVATE_KEY (PEM), WECHATPAY_APIV3_KEY,
 * WECHATPAY_NOTIFY_URL (and WECHATPAY_REFUND_NOTIFY_URL when refunds go elsewhere), and how the
 * platform's signatures are checked:
 *   - 微信支付公钥 (public-key mode): WECHATPAY_PUBLIC_KEY_ID (PUB_KEY_ID_…) and WECHATPAY_PUBLIC_KEY (PEM);
 *   - 平台证书 (certificate mode): nothing more — certificates are downloaded from /v3/certificates and
 *     again when a rotated one signs; WECHATPAY_PLATFORM_CERTS (JSON: serial → PEM) may name some
 *     beforehand. While a merchant moves from certificates to the public key, set both and
 *     WECHATPAY_DOWNLOAD_CERTS=1.
 */
function cloudPayment(env: NodeJS.ProcessEnv): Ports['payment'] {
  if (env.PAY_METHOD === 'cloudpay') return cloudPayPayment(env);
  const need = ['WECHATPAY_APPID', 'WECHATPAY_MCHID', 'WECHATPAY_SERIAL', 'WECHATPAY_PRIVATE_KEY', 'WECHATPAY_APIV3_KEY', 'WECHATPAY_NOTIFY_URL'];
  if (need.some((k) => !env[k])) return unconfiguredPayment;
  const publicKey = env.WECHATPAY_PUBLIC_KEY_ID && env.WECHATPAY_PUBLIC_KEY ? { id: env.WECHATPAY_PUBLIC_KEY_ID, pem: env.WECHATPAY_PUBLIC_KEY } : undefined;
  return new WechatPayV3(
    {
      appId: env.WECHATPAY_APPID!,
      mchId: env.WECHATPAY_MCHID!,
      merchantSerialNo: env.WECHATPAY_SERIAL!,
      merchantPrivateKeyPem: env.WECHATPAY_PRIVATE_KEY!,
      apiV3Key: env.WECHATPAY_APIV3_KEY!,
      platformPublicKeys: env.WECHATPAY_PLATFORM_CERTS ? (JSON.parse(env.WECHATPAY_PLATFORM_CERTS) as Record<string, string>) : {},
      ...(publicKey ? { platformPublicKey: publicKey, downloadCertificates: env.WECHATPAY_DOWNLOAD_CERTS === '1' } : {}),
      notifyUrl: env.WECHATPAY_NOTIFY_URL!,
      ...(env.WECHATPAY_REFUND_NOTIFY_URL ? { refundNotifyUrl: env.WECHATPAY_REFUND_NOTIFY_URL } : {}),
    },
    httpsTransport(),
    systemClock,
    cryptoRandom,
  );
}

/**
 * WeCom from the environment: WECOM_CORP_ID, WECOM_SECRET (customer contact), WECOM_TOKEN and
 * WECOM_AES_KEY (callback), WECOM_CONTACT_USERS and WECOM_GROUP_CHATS (comma-separated ids);
 * WECOM_WELCOME_APPID and WECOM_WELCOME_PIC_MEDIA_ID put a mini program card in welcome messages.
 */
function cloudWecom(env: NodeJS.ProcessEnv): Ports['wecom'] {
  const need = ['WECOM_CORP_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_AES_KEY'];
  if (need.some((k) => !env[k])) return unconfiguredWecom;
  const list = (v: string | undefined) => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  return new WecomApi(
    {
      corpId: env.WECOM_CORP_ID!,
      secret: env.WECOM_SECRET!,
      token: env.WECOM_TOKEN!,
      encodingAesKey: env.WECOM_AES_KEY!,
      contactUsers: list(env.WECOM_CONTACT_USERS),
      groupChatIds: list(env.WECOM_GROUP_CHATS),
      ...(env.WECOM_WELCOME_APPID && env.WECOM_WELCOME_PIC_MEDIA_ID ? { welcomeCard: { appid: env.WECOM_WELCOME_APPID, picMediaId: env.WECOM_WELCOME_PIC_MEDIA_ID } } : {}),
    },
    httpsTransport(),
    systemClock,
  );
}

/**
 * 发货信息管理 through cloud call (the function's config.json lists the wxa.sec.order APIs). WX_APPID is
 * the mini program's appid (is_trade_managed takes it); the merchant id is the payment's.
 */
function cloudShipping(app: ReturnType<typeof tcb.init>, env: NodeJS.ProcessEnv): Ports['shipping'] {
  const merchantId = env.PAY_METHOD === 'cloudpay' ? (env.CLOUDPAY_SUB_MCH_ID ?? '') : (env.WECHATPAY_MCHID ?? '');
  return new WxaShipping(cloudCall(app), { appId: env.WX_APPID ?? env.WECHATPAY_APPID ?? '', merchantId }, systemClock);
}

/**
 * 物流查询组件 over HTTPS (query_trace is not served by cloud call): the mini program's appid and
 * secret (WX_APPID, WX_APPSECRET); without them every trace read fails and the order page shows the
 * waybill only.
 */
function cloudLogistics(env: NodeJS.ProcessEnv): Ports['logistics'] {
  const appId = env.WX_APPID ?? env.WECHATPAY_APPID ?? '';
  const secret = env.WX_APPSECRET ?? '';
  if (!appId || !secret) {
    const off = async (): Promise<never> => {
      throw new Error('logistics: WX_APPID and WX_APPSECRET are not set');
    };
    return { follow: off, trace: off };
  }
  return new WxaLogistics(tokenCall(appId, secret, httpsTransport(), systemClock));
}

/** Ports for a function running in CloudBase, made once per warm instance. */
export function cloudPorts(): Ports {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return {
    db: typedDb(new CloudbaseDb(app)),
    clock: systemClock,
    random: cryptoRandom,
    ids: timeOrderedIds(systemClock, cryptoRandom),
    payment: cloudPayment(process.env),
    messaging: new CloudMessaging(app, process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? ''),
    wecom: cloudWecom(process.env),
    codes: new CloudCodes(app),
    shipping: cloudShipping(app, process.env),
    identity: new WxaIdentity(cloudCall(app)),
    storage: new CloudStorage(app),
    logistics: cloudLogistics(process.env),
    contentSafety: new WxaContentSafety(cloudCall(app)),
  };
}

interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
}

/**
 * Whether an invocation is a timer trigger. The event's shape alone proves nothing: a mini program
 * can send `{ Type: 'Timer', TriggerName }` as `wx.cloud.callFunction` data. What a client cannot
 * take away is the identity the platform attaches to its calls — WX_OPENID in the context, and
 * `userInfo` in the event — so a timer is an event of the timer's shape with neither.
 */
export function isPlatformTimer(event: unknown, caller: Caller | null): event is TimerEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as { Type?: unknown; TriggerName?: unknown; userInfo?: unknown };
  return e.Type === 'Timer' && typeof e.TriggerName === 'string' && caller === null && e.userInfo === undefined;
}

/** The `main` a deployed function exports: timer triggers by name, everything else through the kernel. */
export function cloudMain(fn: FunctionDef) {
  let ports: Ports | null = null;
  return async (event: unknown, context: unknown) => {
    ports ??= cloudPorts();
    const caller = cloudCaller(context);
    if (isPlatformTimer(event, caller)) return dispatchTimer(fn, ports, event.TriggerName);
    // 消息推送 to the mall function: a prompt to ask get_order, so whoever sends it moves nothing by it
    // the content check's verdict of a photo, by its trace id: only WeChat's push (no caller) is taken
    if (fn.name === 'mall' && isMediaCheckPush(event) && caller === null && (event as { userInfo?: unknown }).userInfo === undefined) return applyMediaCheckPush(ports, event);
    if (fn.name === 'mall' && isSettlementPush(event)) {
      await applySettlementPush(ports, event, ports.clock.now());
      return 'success';
    }
    return dispatch(fn, ports, event, caller, { welcome: welcomeNewUser });
  };
}
