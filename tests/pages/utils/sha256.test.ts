import { createHash, createHmac, randomBytes } from 'node:crypto';
import { fromHex, hmacSha256, readUint32, sha256, toHex, utf8 } from '../../../miniprogram/utils/sha256';

const nodeSha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const nodeHmac = (k: Uint8Array, m: Uint8Array) => createHmac('sha256', k).update(m).digest('hex');

/** Every length around the padding boundaries (55/56/64 bytes and their multiples), and a few large ones. */
const LENGTHS = [...Array.from({ length: 200 }, (_, i) => i), 447, 448, 511, 512, 513, 1000, 4095, 4096, 65_537];

describe('sha256 (utils/sha256.ts) against node:crypto', () => {
  it('hashes the standard test vectors', () => {
    expect(toHex(sha256(utf8('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it.each(LENGTHS)('hashes %i random bytes as node does', (length) => {
    for (let round = 0; round < 3; round++) {
      const data = new Uint8Array(randomBytes(length));
      expect(toHex(sha256(data))).toBe(nodeSha(data));
    }
  });

  it('hashes a million bytes of "a" (the FIPS long vector)', () => {
    expect(toHex(sha256(new Uint8Array(1_000_000).fill(0x61)))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });
});

describe('hmacSha256 against node:crypto', () => {
  it('matches RFC 4231 test case 2', () => {
    expect(toHex(hmacSha256(utf8('Jefe'), utf8('what do ya want for nothing?')))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('matches for keys shorter than, equal to and longer than the block, and messages of every size', () => {
    const keyLengths = [0, 1, 16, 32, 63, 64, 65, 100, 131, 200];
    let checked = 0;
    for (const keyLength of keyLengths) {
      for (const messageLength of [0, 1, 2, 10, 55, 56, 63, 64, 65, 119, 120, 128, 300]) {
        const key = new Uint8Array(randomBytes(keyLength));
        const message = new Uint8Array(randomBytes(messageLength));
        expect(toHex(hmacSha256(key, message))).toBe(nodeHmac(key, message));
        checked++;
      }
    }
    expect(checked).toBe(130);
  });

  it('matches the draw procedure’s use: a 32-byte seed and a decimal counter', () => {
    for (let i = 0; i < 500; i++) {
      const seed = new Uint8Array(randomBytes(32));
      const counter = utf8(String(i * 7919));
      expect(toHex(hmacSha256(seed, counter))).toBe(nodeHmac(seed, counter));
    }
  });
});

describe('byte helpers', () => {
  it('encodes UTF-8 as Node does, surrogate pairs and lone surrogates included', () => {
    for (const s of ['', 'abc', '抽奖', '桃子汽水🍑', 'é', '\u{10FFFF}', 'a\uD800b', '\uDC00']) {
      expect(Array.from(utf8(s))).toEqual(Array.from(Buffer.from(s, 'utf8')));
    }
  });

  it('round-trips hex and refuses what is not whole bytes of hex', () => {
    const bytes = new Uint8Array(randomBytes(40));
    expect(toHex(fromHex(toHex(bytes))!)).toBe(Buffer.from(bytes).toString('hex'));
    expect(Array.from(fromHex('00FFa0')!)).toEqual([0, 255, 160]);
    expect(fromHex('abc')).toBeNull();
    expect(fromHex('zz')).toBeNull();
  });

  it('reads big-endian unsigned 32-bit numbers', () => {
    expect(readUint32(new Uint8Array([0xff, 0xff, 0xff, 0xff]), 0)).toBe(0xffffffff);
    expect(readUint32(new Uint8Array([0, 0x80, 0, 0, 1]), 1)).toBe(0x80000001);
  });
});
