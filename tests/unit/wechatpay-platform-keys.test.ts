// The platform's side is played here by an independent WeChat Pay v3 implementation
// (wechatpay-axios-plugin: AES-GCM, RSA signatures, the signed message format) and real X.509
// certificates (selfsigned), as GET /v3/certificates and notifications are documented.
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import selfsigned from 'selfsigned';
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin';
import type { HttpRequest, HttpResponse } from '../../cloudfunctions/core/adapters/https';
import { CERTIFICATES_REFRESH_MS, CERTIFICATES_RETRY_MS, WechatPayV3, type WechatPayConfig } from '../../cloudfunctions/core/adapters/wechatpay/v3';
import { NotificationRejected, type HttpNotification } from '../../cloudfunctions/core/ports';
import { seededRandom, testClock, T0 } from '../helpers/runtime';

const API_V3_KEY = '0123456789abcdef0123456789abcdef';
const APP_ID = 'wx0000000000000001';
const MCH_ID = '1900000109';

interface PlatformCert {
  serial: string;
  certPem: string;
  privateKeyPem: string;
  expireAt: number;
}

async function platformCert(days = 365): Promise<PlatformCert> {
  const made = await selfsigned.generate([{ name: 'commonName', value: 'Tenpay.com Root CA' }], { keySize: 2048, notAfterDate: new Date(Date.now() + days * 86_400_000) });
  const cert = new X509Certificate(made.cert);
  return { serial: cert.serialNumber, certPem: made.cert, privateKeyPem: made.private, expireAt: Date.parse(cert.validTo) };
}

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const merchantPem = merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** Signs `body` as WeChat Pay does: Wechatpay-Serial/Timestamp/Nonce/Signature over "ts\nnonce\nbody\n". */
function signed(serial: string, privateKeyPem: string, body: string, now: number): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  const nonce = Formatter.nonce();
  return {
    'Wechatpay-Serial': serial,
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': Rsa.sign(Formatter.response(timestamp, nonce, body), Rsa.from(privateKeyPem, 'private')),
  };
}

/** The documented GET /v3/certificates answer for these certificates, signed by `signer`. */
function certificatesAnswer(certs: PlatformCert[], signer: PlatformCert, now: number, tamper = false): HttpResponse {
  const body = JSON.stringify({
    data: certs.map((c) => {
      const nonce = Formatter.nonce(12);
      return {
        serial_no: c.serial,
        effective_time: new Date(now - 86_400_000).toISOString(),
        expire_time: new Date(c.expireAt).toISOString(),
        encrypt_certificate: { algorithm: 'AEAD_AES_256_GCM', nonce, associated_data: 'certificate', ciphertext: Aes.AesGcm.encrypt(c.certPem, API_V3_KEY, nonce, 'certificate') },
      };
    }),
  });
  const headers = signed(signer.serial, signer.privateKeyPem, tamper ? body + ' ' : body, now);
  return { status: 200, headers, body };
}

/** A TRANSACTION.SUCCESS notification, its resource encrypted with the APIv3 key. */
function paymentNotice(serial: string, privateKeyPem: string, now: number): HttpNotification {
  const nonce = Formatter.nonce(12);
  const resource = {
    appid: APP_ID,
    mchid: MCH_ID,
    out_trade_no: 'order-1',
    transaction_id: '4200000000000000000000000001',
    trade_state: 'SUCCESS',
    success_time: '2026-11-24T10:00:00+08:00',
    payer: { openid: 'o-buyer' },
    amount: { total: 12900, payer_total: 12900 },
  };
  const body = JSON.stringify({
    id: 'EV-1',
    create_time: '2026-11-24T10:00:00+08:00',
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', ciphertext: Aes.AesGcm.encrypt(JSON.stringify(resource), API_V3_KEY, nonce, 'transaction'), associated_data: 'transaction', nonce },
  });
  return { headers: signed(serial, privateKeyPem, body, now), body };
}

function adapter(platform: { answer: () => HttpResponse }, extra: Partial<WechatPayConfig> = {}) {
  const clock = testClock(T0);
  const requests: HttpRequest[] = [];
  const config: WechatPayConfig = {
    appId: APP_ID,
    mchId: MCH_ID,
    merchantSerialNo: 'MERCHANT0001',
    merchantPrivateKeyPem: merchantPem,
    apiV3Key: API_V3_KEY,
    platformPublicKeys: {},
    notifyUrl: 'https://shop.example.com/pay/notify',
    ...extra,
  };
  const pay = new WechatPayV3(
    config,
    async (req) => {
      requests.push(req);
      if (req.method === 'GET' && req.url.endsWith('/v3/certificates')) return platform.answer();
      return { status: 404, headers: {}, body: '' };
    },
    clock,
    seededRandom(),
  );
  return { pay, clock, downloads: () => requests.filter((r) => r.url.endsWith('/v3/certificates')).length, requests };
}

