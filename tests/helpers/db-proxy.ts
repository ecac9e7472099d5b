import type { BaseDoc, Collection } from '../../cloudfunctions/core/ports';

type Method = (...args: unknown[]) => Promise<unknown>;

/** A collection whose every method call goes through `wrap(name, method)` (fault and latency injection). */
export function wrapCollection<T extends BaseDoc>(inner: Collection<T>, wrap: (name: string, method: Method) => Method): Collection<T> {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? wrap(String(prop), (value as Method).bind(target)) : value;
    },
  });
}
