import * as path from 'node:path';
import ts from 'typescript';
import { COLLECTIONS, type Owner } from '../cloudfunctions/core/schema/collections';

/**
 * The core's import and data boundaries, read from the TypeScript program (docs/ARCHITECTURE.md,
 * "Layers"). `npm test` fails on any violation this finds; `npx tsx scripts/boundaries.ts` prints them.
 */

export const CORE = 'cloudfunctions/core';

/** Module layers: a module may import only modules of a lower layer, and only their index.ts. */
export const LAYERS: Record<string, number> = {
  catalog: 0,
  messaging: 0,
  wecom: 0,
  live: 1,
  staff: 1,
  orders: 2,
  coupons: 2,
  payments: 2,
  points: 3,
  tags: 3,
  referral: 4,
  raffle: 4,
  recommend: 4,
  metrics: 4,
  postlive: 4,
  sop: 4,
  reviews: 0,
};

/** The core's top folders and which of them each may import (modules are checked by LAYERS). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  schema: ['schema'],
  ports: ['ports', 'schema'],
  kernel: ['kernel', 'ports', 'schema'],
  modules: ['kernel', 'ports', 'schema', 'modules'],
  flows: ['kernel', 'ports', 'schema', 'modules', 'flows'],
  functions: ['kernel', 'ports', 'schema', 'modules', 'flows', 'functions'],
  adapters: ['adapters', 'ports', 'schema', 'kernel'],
  entry: ['entry', 'adapters', 'ports', 'schema', 'kernel', 'modules', 'flows', 'functions'],
};

export interface Violation {
  rule: 'layer' | 'internals' | 'collection' | 'cycle';
  file: string;
  line: number;
  message: string;
}

export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
  line: number;
}

/** `modules/orders` for a file under a module, else the core folder (`flows`, `kernel`, …). */
export function folderOf(rel: string): string {
  const parts = rel.split('/');
  return parts[0] === 'modules' ? `modules/${parts[1]}` : parts[0];
}

const topOf = (folder: string) => folder.split('/')[0];
const moduleOf = (folder: string) => (folder.startsWith('modules/') ? folder.slice('modules/'.length) : null);

function owners(): Map<string, Owner> {
  return new Map(COLLECTIONS.map((c) => [c.name as string, c.owner]));
}

