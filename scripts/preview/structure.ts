/**
 * The preview runtime's structure (scripts/preview/runtime/), read from its source:
 * - it imports nothing outside itself but packages: no app code (miniprogram/, cloudfunctions/,
 *   typings/contract), and of a package only what the package exports (no `pkg/src/...`);
 * - it names nothing of the app: no page path of app.json, no function's action, no demo identity
 *   or seeded id (appVocabulary derives the words from the app itself);
 * - its files import one way: no import cycle among them, type-only imports included.
 * tests/preview/structure.test.ts fails on any violation; `npx tsx scripts/preview/structure.ts`
 * prints them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { createLocalRuntime } from '../../cloudfunctions/core/entry/local';
import { FUNCTIONS } from '../../cloudfunctions/core/functions';
import { DEFAULT_DEV_OPENID, DEV_IDENTITIES } from '../../miniprogram/services/identity';
import { SEED_PRODUCTS } from '../seed/catalog-data';
import { DEMO_SHOPPER, DEMO_STAFF, TONIGHT_LIVE, seedDemoShop } from '../seed/seed';
import { APP_PREVIEW } from './app-config';
import { collectApp } from './collect';

const REPO = path.resolve(__dirname, '../..');

export const RUNTIME_DIR = path.join(__dirname, 'runtime');

/** Where app code lives, relative to the repository root. */
export const APP_DIRS = ['miniprogram', 'cloudfunctions', 'typings/contract'];

export type Rule = 'app-code' | 'outside' | 'internal' | 'app-word' | 'cycle';

export interface StructureViolation {
  rule: Rule;
  /** the runtime file, relative to the runtime folder */
  file: string;
  line: number;
  message: string;
}

/** A word of the app the runtime must not contain, and where it comes from. */
export interface AppWord {
  text: string;
  from: string;
}

export interface Vocabulary {
  /** found anywhere in a file, comments included (an ASCII word only as a whole word) */
  words: AppWord[];
  /** found as a whole string literal: names too common to look for inside text (an action "prepay", a function "mall") */
  literals: AppWord[];
}

export interface StructureOptions {
  /** the runtime folder */
  runtimeDir?: string;
  /** the repository root: app folders and node_modules are found from it */
  root?: string;
  vocabulary: Vocabulary;
}

/** Names WeChat itself uses (here a built-in component) that an action of the app happens to share. */
const PLATFORM_NAMES = new Set(['progress']);

const toPosix = (p: string) => p.split(path.sep).join('/');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

interface ModuleReference {
  specifier: string;
  line: number;
  /** `declare module '…'` rather than an import */
  declared: boolean;
}

/** Every module a file names: imports, re-exports, require(), import(), and `declare module`. */
function referencesOf(sf: ts.SourceFile): ModuleReference[] {
  const refs: ModuleReference[] = [];
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      refs.push({ specifier: n.moduleSpecifier.text, line: lineOf(n), declared: false });
    } else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteral(n.moduleReference.expression)) {
      refs.push({ specifier: n.moduleReference.expression.text, line: lineOf(n), declared: false });
    } else if (ts.isCallExpression(n) && n.arguments.length === 1 && ts.isStringLiteral(n.arguments[0])) {
      const callee = n.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        refs.push({ specifier: n.arguments[0].text, line: lineOf(n), declared: false });
      }
    } else if (ts.isModuleDeclaration(n) && ts.isStringLiteral(n.name)) {
      refs.push({ specifier: n.name.text, line: lineOf(n), declared: true });
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
      refs.push({ specifier: n.argument.literal.text, line: lineOf(n), declared: false });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return refs;
}

/** The .ts file a relative specifier names, or the path it names when it is not a .ts module (a stylesheet). */
function resolveRelative(fromFile: string, specifier: string): string {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  return base;
}

/** `pkg` and `sub/path` of a bare specifier (`@scope/pkg/sub/path` too). */
function splitPackage(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const n = specifier.startsWith('@') ? 2 : 1;
  return { name: parts.slice(0, n).join('/'), subpath: parts.slice(n).join('/') };
}

