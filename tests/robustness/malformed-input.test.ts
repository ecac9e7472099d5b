import { z } from 'zod';
import { FUNCTIONS } from '../../cloudfunctions/core/functions';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

/**
 * Generated from every registered action's input schema (via its JSON Schema), so actions added
 * later are covered without touching this file: a schema-valid base sample, then malformed
 * variants of it, each of which must be refused as INVALID_INPUT with nothing written.
 */

interface Schema {
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

type Path = Array<string | number>;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const HUGE = 100 * 1024;
const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'array', 'object'] as const;

/** The schema with `$ref` resolved and a nullable/optional union narrowed to its first non-null branch. */
function resolve(schema: Schema, root: Schema): Schema {
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
function acceptedTypes(schema: Schema, root: Schema): Set<string> {
  if (schema.$ref) return acceptedTypes(resolve(schema, root), root);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return new Set(branches.flatMap((b) => [...acceptedTypes(b, root)]));
  if (schema.const !== undefined) return new Set([jsonType(schema.const)]);
  if (schema.enum) return new Set(schema.enum.map(jsonType));
  const types = schema.type === undefined ? [...JSON_TYPES] : Array.isArray(schema.type) ? schema.type : [schema.type];
  return new Set(types.includes('integer') ? [...types, 'number'] : types);
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const WRONG_VALUES: Json[] = [12345, 'wrong type', true, [], {}, null];

function wrongValue(schema: Schema, root: Schema): Json {
  const accepted = acceptedTypes(schema, root);
  const value = WRONG_VALUES.find((v) => !accepted.has(jsonType(v)) && !(jsonType(v) === 'integer' && accepted.has('number')));
  if (value === undefined) throw new Error('the schema accepts every JSON type');
  return value;
}

const STRING_SEEDS = ['a', 'A1', 'abc-123', '13800138000', 'x_y', 'a@example.com', 'https://example.com/a', '2026-01-01', '2026-01-01T00:00:00Z', '0'];

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
function sampleNumber(s: Schema, integer: boolean): number {
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
function repair(input: z.ZodType, root: Schema, base: Json): Json {
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
function sample(schema: Schema, root: Schema, path: Path): Json {
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

interface Field {
  path: Path;
  schema: Schema;
  required: boolean;
}

/** Every field under the data, with its resolved schema, in the base sample's layout. */
function fields(schema: Schema, root: Schema, base: Json, path: Path = []): Field[] {
  const s = resolve(schema, root);
  const out: Field[] = [];
  if (s.properties && base && typeof base === 'object' && !Array.isArray(base)) {
    for (const [key, prop] of Object.entries(s.properties)) {
      const childPath = [...path, key];
      out.push({ path: childPath, schema: resolve(prop, root), required: (s.required ?? []).includes(key) });
      out.push(...fields(prop, root, base[key], childPath));
    }
  }
  if (s.items && Array.isArray(base)) {
    out.push({ path: [...path, 0], schema: resolve(s.items, root), required: false });
    out.push(...fields(s.items, root, base[0], [...path, 0]));
  }
  return out;
}

const clone = (v: Json): Json => JSON.parse(JSON.stringify(v)) as Json;

function update(base: Json, path: Path, change: (parent: Record<string | number, Json>, key: string | number) => void): Json {
  const copy = clone(base);
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  change(node, path[path.length - 1]);
  return copy;
}
const setAt = (base: Json, path: Path, value: Json) => update(base, path, (parent, key) => (parent[key] = value));
const deleteAt = (base: Json, path: Path) =>
  update(base, path, (parent, key) => {
    delete parent[key];
  });

/** Puts `key` (e.g. `__proto__`) into the object at `path` as an own property, the way JSON.parse would. */
function withRawKey(base: Json, path: Path, key: string, value: Json): unknown {
  const marker = '__raw_key_marker__';
  const placed = path.length ? setAt(base, [...path, marker], value) : { ...(base as Record<string, Json>), [marker]: value };
  return JSON.parse(JSON.stringify(placed).replace(`"${marker}"`, JSON.stringify(key)));
}

interface Variant {
  name: string;
  data: unknown;
  /** the field the refusal must name; null when no single field is to blame */
  field: string | null;
}

const dotted = (path: Path) => path.join('.');
const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];
const POLLUTION: Json = { polluted: 'yes', prototype: { polluted: 'yes' } };

interface Plan {
  fn: string;
  action: string;
  root: Schema;
  base: Json;
  fields: Field[];
  variants: Variant[];
  /** string fields without a maxLength below 100 KB */
  unbounded: string[];
  problem?: string;
}

/** Every string node anywhere in the schema (all union branches, array items, record values and keys). */
function stringNodes(schema: Schema, root: Schema, path: string, seen = new Set<Schema>()): Array<[string, Schema]> {
  if (seen.has(schema)) return [];
  seen.add(schema);
  if (schema.$ref) return stringNodes(resolve(schema, root), root, path, seen);
  const out: Array<[string, Schema]> = [];
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  branches.forEach((b, i) => out.push(...stringNodes(b, root, branches.length > 1 ? `${path}[${branchLabel(b, root, i)}]` : path, seen)));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('string') && !schema.enum && schema.const === undefined) out.push([path || '(data)', schema]);
  for (const [key, prop] of Object.entries(schema.properties ?? {})) out.push(...stringNodes(prop, root, path ? `${path}.${key}` : key, seen));
  if (schema.items) out.push(...stringNodes(schema.items, root, `${path}.0`, seen));
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    out.push(...stringNodes(schema.additionalProperties, root, `${path}.*`, seen));
  }
  const names = (schema as { propertyNames?: Schema }).propertyNames;
  if (names) out.push(...stringNodes(names, root, `${path}.(key)`, seen));
  return out;
}

/** A union branch named by its discriminator (`type=comment`) when it has one. */
function branchLabel(branch: Schema, root: Schema, index: number): string {
  const b = resolve(branch, root);
  const tag = Object.entries(b.properties ?? {}).find(([, p]) => p.const !== undefined || p.enum?.length === 1);
  return tag ? `${tag[0]}=${String(tag[1].const ?? tag[1].enum![0])}` : `branch ${index}`;
}

/** Unions met along the base sample, with where they sit. */
function unions(schema: Schema, root: Schema, base: Json, path: Path = []): Array<{ path: Path; branches: Schema[] }> {
  const s = schema.$ref ? resolve(schema, root) : schema;
  const out: Array<{ path: Path; branches: Schema[] }> = [];
  const branches = (s.anyOf ?? s.oneOf ?? []).filter((b) => resolve(b, root).type !== 'null');
  if (branches.length > 1) out.push({ path, branches });
  const r = resolve(s, root);
  if (r.properties && base && typeof base === 'object' && !Array.isArray(base)) {
    for (const [key, prop] of Object.entries(r.properties)) out.push(...unions(prop, root, base[key], [...path, key]));
  }
  if (r.items && Array.isArray(base)) out.push(...unions(r.items, root, base[0], [...path, 0]));
  return out;
}

const valueAt = (base: Json, path: Path): Json => path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], base);

