import { applyUpdate } from '../../cloudfunctions/core/kernel/apply-update';
import type { Update } from '../../cloudfunctions/core/ports/db';

type Doc = Record<string, unknown> & { _id: string };
const base = (): Doc => ({ _id: 'x', n: 1, s: 'a', nested: { k: 'p', v: 2 }, list: [1] });

describe('applyUpdate', () => {
  const cases: Array<[string, Update, Doc]> = [
    ['$set a top-level field', { $set: { s: 'b' } }, { _id: 'x', n: 1, s: 'b', nested: { k: 'p', v: 2 }, list: [1] }],
    ['$set a nested path keeps siblings', { $set: { 'nested.v': 3 } }, { _id: 'x', n: 1, s: 'a', nested: { k: 'p', v: 3 }, list: [1] }],
    ['$set creates missing parents', { $set: { 'a.b.c': true } }, { ...base(), a: { b: { c: true } } }],
    ['$set through a scalar replaces it with an object', { $set: { 'n.deep': 1 } }, { ...base(), n: { deep: 1 } }],
    ['$set an object replaces it whole', { $set: { nested: { z: 1 } } }, { ...base(), nested: { z: 1 } }],
    ['$inc an existing number', { $inc: { n: 4 } }, { ...base(), n: 5 }],
    ['$inc a missing field starts at zero', { $inc: { hits: -2 } }, { ...base(), hits: -2 }],
    ['$inc a missing field starts at zero', { $inc: { m: 3 } }, { ...base(), m: 3 }],
    ['$inc a nested path', { $inc: { 'nested.v': 1, 'nested.w': 1 } }, { ...base(), nested: { k: 'p', v: 3, w: 1 } }],
    ['$unset a field', { $unset: ['s'] }, { _id: 'x', n: 1, nested: { k: 'p', v: 2 }, list: [1] }],
    ['$unset a nested path', { $unset: ['nested.k'] }, { ...base(), nested: { v: 2 } }],
    ['$unset under a missing parent does nothing', { $unset: ['none.deep'] }, base()],
    ['$push onto an array', { $push: { list: { a: 1 } } }, { ...base(), list: [1, { a: 1 }] }],
    ['$push creates a missing array', { $push: { tags: 't' } }, { ...base(), tags: ['t'] }],
    ['operators on different paths apply together', { $set: { n: 10 }, $inc: { 'nested.v': 1 }, $unset: ['s'], $push: { list: 2 } }, { _id: 'x', n: 10, nested: { k: 'p', v: 3 }, list: [1, 2] }],
    ['an empty update changes nothing', {}, base()],
  ];
  it.each(cases)('%s', (_what, update, expected) => {
    expect(applyUpdate(base(), update)).toEqual(expected);
  });

  it.each([
    ['$inc of a string', { $inc: { s: 3 } }, 'cannot $inc s'],
    ['$push onto a non-array', { $push: { s: 'z' } }, 'cannot $push to s'],
    ['one path under two operators', { $set: { n: 10 }, $inc: { n: 1 } }, 'conflicting update paths: n and n'],
    ['a path and one inside it', { $set: { nested: { k: 'q' } }, $inc: { 'nested.v': 1 } }, 'conflicting update paths: nested and nested.v'],
  ] as const)('refuses %s, as MongoDB does', (_what, update, message) => {
    expect(() => applyUpdate(base(), update as never)).toThrow(message);
  });

  it('leaves the input untouched', () => {
    const input = base();
    applyUpdate(input, { $set: { 'nested.v': 9 }, $push: { list: 2 }, $unset: ['s'] });
    expect(input).toEqual(base());
  });

  it('copies values in, so later changes to them do not leak into the document', () => {
    const value = { inner: [1] };
    const out = applyUpdate(base(), { $set: { obj: value }, $push: { list: value } });
    value.inner.push(2);
    expect(out.obj).toEqual({ inner: [1] });
    expect(out.list).toEqual([1, { inner: [1] }]);
  });

  it('refuses to change _id', () => {
    expect(() => applyUpdate(base(), { $set: { _id: 'y' } })).toThrow('_id cannot be changed');
  });
});