describe('WeChat Pay platform certificates', () => {
  let a: PlatformCert;
  let b: PlatformCert;
  beforeAll(async () => {
    [a, b] = await Promise.all([platformCert(), platformCert()]);
  }, 30_000);

  it('downloads the certificates on the first signature, decrypts them, and takes a notification signed by one', async () => {
    const { pay, clock, downloads, requests } = adapter({ answer: () => certificatesAnswer([a], a, clock.now()) });
    const result = await pay.parseNotification(paymentNotice(a.serial, a.privateKeyPem, clock.now()));
    expect(result).toMatchObject({ orderId: 'order-1', state: 'SUCCESS', amountFen: 12900 });
    expect(downloads()).toBe(1);
    // the download is a signed merchant request
    expect(requests[0]!.headers.authorization).toMatch(/^WECHATPAY2-SHA256-RSA2048 mchid="1900000109",/);
    // the next notifications use the kept certificate
    await pay.parseNotification(paymentNotice(a.serial, a.privateKeyPem, clock.now()));
    expect(downloads()).toBe(1);
  });

  it('follows a rotation: a notification signed by a new certificate downloads again and is taken', async () => {
    let certs = [a];
    let signer = a;
    const { pay, clock, downloads } = adapter({ answer: () => certificatesAnswer(certs, signer, clock.now()) });
    await pay.parseNotification(paymentNotice(a.serial, a.privateKeyPem, clock.now()));
    // WeChat Pay adds the new certificate, then signs with it
    certs = [a, b];
    signer = b;
    clock.advance(CERTIFICATES_RETRY_MS);
    expect(await pay.parseNotification(paymentNotice(b.serial, b.privateKeyPem, clock.now()))).toMatchObject({ state: 'SUCCESS' });
    expect(downloads()).toBe(2);
    // and fetches again when what it holds is old
    clock.advance(CERTIFICATES_REFRESH_MS + 1);
    await pay.parseNotification(paymentNotice(b.serial, b.privateKeyPem, clock.now()));
    expect(downloads()).toBe(3);
  });

  it('refuses made-up serials after at most one download a minute', async () => {
    const { pay, clock, downloads } = adapter({ answer: () => certificatesAnswer([a], a, clock.now()) });
    const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (let i = 0; i < 5; i++) {
      await expect(pay.parseNotification(paymentNotice(`FORGED${i}`, forger, clock.now()))).rejects.toBeInstanceOf(NotificationRejected);
      clock.advance(5_000);
    }
    expect(downloads()).toBe(1);
    // a real certificate's key over a forged serial is refused too
    await expect(pay.parseNotification(paymentNotice(a.serial, forger, clock.now()))).rejects.toBeInstanceOf(NotificationRejected);
  });

  it('keeps nothing from a certificates answer whose signature does not verify, or from an expired certificate', async () => {
    let tamper = true;
    const { pay, clock } = adapter({ answer: () => certificatesAnswer([a], a, clock.now(), tamper) });
    await expect(pay.parseNotification(paymentNotice(a.serial, a.privateKeyPem, clock.now()))).rejects.toBeInstanceOf(NotificationRejected);
    tamper = false;
    clock.advance(CERTIFICATES_RETRY_MS);
    await expect(pay.parseNotification(paymentNotice(a.serial, a.privateKeyPem, clock.now()))).resolves.toMatchObject({ state: 'SUCCESS' });

    const expired = { ...b, expireAt: T0 - 1 };
    const second = adapter({ answer: () => certificatesAnswer([a, expired], a, second.clock.now()) });
    await expect(second.pay.parseNotification(paymentNotice(b.serial, b.privateKeyPem, second.clock.now()))).rejects.toBeInstanceOf(NotificationRejected);
  });

  it('public-key mode: a signature by the 微信支付公钥 id is checked with the key, nothing is downloaded', async () => {
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const id = 'PUB_KEY_ID_0114232134912410000000000000';
    const privatePem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const publicPem = key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const { pay, clock, downloads } = adapter({ answer: () => certificatesAnswer([a], a, clock.now()) }, { platformPublicKey: { id, pem: publicPem }, downloadCertificates: false });
    expect(await pay.parseNotification(paymentNotice(id, privatePem, clock.now()))).toMatchObject({ state: 'SUCCESS' });
    await expect(pay.parseNotification(paymentNotice(a.serial, a.privateKeyPem, clock.now()))).rejects.toBeInstanceOf(NotificationRejected);
    expect(downloads()).toBe(0);
  });

  it('while moving to the public key, takes signatures by either', async () => {
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const id = 'PUB_KEY_ID_0114232134912410000000000001';
    const privatePem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const publicPem = key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const { pay, clock, requests } = adapter({ answer: () => certificatesAnswer([a], a, clock.now()) }, { platformPublicKey: { id, pem: publicPem }, downloadCertificates: true });
    await expect(pay.parseNotification(paymentNotice(id, privatePem, clock.now()))).resolves.toMatchObject({ state: 'SUCCESS' });
    await expect(pay.parseNotification(paymentNotice(a.serial, a.privateKeyPem, clock.now()))).resolves.toMatchObject({ state: 'SUCCESS' });
    // requests name the public key they expect answers to be signed with
    expect(requests[0]!.headers['wechatpay-serial']).toBe(id);
  });
});
