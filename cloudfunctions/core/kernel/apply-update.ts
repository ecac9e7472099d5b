import { checkUpdatePaths, type Update } from '../ports/db';

/** Applies an update to a plain document in memory (used by adapters that update in process). */

function walk(doc: Record<string, unknown>, path: string, create: boolean): [Record<string, unknown>, string] | null {
  const keys = path.split('.');
  let node = doc;
  for (const key of keys.slice(0, -1)) {
    let next = node[key];
    if (next === null || typeof next !== 'object') {
      if (!create) return null;
      next = {};
      node[key] = next;
    }
    node = next as Record<string, unknown>;
  }
  return [node, keys[keys.length - 1]];
}

export function applyUpdate<T extends object>(input: T, update: Update): T {
  checkUpdatePaths(update);
  const doc = structuredClone(input) as Record<string, unknown>;
  for (const [path, value] of Object.entries(update.$set ?? {})) {
    if (path === '_id') throw new Error('_id cannot be changed');
    const [node, key] = walk(doc, path, true)!;
    node[key] = structuredClone(value);
  }
  for (const [path, by] of Object.entries(update.$inc ?? {})) {
    const [node, key] = walk(doc, path, true)!;
    const current = node[key];
    if (current !== undefined && typeof current !== 'number') throw new Error(`cannot $inc ${path}: it holds ${current === null ? 'null' : typeof current}`);
    node[key] = (current ?? 0) + by;
  }
  for (const path of update.$unset ?? []) {
    const found = walk(doc, path, false);
    if (found) delete found[0][found[1]];
  }
  for (const [path, value] of Object.entries(update.$push ?? {})) {
    const [node, key] = walk(doc, path, true)!;
    const current = node[key];
    if (current !== undefined && !Array.isArray(current)) throw new Error(`cannot $push to ${path}: it is not an array`);
    node[key] = [...(current ?? []), structuredClone(value)];
  }
  return doc as T;
}