/** The field-level variants of one base: wrong types, missing fields, huge strings, bad integers, extra and forbidden keys. */
function fieldVariants(root: Schema, base: Json, all: Field[], objects: Path[], label: string): Variant[] {
  const variants: Variant[] = [];
  const named = (text: string) => (label ? `${text} (${label})` : text);
  for (const f of all) {
    const at = dotted(f.path);
    variants.push({ name: named(`wrong type at ${at}`), data: setAt(base, f.path, wrongValue(f.schema, root)), field: at });
    if (f.required) variants.push({ name: named(`missing required ${at}`), data: deleteAt(base, f.path), field: at });
    const s = resolve(f.schema, root);
    if (s.type === 'string' && !s.enum && s.const === undefined) {
      variants.push({ name: named(`100 KB string at ${at}`), data: setAt(base, f.path, 'x'.repeat(HUGE)), field: at });
    }
    if (s.type === 'integer' && (s.minimum ?? s.exclusiveMinimum ?? -1) >= 0) {
      variants.push({ name: named(`negative integer at ${at}`), data: setAt(base, f.path, -1), field: at });
      variants.push({ name: named(`fractional integer at ${at}`), data: setAt(base, f.path, sampleNumber(s, true) + 0.5), field: at });
    }
  }
  for (const at of objects) {
    variants.push({ name: named(`unknown field in ${dotted(at) || '(data)'}`), data: setAt(base, [...at, 'unexpectedField'], 1), field: dotted([...at, 'unexpectedField']) });
    for (const key of FORBIDDEN) {
      variants.push({ name: named(`${key} key in ${dotted(at) || '(data)'}`), data: withRawKey(base, at, key, POLLUTION), field: dotted([...at, key]) });
    }
  }
  return variants;
}

const objectPaths = (root: Schema, all: Field[]) => all.filter((f) => resolve(f.schema, root).properties).map((f) => f.path);

