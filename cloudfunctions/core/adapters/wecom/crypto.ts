import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

/**
 * WeCom callback cryptography (企业微信回调加解密): msg_signature = SHA1 over the sorted
 * token, timestamp, nonce and ciphertext; AES-256-CBC with key = base64(EncodingAESKey + "="),
 * IV = first 16 key bytes, PKCS#7 padding to 32 bytes; plaintext = 16 random bytes + 4-byte
 * big-endian length + message + receive id (the corp id).
 */
export function signature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex');
}

const keyOf = (encodingAesKey: string) => {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new Error('EncodingAESKey must be 43 characters');
  return key;
};

export function encrypt(encodingAesKey: string, receiveId: string, message: string, random16: Buffer): string {
  const key = keyOf(encodingAesKey);
  const msg = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length, 0);
  const plain = Buffer.concat([random16, length, msg, Buffer.from(receiveId, 'utf8')]);
  const pad = 32 - (plain.length % 32);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/** Returns the message and the receive id; throws when the ciphertext or padding is not valid. */
export function decrypt(encodingAesKey: string, encrypted: string): { message: string; receiveId: string } {
  const key = keyOf(encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  const pad = padded[padded.length - 1];
  if (pad < 1 || pad > 32) throw new Error('bad padding');
  const plain = padded.subarray(0, padded.length - pad);
  if (plain.length < 20) throw new Error('too short');
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) throw new Error('bad length');
  return { message: plain.subarray(20, 20 + length).toString('utf8'), receiveId: plain.subarray(20 + length).toString('utf8') };
}

/** The few XML fields WeCom sends, read without a parser: `<Name><![CDATA[value]]></Name>` or `<Name>value</Name>`. */
export function xmlField(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  return m ? (m[1] ?? m[2] ?? '') : null;
}

export const cdata = (name: string, value: string | number) =>
  typeof value === 'number' ? `<${name}>${value}</${name}>` : `<${name}><![CDATA[${value}]]></${name}>`;