/** Reads every .ts file of the core (rooted at `root`) into one program. */
export function loadProgram(root: string, files?: string[]): ts.Program {
  const dir = path.join(root, CORE);
  const names = files ?? ts.sys.readDirectory(dir, ['.ts']).filter((f) => !f.endsWith('.d.ts'));
  const config = ts.readConfigFile(path.join(root, 'tsconfig.node.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config ?? {}, ts.sys, root);
  return ts.createProgram(names, { ...parsed.options, noEmit: true });
}

function resolve(fromFile: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const c of [`${base}.ts`, path.join(base, 'index.ts'), base]) if (ts.sys.fileExists(c) && c.endsWith('.ts')) return c;
  return null;
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly || (!!node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.every((e) => e.isTypeOnly));
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const b = clause.namedBindings;
  return !!b && ts.isNamedImports(b) && b.elements.length > 0 && b.elements.every((e) => e.isTypeOnly);
}

/** Whether `t` is the collection-name union (or a type parameter bounded by it). */
function isCollectionNameType(t: ts.Type | undefined, names: Set<string>): boolean {
  if (!t) return false;
  if (t.flags & ts.TypeFlags.TypeParameter) return isCollectionNameType(t.getConstraint(), names);
  if (!t.isUnion()) return false;
  const lits = t.types.filter((m) => m.isStringLiteral()).map((m) => (m as ts.StringLiteralType).value);
  return lits.length === names.size && lits.every((v) => names.has(v));
}

/** Methods of a collection handle (or a transaction) that write. */
const WRITE_METHODS = new Set(['insert', 'update', 'remove']);

export function analyse(root: string, program = loadProgram(root)): { violations: Violation[]; edges: ImportEdge[] } {
  const coreDir = path.join(root, CORE);
  const checker = program.getTypeChecker();
  const owner = owners();
  const names = new Set(owner.keys());
  const violations: Violation[] = [];
  const edges: ImportEdge[] = [];
  const rel = (f: string) => path.relative(coreDir, f).split(path.sep).join('/');

  for (const sf of program.getSourceFiles()) {
    const file = path.resolve(sf.fileName);
    if (!file.startsWith(coreDir + path.sep) || file.endsWith('.d.ts')) continue;
    const from = rel(file);
    const fromFolder = folderOf(from);
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;

    for (const st of sf.statements) {
      if (!(ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) || !st.moduleSpecifier || !ts.isStringLiteral(st.moduleSpecifier)) continue;
      const target = resolve(file, st.moduleSpecifier.text);
      if (!target || !target.startsWith(coreDir + path.sep)) continue;
      const to = rel(target);
      const toFolder = folderOf(to);
      const line = lineOf(st);
      edges.push({ from, to, typeOnly: isTypeOnly(st), line });
      if (toFolder === fromFolder) continue;
      const allowed = MAY_IMPORT[topOf(fromFolder)] ?? [];
      if (!allowed.includes(topOf(toFolder))) {
        violations.push({ rule: 'layer', file: from, line, message: `${from} imports ${to}: ${topOf(fromFolder)} may not import ${topOf(toFolder)}` });
        continue;
      }
      const toModule = moduleOf(toFolder);
      if (!toModule) continue;
      if (to !== `${toFolder}/index.ts`) {
        violations.push({ rule: 'internals', file: from, line, message: `${from} imports ${to}: outside ${toFolder}, import its index.ts` });
      }
      const fromModule = moduleOf(fromFolder);
      if (fromModule && !((LAYERS[toModule] ?? 99) < (LAYERS[fromModule] ?? -1))) {
        violations.push({ rule: 'layer', file: from, line, message: `${from} imports ${to}: module ${fromModule} (layer ${LAYERS[fromModule]}) may import only lower layers, ${toModule} is layer ${LAYERS[toModule]}` });
      }
    }

    // Collections by name: only their owner module (or the kernel, for its own) names them.
    const top = topOf(fromFolder);
    if (top === 'adapters' || top === 'entry' || top === 'schema' || top === 'ports') continue;
    // A generic parameter (`collection<N extends CollectionName>(name: N)`) is contextually typed by the
    // inferred literal, so look at the declared parameter of the resolved signature instead.
    const isCollectionParam = (n: ts.StringLiteral): boolean => {
      const call = n.parent;
      if (!ts.isCallExpression(call)) return false;
      const i = call.arguments.indexOf(n);
      const decl = checker.getResolvedSignature(call)?.getDeclaration();
      const param = decl && i >= 0 ? decl.parameters[i] : undefined;
      return !!param && isCollectionNameType(checker.getTypeAtLocation(param), names);
    };
    // Whether a collection name reaching `e` is used to write: directly by a transaction method, through
    // a `collection(name)` handle, or by a function of ours it is passed to (followed through its parameter).
    const refsOf = (name: ts.Identifier, within: ts.Node): ts.Identifier[] => {
      const sym = checker.getSymbolAtLocation(name);
      const refs: ts.Identifier[] = [];
      const find = (x: ts.Node): void => {
        if (ts.isIdentifier(x) && x !== name && checker.getSymbolAtLocation(x) === sym) refs.push(x);
        ts.forEachChild(x, find);
      };
      find(within);
      return refs;
    };
    // Whether a collection handle (or a function returning one) is used to write.
    const writes = (e: ts.Expression, depth = 0): boolean => {
      if (depth > 4) return true;
      const p = e.parent;
      if (ts.isParenthesizedExpression(p) || ts.isAwaitExpression(p) || ts.isAsExpression(p)) return writes(p, depth);
      if (ts.isPropertyAccessExpression(p) && p.expression === e) return WRITE_METHODS.has(p.name.text);
      const named = (decl: ts.Node): boolean => {
        if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return true;
        return refsOf(decl.name, sf).some((r) => (ts.isCallExpression(r.parent) && r.parent.expression === r ? writes(r.parent, depth + 1) : writes(r, depth + 1)));
      };
      if (ts.isVariableDeclaration(p) && p.initializer === e) return named(p);
      if (ts.isArrowFunction(p) && p.body === e && ts.isVariableDeclaration(p.parent)) return named(p.parent);
      // passed on, returned or stored: assume it is written through
      return true;
    };
    const isWrite = (e: ts.Expression, depth = 0): boolean => {
      const call = e.parent;
      if (depth > 4 || !ts.isCallExpression(call)) return true;
      const i = call.arguments.indexOf(e);
      if (i < 0) return true;
      if (ts.isPropertyAccessExpression(call.expression)) {
        const method = call.expression.name.text;
        if (method === 'collection') return writes(call);
        if (['get', 'find', 'findOne', 'count'].includes(method)) return false;
        if (WRITE_METHODS.has(method) || method === 'set') return true;
      }
      const decl = checker.getResolvedSignature(call)?.getDeclaration();
      const param = decl && decl.parameters[i];
      if (!decl || !('body' in decl) || !decl.body || !param || !ts.isIdentifier(param.name)) return true;
      return refsOf(param.name, decl.body).some((r) => isWrite(r, depth + 1));
    };
    const visit = (n: ts.Node): void => {
      if (ts.isStringLiteral(n) && names.has(n.text) && (isCollectionNameType(checker.getContextualType(n), names) || isCollectionParam(n))) {
        const own = owner.get(n.text)!;
        const mine = moduleOf(fromFolder) ?? (top === 'kernel' ? 'kernel' : null);
        if (own !== mine && isWrite(n)) {
          violations.push({
            rule: 'collection',
            file: from,
            line: lineOf(n),
            message: `${from} writes collection '${n.text}', owned by ${own === 'kernel' ? 'the kernel' : `module ${own}`}: call its index.ts`,
          });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }

  // Runtime import cycles between folders.
  const graph = new Map<string, Map<string, ImportEdge>>();
  for (const e of edges) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (e.typeOnly || a === b) continue;
    if (!graph.has(a)) graph.set(a, new Map());
    if (!graph.get(a)!.has(b)) graph.get(a)!.set(b, e);
  }
  for (const scc of stronglyConnected(graph)) {
    if (scc.length < 2) continue;
    const set = new Set(scc);
    const inside = scc.flatMap((a) => [...(graph.get(a) ?? new Map<string, ImportEdge>()).entries()].filter(([b]) => set.has(b)).map(([, e]) => e));
    const first = inside[0];
    violations.push({
      rule: 'cycle',
      file: first.from,
      line: first.line,
      message: `runtime import cycle between ${scc.sort().join(', ')}: ${inside.map((e) => `${e.from} → ${e.to}`).join('; ')}`,
    });
  }
  return { violations, edges };
}

function stronglyConnected(graph: Map<string, Map<string, unknown>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  let i = 0;
  const nodes = new Set([...graph.keys(), ...[...graph.values()].flatMap((m) => [...m.keys()])]);
  const strong = (v: string) => {
    index.set(v, i);
    low.set(v, i++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      out.push(scc);
    }
  };
  for (const v of nodes) if (!index.has(v)) strong(v);
  return out;
}

if (require.main === module) {
  const { violations } = analyse(process.cwd());
  for (const v of violations) console.log(`${v.rule}\t${CORE}/${v.file}:${v.line}\t${v.message}`);
  console.log(`${violations.length} violation(s)`);
  process.exitCode = violations.length ? 1 : 0;
}