/** Whether the package's `exports` map offers `./subpath` (exactly or through a `*` pattern). */
function packageExports(root: string, name: string, subpath: string): boolean {
  const file = path.join(root, 'node_modules', name, 'package.json');
  if (!fs.existsSync(file)) return false;
  const { exports } = JSON.parse(fs.readFileSync(file, 'utf8')) as { exports?: unknown };
  if (!exports || typeof exports !== 'object' || Array.isArray(exports)) return false;
  const wanted = `./${subpath}`;
  return Object.keys(exports).some((key) => {
    if (key === wanted) return true;
    const star = key.indexOf('*');
    return star >= 0 && wanted.startsWith(key.slice(0, star)) && wanted.endsWith(key.slice(star + 1)) && wanted.length >= key.length - 1;
  });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher for `word` in source text; an ASCII word must not continue a longer identifier or path. */
function wordPattern(word: string): RegExp {
  const edge = /^[\x20-\x7e]+$/.test(word) ? ['(?<![A-Za-z0-9_])', '(?![A-Za-z0-9_])'] : ['', ''];
  return new RegExp(`${edge[0]}${escapeRegExp(word)}${edge[1]}`, 'g');
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function appWordsIn(file: string, sf: ts.SourceFile, vocabulary: Vocabulary): StructureViolation[] {
  const found: StructureViolation[] = [];
  // a regular expression's escaped slashes ("\/api\/x") read as the path they match
  const text = sf.text.replace(/\\\//g, '/');
  for (const word of vocabulary.words) {
    const lines = new Set<number>();
    for (const m of text.matchAll(wordPattern(word.text))) lines.add(lineAt(text, m.index ?? 0));
    for (const line of lines) found.push({ rule: 'app-word', file, line, message: `${file}:${line} names "${word.text}" (${word.from})` });
  }
  const literals = new Map(vocabulary.literals.filter((w) => !PLATFORM_NAMES.has(w.text)).map((w) => [w.text, w]));
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      const word = literals.get(n.text);
      const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
      if (word) found.push({ rule: 'app-word', file, line, message: `${file}:${line} has the string '${word.text}' (${word.from})` });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

interface Edge {
  from: string;
  to: string;
  line: number;
}

/** One cycle through each strongly connected group of files, as "a → b → a". */
function cyclesOf(files: string[], edges: Edge[]): Edge[][] {
  const out = new Map<string, Edge[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const state = new Map<string, 'open' | 'done'>();
  const path: Edge[] = [];
  const cycles: Edge[][] = [];
  const seen = new Set<string>();
  const visit = (file: string): void => {
    state.set(file, 'open');
    for (const e of out.get(file) ?? []) {
      if (state.get(e.to) === 'open') {
        const start = path.findIndex((p) => p.from === e.to);
        const cycle = [...path.slice(start < 0 ? path.length : start), e];
        const key = [...new Set(cycle.map((c) => c.from))].sort().join('|');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(e.to)) {
        path.push(e);
        visit(e.to);
        path.pop();
      }
    }
    state.set(file, 'done');
  };
  for (const f of [...files].sort()) if (!state.has(f)) visit(f);
  return cycles;
}

/** Every violation of the runtime's structure rules, each naming its file and line. */
export function analyseRuntime(options: StructureOptions): StructureViolation[] {
  const runtimeDir = path.resolve(options.runtimeDir ?? RUNTIME_DIR);
  const root = path.resolve(options.root ?? REPO);
  const appDirs = APP_DIRS.map((d) => path.join(root, d));
  const rel = (f: string) => toPosix(path.relative(runtimeDir, f));
  const violations: StructureViolation[] = [];
  const edges: Edge[] = [];
  const files = sourceFiles(runtimeDir);

  for (const abs of files) {
    const file = rel(abs);
    const sf = ts.createSourceFile(abs, fs.readFileSync(abs, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const ref of referencesOf(sf)) {
      const at = `${file}:${ref.line}`;
      if (ref.specifier.startsWith('.')) {
        if (ref.declared) continue;
        const target = resolveRelative(abs, ref.specifier);
        const inside = target.startsWith(runtimeDir + path.sep);
        const shown = toPosix(path.relative(root, target));
        if (inside) {
          if (target.endsWith('.ts')) edges.push({ from: file, to: rel(target), line: ref.line });
        } else if (appDirs.some((d) => target === d || target.startsWith(d + path.sep))) {
          violations.push({ rule: 'app-code', file, line: ref.line, message: `${at} imports app code: ${shown}` });
        } else {
          violations.push({ rule: 'outside', file, line: ref.line, message: `${at} imports ${shown}, outside the runtime` });
        }
        continue;
      }
      if (ref.specifier.startsWith('*')) continue;
      const { name, subpath } = splitPackage(ref.specifier.replace(/^node:/, ''));
      if (subpath && !packageExports(root, name, subpath)) {
        violations.push({ rule: 'internal', file, line: ref.line, message: `${at} ${ref.declared ? 'declares' : 'imports'} ${ref.specifier}: ${name} does not export "./${subpath}" (an internal path)` });
      }
    }
    violations.push(...appWordsIn(file, sf, options.vocabulary));
  }

  for (const cycle of cyclesOf(files.map(rel), edges)) {
    const first = cycle[0];
    violations.push({ rule: 'cycle', file: first.from, line: first.line, message: `import cycle: ${[...cycle.map((e) => e.from), cycle[cycle.length - 1].to].join(' → ')}` });
  }
  return violations;
}

/** Nicknames the seeded demo shop gives `ids` (its users collection, seeded into a scratch database). */
async function seededNicknames(ids: string[]): Promise<AppWord[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-structure-'));
  const runtime = createLocalRuntime({ dbPath: path.join(dir, 'seed.db'), log: () => undefined });
  try {
    await seedDemoShop(runtime.ports);
    const users = await Promise.all(ids.map((id) => runtime.db.collection('users').get(id)));
    return users.flatMap((u) => (u?.nickname ? [{ text: u.nickname, from: `the seeded nickname of ${u._id}` }] : []));
  } finally {
    await runtime.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The app's own words, from the app: every page path in app.json; every action as `fn.action`, every
 * function's endpoint `/api/fn`, and action and function names as string literals; the local
 * server's endpoints, identity header and storage key the preview configuration names; the
 * development identities (the mini program's, the preview configuration's, the seed's) with their
 * labels, notes and seeded nicknames; the seeded live and product ids; and "demo", the seed's word
 * for all of it.
 */
export async function appVocabulary(root = REPO): Promise<Vocabulary> {
  const words: AppWord[] = [];
  const literals: AppWord[] = [];
  for (const page of collectApp(path.join(root, 'miniprogram')).pages) words.push({ text: page, from: 'a page in miniprogram/app.json' });
  for (const [fn, def] of Object.entries(FUNCTIONS)) {
    words.push({ text: `/api/${fn}`, from: `the endpoint of function ${fn}` });
    literals.push({ text: fn, from: 'a function of the app' });
    for (const action of Object.keys(def.actions)) {
      words.push({ text: `${fn}.${action}`, from: 'an action of the app' });
      literals.push({ text: action, from: `an action of function ${fn}` });
    }
  }
  const local = [APP_PREVIEW.paymentConfirmUrl, APP_PREVIEW.functionUrl?.split('{')[0], APP_PREVIEW.identity?.header, APP_PREVIEW.identity?.storageKey];
  for (const text of local) if (text) words.push({ text, from: "the app's local server, as scripts/preview/app-config.ts names it" });
  const offered = APP_PREVIEW.identity?.options ?? [];
  const ids = [...new Set([DEFAULT_DEV_OPENID, DEMO_SHOPPER, DEMO_STAFF, ...DEV_IDENTITIES.map((d) => d.openid), ...offered.map((o) => o.id)])];
  for (const id of ids) words.push({ text: id, from: 'a demo identity' });
  for (const d of DEV_IDENTITIES) words.push({ text: d.label, from: `the label of ${d.openid} in miniprogram/services/identity.ts` });
  for (const o of offered) {
    words.push({ text: o.label, from: `the label of ${o.id} in scripts/preview/app-config.ts` });
    if (o.note) words.push({ text: o.note, from: `the note on ${o.id} in scripts/preview/app-config.ts` });
  }
  words.push(...(await seededNicknames(ids)));
  words.push({ text: TONIGHT_LIVE, from: 'the seeded live' });
  for (const p of SEED_PRODUCTS) words.push({ text: p.id, from: 'a seeded product' });
  words.push({ text: 'demo', from: "the seed's demo shop" });
  return { words, literals };
}

if (require.main === module) {
  appVocabulary()
    .then((vocabulary) => {
      const violations = analyseRuntime({ vocabulary });
      for (const v of violations) console.log(`${v.rule} ${v.message}`);
      console.log(violations.length ? `${violations.length} violations` : 'the preview runtime keeps every structure rule');
      process.exit(violations.length ? 1 : 0);
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