function plan(fn: string, action: string, input: z.ZodType): Plan {
  const root = z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as Schema;
  const unbounded = stringNodes(root, root, '')
    .filter(([, node]) => !(typeof node.maxLength === 'number' && node.maxLength < HUGE))
    .map(([path]) => path);
  let base: Json;
  try {
    base = repair(input, root, sample(root, root, []));
  } catch (e) {
    return { fn, action, root, base: null, fields: [], variants: [], unbounded, problem: (e as Error).message };
  }
  const all = fields(root, root, base);
  const variants = fieldVariants(root, base, all, [[], ...objectPaths(root, all)], '');

  // every further branch of each union gets its own base, so its fields are exercised too
  for (const u of unions(root, root, base)) {
    u.branches.slice(1).forEach((branch, i) => {
      const label = branchLabel(branch, root, i + 1);
      let branchBase: Json;
      try {
        branchBase = repair(input, root, setAt(base, u.path, sample(branch, root, u.path)));
      } catch {
        return;
      }
      if (!input.safeParse(branchBase).success) return;
      const under = fields(branch, root, valueAt(branchBase, u.path), u.path);
      const objects = resolve(branch, root).properties ? [u.path, ...objectPaths(root, under)] : objectPaths(root, under);
      variants.push(...fieldVariants(root, branchBase, under, objects, label));
    });
  }

  for (const key of FORBIDDEN) {
    const nested = withRawKey(base, [], 'nestedExtra', {});
    const inner = JSON.parse(JSON.stringify(nested).replace('"nestedExtra":{}', `"nestedExtra":{"deeper":{${JSON.stringify(key)}:${JSON.stringify(POLLUTION)}}}`));
    variants.push({ name: `${key} key nested two levels under an unknown field`, data: inner, field: `nestedExtra.deeper.${key}` });
  }
  variants.push({ name: 'constructor.prototype chain', data: JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'), field: 'constructor' });
  for (const [name, data] of [
    ['data is an array', [base]],
    ['data is a string', 'data'],
    ['data is a number', 42],
    ['data is null', null],
    ['data is true', true],
  ] as Array<[string, unknown]>) {
    variants.push({ name, data, field: null });
  }
  const unique = [...new Map(variants.map((v) => [v.name, v])).values()];
  return { fn, action, root, base, fields: all, variants: unique, unbounded };
}

const PLANS: Plan[] = Object.entries(FUNCTIONS).flatMap(([fn, def]) =>
  Object.entries(def.actions).map(([action, a]) => plan(fn, action, a.input)),
);

const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort();

describe('malformed input to every registered action', () => {
  let rt: TestRuntime;
  const pristine = prototypeNames();

  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(() => rt.close());

  it('covers every function and action', () => {
    expect(PLANS.map((p) => `${p.fn}.${p.action}`)).toEqual(
      Object.entries(FUNCTIONS).flatMap(([fn, def]) => Object.keys(def.actions).map((a) => `${fn}.${a}`)),
    );
    expect(PLANS.length).toBeGreaterThan(0);
  });

  describe.each(PLANS.map((p) => [`${p.fn}.${p.action}`, p] as const))('%s', (_name, p) => {
    it('has a schema-valid sample that the kernel accepts and handles without crashing', async () => {
      expect(p.problem ?? 'sample made').toBe('sample made');
      const action = FUNCTIONS[p.fn].actions[p.action];
      const parsed = action.input.safeParse(p.base);
      expect(parsed.success ? 'valid' : `${p.fn}.${p.action} sample ${JSON.stringify(p.base)} fails: ${parsed.error.message}`).toBe('valid');
      const r = await rt.as('demo-staff')(p.fn, p.action, p.base);
      expect(r.ok ? 'handled' : r.error.code).not.toMatch(/^(INVALID_INPUT|INTERNAL)$/);
    });

    it('bounds every string field below 100 KB', () => {
      expect(p.unbounded.map((f) => `${p.fn}.${p.action}: ${f} has no maxLength below ${HUGE}`)).toEqual([]);
    });

    const cases = p.variants.map((v) => [v.name, v] as const);
    if (cases.length) {
      it.each(cases)('refuses %s', async (_variant, v) => {
        const before = rt.writes();
        const r = await rt.as('demo-staff')(p.fn, p.action, v.data);
        expect(r).toEqual({
          ok: false,
          error: {
            code: 'INVALID_INPUT',
            message: expect.any(String),
            ...(v.field === null ? {} : { field: v.field }),
          },
        });
        if (!r.ok && v.field === null) expect(r.error.field).toBeUndefined();
        expect(rt.writes()).toBe(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(prototypeNames()).toEqual(pristine);
      });
    }
  });
});
