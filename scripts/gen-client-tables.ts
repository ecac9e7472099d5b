/**
 * Generates the mini program's copies of the server tables it shows or checks against, since the
 * mini program cannot import server code at runtime:
 *   - miniprogram/utils/generated/errors.ts: each error code's Chinese text (ERROR_TEXTS, next to the
 *     codes in typings/contract/errors.ts, as the server's kernel/errors.ts exports them);
 *   - miniprogram/utils/generated/limits.ts: every limit in typings/contract/limits.ts, the one the
 *     server enforces;
 *   - miniprogram/admin/utils/generated/permissions.ts: the permission table and the staff roles of
 *     cloudfunctions/core/kernel/permissions.ts;
 *   - miniprogram/admin/utils/generated/couriers.ts: the carriers of typings/contract/orders.ts;
 *   - miniprogram/admin/utils/generated/order-labels.ts: the order states' and sources' names there.
 * Values come from importing the server's modules; doc comments are carried over from their source.
 *
 * `npm run gen:client-tables` writes the files; tests/scripts/client-tables.test.ts fails when one
 * is out of date.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ERROR_TEXTS } from '../cloudfunctions/core/kernel/errors';
import { PERMISSIONS, STAFF_ROLES } from '../cloudfunctions/core/kernel/permissions';
import * as LIMITS from '../typings/contract/limits';
import { COURIERS, ORDER_SOURCE_TEXT, ORDER_STATUS_TEXT } from '../typings/contract/orders';

const ROOT = path.resolve(__dirname, '..');
export const ERRORS_SOURCE = path.join(ROOT, 'typings/contract/errors.ts');
export const LIMITS_SOURCE = path.join(ROOT, 'typings/contract/limits.ts');
export const PERMISSIONS_SOURCE = path.join(ROOT, 'cloudfunctions/core/kernel/permissions.ts');
export const COURIERS_SOURCE = path.join(ROOT, 'typings/contract/orders.ts');

export interface GeneratedFile {
  /** absolute path of the generated file */
  file: string;
  /** the file's content as the server's sources give it now */
  render: () => string;
}

const rel = (file: string) => path.relative(ROOT, file);

function header(sources: string[]): string[] {
  return [
    `// Generated from ${sources.map(rel).join(' and ')} by scripts/gen-client-tables.ts.`,
    '// Do not edit: change the server\'s source, then run `npm run gen:client-tables`.',
    '',
  ];
}

/** A string literal in single quotes, or JSON's double quotes when the text needs escaping. */
export function literal(text: string): string {
  return /^[^'\\\n\r]*$/.test(text) ? `'${text}'` : JSON.stringify(text);
}

/** A property key: bare when it is an identifier, else quoted. */
const key = (name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : literal(name));

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

/** The text of the `/** … *\/` comment right before `node`, without its delimiters; null when there is none. */
export function docOf(source: ts.SourceFile, node: ts.Node): string | null {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  const doc = ranges.filter((r) => source.text.startsWith('/**', r.pos)).pop();
  if (!doc) return null;
  const body = source.text.slice(doc.pos + 3, doc.end - 2);
  const lines = body.split('\n').map((l, i) => (i === 0 ? l.trim() : l.replace(/^\s*\* ?/, '').trimEnd()));
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  return lines.join('\n').trim() ? lines.join('\n') : null;
}

/** A doc comment at `indent`: one line when the text is, else a block. */
export function renderDoc(text: string | null, indent = ''): string[] {
  if (text === null) return [];
  const lines = text.split('\n');
  if (lines.length === 1) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`), `${indent} */`];
}

/** The names of a file's `export const` declarations, in source order, with their doc comments. */
export function exportedConsts(source: ts.SourceFile): Array<{ name: string; doc: string | null }> {
  const out: Array<{ name: string; doc: string | null }> = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const d of statement.declarationList.declarations) {
      if (ts.isIdentifier(d.name)) out.push({ name: d.name.text, doc: docOf(source, statement) });
    }
  }
  return out;
}

/** The doc comment of each property of the object literal `const <name> = { … }` (through `as`/`satisfies`). */
export function propertyDocs(source: ts.SourceFile, name: string): Map<string, string | null> {
  const docs = new Map<string, string | null>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name && node.initializer) {
      let init: ts.Expression = node.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
      if (!ts.isObjectLiteralExpression(init)) throw new Error(`${source.fileName}: ${name} is not an object literal`);
      for (const p of init.properties) {
        if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) docs.set(p.name.text, docOf(source, p));
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!docs.size) throw new Error(`${source.fileName}: no object literal ${name}`);
  return docs;
}

/** miniprogram/utils/generated/errors.ts: ERROR_TEXTS, keyed by the contract's error codes. */
export function renderErrors(): string {
  const entries = Object.entries(ERROR_TEXTS).map(([code, text]) => `  ${code}: ${literal(text)},`);
  return [
    ...header([ERRORS_SOURCE]),
    "import type { ErrorCode } from '../../../typings/contract/errors';",
    '',
    '/** The Chinese text shown for each error code the server may return. */',
    'export const ERROR_TEXTS: Record<ErrorCode, string> = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}

/** miniprogram/utils/generated/limits.ts: every limit, with its doc comment. */
export function renderLimits(): string {
  const values = LIMITS as Record<string, unknown>;
  const declared = exportedConsts(parse(LIMITS_SOURCE));
  const lines = declared.flatMap(({ name, doc }) => {
    const value = values[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${rel(LIMITS_SOURCE)}: ${name} is not a number`);
    return [...renderDoc(doc), `export const ${name} = ${value};`, ''];
  });
  const missing = Object.keys(values).filter((n) => !declared.some((d) => d.name === n));
  if (missing.length) throw new Error(`${rel(LIMITS_SOURCE)}: not declared as export const: ${missing.join(', ')}`);
  return [...header([LIMITS_SOURCE]), ...lines].join('\n');
}

