import { createCipheriv, createDecipheriv, createSign, createVerify } from 'node:crypto';

/**
 * WeChat Pay API v3 cryptography (微信支付 APIv3): SHA256-RSA2048 signatures over newline-joined
 * fields, and AEAD_AES_256_GCM for notification resources. Used by the v3 adapter and, with its own
 * keys, by the local simulator that plays the WeChat Pay side.
 */
export const signMessage = (fields: string[]) => fields.map((f) => `${f}\n`).join('');

export function rsaSign(privateKeyPem: string, message: string): string {
  return createSign('RSA-SHA256').update(message).sign(privateKeyPem, 'base64');
}

export function rsaVerify(publicKeyPem: string, message: string, signature: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message).verify(publicKeyPem, signature, 'base64');
  } catch {
    return false;
  }
}

export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
  original_type: string;
}

export function aesGcmEncrypt(apiV3Key: string, nonce: string, associatedData: string, plaintext: string): string {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([body, cipher.getAuthTag()]).toString('base64');
}

/** Throws when the key, nonce, associated data or tag do not match. */
export function aesGcmDecrypt(apiV3Key: string, nonce: string, associatedData: string, ciphertextB64: string): string {
  const data = Buffer.from(ciphertextB64, 'base64');
  if (data.length < 17) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

/** Merchant request authorisation header, scheme WECHATPAY2-SHA256-RSA2048. */
export function authorization(
  opts: { mchId: string; serialNo: string; privateKeyPem: string },
  req: { method: string; path: string; body: string; timestamp: string; nonce: string },
): string {
  const signature = rsaSign(opts.privateKeyPem, signMessage([req.method, req.path, req.timestamp, req.nonce, req.body]));
  return `WECHATPAY2-SHA256-RSA2048 mchid="${opts.mchId}",nonce_str="${req.nonce}",signature="${signature}",timestamp="${req.timestamp}",serial_no="${opts.serialNo}"`;
}

export function parseAuthorization(header: string | undefined): Record<string, string> | null {
  const m = /^WECHATPAY2-SHA256-RSA2048 (.+)$/.exec(header ?? '');
  if (!m) return null;
  const out: Record<string, string> = {};
  for (const part of m[1].matchAll(/(\w+)="([^"]*)"/g)) out[part[1]] = part[2];
  return out;
}
