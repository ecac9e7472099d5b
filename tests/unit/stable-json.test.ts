import { sha256, stableStringify } from '../../cloudfunctions/core/kernel/stable-json';

describe('stableStringify', () => {
  it.each([
    ['sorts object keys', { b: 1, a: 2 }, '{"a":2,"b":1}'],
    ['sorts nested keys', { z: { y: 1, x: [{ d: 1, c: 2 }] } }, '{"z":{"x":[{"c":2,"d":1}],"y":1}}'],
    ['keeps array order', [3, 1, 2], '[3,1,2]'],
    ['drops undefined object values', { a: undefined, b: null }, '{"b":null}'],
    ['writes undefined at the top as null', undefined, 'null'],
    ['escapes strings like JSON', { 'k"': 'line\nbreak 中' }, '{"k\\"":"line\\nbreak 中"}'],
    ['scalars', [true, false, 0, -1.5, 'x'], '[true,false,0,-1.5,"x"]'],
    ['an empty object', {}, '{}'],
  ])('%s', (_what, value, expected) => {
    expect(stableStringify(value)).toBe(expected);
  });

  it('gives equal text for equal values whatever the key order', () => {
    expect(stableStringify({ a: 1, b: { c: 2, d: 3 } })).toBe(stableStringify({ b: { d: 3, c: 2 }, a: 1 }));
  });

  it('parses back to an equal value', () => {
    const value = { page: 2, keyword: '粉底', nested: { list: [1, { b: 2, a: 1 }] } };
    expect(JSON.parse(stableStringify(value))).toEqual(value);
  });
});

describe('sha256', () => {
  it('hashes to lower-case hex', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
