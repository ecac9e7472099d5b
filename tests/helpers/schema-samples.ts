import { z } from 'zod';

/**
 * Schema-valid samples for any action input, made from its JSON Schema (zod 4's toJSONSchema) and
 * repaired against the zod schema for refinements JSON Schema cannot express. Used by the generated
 * robustness test and the role matrix.
 */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  $defs?: Record<string, Schema>;
}

export type Path = Array<string | number>;
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const HUGE = 100 * 1024;
const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'array', 'object'] as const;

/** The schema with `$ref` resolved and a nullable/optional union narrowed to its first non-null branch. */
export function resolve(schema: Schema, root: Schema): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace(/^#\/\$defs\//, '');
    const target = root.$defs?.[name];
    if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
    return resolve(target, root);
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return resolve(branches.find((b) => resolve(b, root).type !== 'null') ?? branches[0], root);
  if (schema.allOf?.length) return resolve(schema.allOf[0], root);
  return schema;
}

/** Every JSON type the schema accepts. */
export function acceptedTypes(schema: Schema, root: Schema): Set<string> {
  if (schema.$ref) return acceptedTypes(resolve(schema, root), root);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return new Set(branches.flatMap((b) => [...acceptedTypes(b, root)]));
  if (schema.const !== undefined) return new Set([jsonType(schema.const)]);
  if (schema.enum) return new Set(schema.enum.map(jsonType));
  const types = schema.type === undefined ? [...JSON_TYPES] : Array.isArray(schema.type) ? schema.type : [schema.type];
  return new Set(types.includes('integer') ? [...types, 'number'] : types);
}

export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const WRONG_VALUES: Json[] = [12345, 'wrong type', true, [], {}, null];

export function wrongValue(schema: Schema, root: Schema): Json {
  const accepted = acceptedTypes(schema, root);
  const value = WRONG_VALUES.find((v) => !accepted.has(jsonType(v)) && !(jsonType(v) === 'integer' && accepted.has('number')));
  if (value === undefined) throw new Error('the schema accepts every JSON type');
  return value;
}

const STRING_SEEDS = ['a', 'A1', 'abc-123', '13800138000', 'x_y', 'a@example.com', 'https://example.com/a', '2026-01-01', '2026-01-01T00:00:00Z', '0', 'cloud://env-1.bucket/uploads/avatar/a.png', '/pages/index/index'];

function sampleString(s: Schema): string | undefined {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Infinity;
  const pattern = s.pattern ? new RegExp(s.pattern) : null;
  for (const seed of STRING_SEEDS) {
    const candidate = seed.length >= Math.max(min, 1) ? seed : seed + seed.slice(-1).repeat(Math.max(min, 1) - seed.length);
    if (candidate.length <= max && (!pattern || pattern.test(candidate))) return candidate;
  }
  return undefined;
}

function numberBounds(s: Schema, integer: boolean): [number, number] {
  const step = integer ? 1 : 0.5;
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + step : -Infinity);
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - step : Infinity);
  return [lo, hi];
}

/** 1 when the bounds allow it, else the nearest bound. */
export function sampleNumber(s: Schema, integer: boolean): number {
  const [lo, hi] = numberBounds(s, integer);
  let v = Math.min(Math.max(1, lo), hi);
  if (integer) v = Math.ceil(v);
  if (s.multipleOf) v = Math.ceil(v / s.multipleOf) * s.multipleOf;
  return v;
}

/** Other values to try when a refinement the JSON Schema cannot express refuses the first sample. */
function candidates(schema: Schema, root: Schema, path: Path): Json[] {
  const s = resolve(schema, root);
  if (s.enum) return s.enum as Json[];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'integer' || type === 'number') {
    const [lo, hi] = numberBounds(s, type === 'integer');
    const near = (from: number) => (Number.isFinite(from) ? Array.from({ length: 25 }, (_, i) => from + i) : []);
    const values = [...Array.from({ length: 25 }, (_, i) => i), ...near(lo), 100, 1000, 60_000, 3_600_000, 86_400_000, 1_800_000_000_000, hi, -1];
    return values.filter((v) => v >= lo && v <= hi && (!s.multipleOf || v % s.multipleOf === 0));
  }
  if (type === 'string') {
    const min = Math.max(s.minLength ?? 0, 1);
    return STRING_SEEDS.map((seed) => (seed.length >= min ? seed : seed.padEnd(min, seed.slice(-1)))).filter((v) => v.length <= (s.maxLength ?? Infinity));
  }
  if (type === 'boolean') return [true, false];
  if (type === 'array') return [1, 2, 3].map((n) => Array.from({ length: n }, (_, i) => sample(s.items ?? {}, root, [...path, i])));
  return [];
}

function schemaAt(root: Schema, path: Path): Schema | null {
  let node: Schema | undefined = resolve(root, root);
  for (const key of path) {
    node = typeof key === 'number' ? node?.items : node?.properties?.[key];
    if (!node) return null;
    node = resolve(node, root);
  }
  return node ?? null;
}

const samePath = (a: readonly PropertyKey[], b: Path) => a.length === b.length && a.every((k, i) => String(k) === String(b[i]));

/** Retries the field a refinement blames with other values until the whole sample parses. */
export function repair(input: z.ZodType, root: Schema, base: Json): Json {
  let current = base;
  for (let round = 0; round < 20; round++) {
    const parsed = input.safeParse(current);
    if (parsed.success) return current;
    const path = parsed.error.issues[0].path as Path;
    const schema = path.length ? schemaAt(root, path) : null;
    if (!schema) return current;
    const next = candidates(schema, root, path)
      .map((c) => setAt(current, path, c))
      .find((d) => {
        const r = input.safeParse(d);
        return r.success || !r.error.issues.some((i) => samePath(i.path, path));
      });
    if (next === undefined) return current;
    current = next;
  }
  return current;
}

/** A value the schema accepts, including every optional property so each field gets its variants. */
export function sample(schema: Schema, root: Schema, path: Path): Json {
  const s = resolve(schema, root);
  if (s.const !== undefined) return s.const as Json;
  if (s.enum) return s.enum[0] as Json;
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string': {
      const value = sampleString(s);
      if (value === undefined) throw new Error(`cannot make a sample string for ${path.join('.') || '(data)'}`);
      return value;
    }
    case 'integer':
    case 'number':
      return sampleNumber(s, type === 'integer');
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, (_, i) => sample(s.items ?? {}, root, [...path, i]));
    case 'object':
    case undefined: {
      const out: Record<string, Json> = {};
      for (const [key, prop] of Object.entries(s.properties ?? {})) out[key] = sample(prop, root, [...path, key]);
      return out;
    }
    default:
      throw new Error(`no sample for type ${type} at ${path.join('.')}`);
  }
}

export const clone = (v: Json): Json => JSON.parse(JSON.stringify(v)) as Json;

export function update(base: Json, path: Path, change: (parent: Record<string | number, Json>, key: string | number) => void): Json {
  const copy = clone(base);
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  change(node, path[path.length - 1]);
  return copy;
}
export const setAt = (base: Json, path: Path, value: Json) => update(base, path, (parent, key) => (parent[key] = value));

/** A value `input` accepts. */
export function validSample(input: z.ZodType): unknown {
  const root = z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as Schema;
  return repair(input, root, sample(root, root, []));
}
