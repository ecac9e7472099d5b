import type { Condition, FindOptions, Operators, Query, Scalar } from '../../ports/db';

/** Query → SQL over documents stored as JSON text in column `doc`. */

/** dotted field names; a numeric segment is an array index (`lines.0.skuId`) */
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.([A-Za-z_][A-Za-z0-9_]*|\d+))*$/;

export function fieldExpr(path: string): string {
  if (path === '_id') return '_id';
  if (!PATH.test(path)) throw new Error(`invalid field path: ${path}`);
  const json = path.split('.').map((seg, i) => (i > 0 && /^\d+$/.test(seg) ? `[${seg}]` : i > 0 ? `.${seg}` : seg)).join('');
  return `json_extract(doc, '$.${json}')`;
}

type Param = string | number | null;
const bind = (v: Scalar): Param => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

const isOperators = (c: Condition): c is Operators => c !== null && typeof c === 'object';

/** JSON stores true/false apart from 1/0; json_extract does not, json_type does. */
const typeOf = (expr: string) => expr.replace(/^json_extract\(/, 'json_type(');
const isJson = (expr: string) => expr.startsWith('json_extract(');

/** Equality as MongoDB has it: a boolean equals only a boolean, a number only a number. */
function equals(expr: string, value: Exclude<Scalar, null>, params: Param[]): string {
  if (typeof value === 'boolean') return isJson(expr) ? `${typeOf(expr)} = '${value ? 'true' : 'false'}'` : `${expr} = ${value ? 1 : 0}`;
  params.push(value);
  if (typeof value === 'number' && isJson(expr)) return `(${expr} = ? AND ${typeOf(expr)} IN ('integer', 'real'))`;
  return `${expr} = ?`;
}

function compileCondition(expr: string, cond: Condition, params: Param[]): string {
  if (!isOperators(cond)) {
    if (cond === null) return `${expr} IS NULL`;
    return equals(expr, cond, params);
  }
  const parts: string[] = [];
  for (const [op, value] of Object.entries(cond)) {
    if (value === undefined) continue;
    switch (op) {
      case '$eq':
        parts.push(compileCondition(expr, value as Scalar, params));
        break;
      case '$ne':
        if (value === null) parts.push(`${expr} IS NOT NULL`);
        else parts.push(`NOT COALESCE(${equals(expr, value as Exclude<Scalar, null>, params)}, 0)`);
        break;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte': {
        const sym = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op];
        params.push(bind(value as Scalar));
        parts.push(`${expr} ${sym} ?`);
        break;
      }
      case '$in':
      case '$nin': {
        const list = value as Scalar[];
        const nonNull = list.filter((v) => v !== null);
        const hasNull = nonNull.length !== list.length;
        const inList = nonNull.length ? `${expr} IN (${nonNull.map(() => '?').join(',')})` : '0';
        params.push(...nonNull.map(bind));
        const positive = hasNull ? `(${inList} OR ${expr} IS NULL)` : inList;
        parts.push(op === '$in' ? positive : `NOT ${positive === '0' ? '0' : `COALESCE(${positive}, 0)`}`);
        break;
      }
      case '$contains':
        params.push(String(value).toLowerCase());
        parts.push(`instr(fold_case(${expr}), ?) > 0`);
        break;
      default:
        throw new Error(`unsupported operator ${op}`);
    }
  }
  return parts.length ? parts.join(' AND ') : '1';
}

export function compileQuery(query: Query, params: Param[] = []): { sql: string; params: Param[] } {
  const parts: string[] = [];
  for (const [key, cond] of Object.entries(query)) {
    if (cond === undefined) continue;
    if (key === '$and') {
      for (const sub of cond as Query[]) parts.push(`(${compileQuery(sub, params).sql})`);
      continue;
    }
    parts.push(`(${compileCondition(fieldExpr(key), cond as Condition, params)})`);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

export function compileOptions(options: FindOptions | undefined): string {
  const order = (options?.sort ?? []).map(([f, d]) => `${fieldExpr(f)} ${d === 'desc' ? 'DESC' : 'ASC'}`);
  order.push('_id ASC');
  let sql = ` ORDER BY ${order.join(', ')}`;
  const { limit, skip } = options ?? {};
  if (limit !== undefined || skip) {
    sql += ` LIMIT ${limit === undefined ? -1 : Math.max(0, Math.floor(limit))}`;
    if (skip) sql += ` OFFSET ${Math.max(0, Math.floor(skip))}`;
  }
  return sql;
}
