import { z } from 'zod';
import { FUNCTIONS } from '../../cloudfunctions/core/functions';
import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { HUGE, repair, resolve, sample, sampleNumber, setAt, update, wrongValue, type Json, type Path, type Schema } from '../helpers/schema-samples';

/**
 * Generated from every registered action's input schema (via its JSON Schema), so actions added
 * later are covered without touching this file: a schema-valid base sample, then malformed
 * variants of it, each of which must be refused as INVALID_INPUT with nothing written.
 */

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