/** miniprogram/admin/utils/generated/couriers.ts: the carriers admin.shipOrder takes. */
export function renderCouriers(): string {
  return [
    ...header([COURIERS_SOURCE]),
    '/** The carriers staff ship with, by their id in WeChat\'s delivery list (what admin.shipOrder takes, by code or name). */',
    'export const COURIERS: ReadonlyArray<{ code: string; name: string }> = [',
    ...COURIERS.map((c) => `  { code: ${literal(c.code)}, name: ${literal(c.name)} },`),
    '];',
    '',
  ].join('\n');
}

/** miniprogram/admin/utils/generated/order-labels.ts: the names staff read for order states and sources. */
export function renderOrderLabels(): string {
  const table = (value: Record<string, string>) => Object.entries(value).map(([k, v]) => `  ${key(k)}: ${literal(v)},`);
  return [
    ...header([COURIERS_SOURCE]),
    "import type { OrderStatus } from '../../../../typings/contract/index';",
    '',
    '/** What staff read for each order state (the admin screens and the order export). */',
    'export const ORDER_STATUS_TEXT: Record<OrderStatus, string> = {',
    ...table(ORDER_STATUS_TEXT),
    '};',
    '',
    '/** What staff read for where an order came from. */',
    'export const SOURCE_TEXT: Record<string, string> = {',
    ...table(ORDER_SOURCE_TEXT),
    '};',
    '',
  ].join('\n');
}

/** miniprogram/admin/utils/generated/permissions.ts: the permission table and the staff roles. */
export function renderPermissions(): string {
  const docs = propertyDocs(parse(PERMISSIONS_SOURCE), 'PERMISSIONS');
  const roles = (list: readonly string[]) => `[${list.map(literal).join(', ')}]`;
  const entries = Object.entries(PERMISSIONS).flatMap(([permission, allowed]) => [
    ...renderDoc(docs.get(permission) ?? null, '  '),
    `  ${key(permission)}: ${roles(allowed)},`,
  ]);
  return [
    ...header([PERMISSIONS_SOURCE]),
    "import type { StaffRole } from '../../../../typings/contract/index';",
    '',
    '/** Which staff roles may use each permission. */',
    'export const PERMISSIONS = {',
    ...entries,
    '} as const satisfies Record<string, readonly StaffRole[]>;',
    '',
    'export type Permission = keyof typeof PERMISSIONS;',
    '',
    `export const STAFF_ROLES: readonly StaffRole[] = ${roles(STAFF_ROLES)};`,
    '',
  ].join('\n');
}

export const GENERATED: GeneratedFile[] = [
  { file: path.join(ROOT, 'miniprogram/utils/generated/errors.ts'), render: renderErrors },
  { file: path.join(ROOT, 'miniprogram/utils/generated/limits.ts'), render: renderLimits },
  { file: path.join(ROOT, 'miniprogram/admin/utils/generated/permissions.ts'), render: renderPermissions },
  { file: path.join(ROOT, 'miniprogram/admin/utils/generated/couriers.ts'), render: renderCouriers },
  { file: path.join(ROOT, 'miniprogram/admin/utils/generated/order-labels.ts'), render: renderOrderLabels },
];

if (require.main === module) {
  for (const { file, render } of GENERATED) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, render());
    console.log(`wrote ${rel(file)}`);
  }
}
