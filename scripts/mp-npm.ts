/**
 * Builds miniprogram/miniprogram_npm the way DevTools "Build npm" lays it out, shipping only what
 * the mini program uses: every usingComponents entry that names an npm package
 * ("van-stepper": "@vant/weapp/stepper/index") is copied from the package's `miniprogram` build
 * folder (for @vant/weapp, lib/: CommonJS that DevTools and miniprogram-simulate both run) to
 * miniprogram_npm/<package>/, with the files it needs: the components it uses, the modules its
 * scripts require, its WXS modules, its WXSS imports. Type declarations are left out.
 *
 * Runs from `postinstall`; run it again (`npm run mp:npm`) after using another npm component.
 * project.config.json sets packNpmManually with no relation list so DevTools' own "Build npm"
 * never repacks the root package.json (which lists the server's packages).
 */
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const MINIPROGRAM_ROOT = path.join(ROOT, 'miniprogram');
export const NPM_DIR = 'miniprogram_npm';

const COMPONENT_PARTS = ['.js', '.json', '.wxml', '.wxss'];
const SKIP_DIRS = new Set(['node_modules', NPM_DIR]);

const toPosix = (p: string) => p.split(path.sep).join('/');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

const isRelative = (target: string) => target.startsWith('./') || target.startsWith('../');

/** The package part of an npm component path: "@vant/weapp/stepper/index" → "@vant/weapp". */
export function packageOf(target: string): string {
  const parts = target.split('/');
  return target.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Whether a usingComponents value names an npm package rather than a file of the mini program. */
export const isNpmPath = (target: string) => !target.startsWith('/') && !isRelative(target) && !target.startsWith('plugin://');

/**
 * Resolves a usingComponents value as DevTools does, to an absolute path without extension:
 * "/x" from the mini program root, "./x" and "../x" from the declaring file, and a bare path
 * through the nearest miniprogram_npm folder from the declaring file's folder up to the root
 * (falling back to the declaring folder). Returns null when nothing is there.
 */
export function resolveComponent(root: string, fromJson: string, target: string): string | null {
  const exists = (base: string) => fs.existsSync(`${base}.json`);
  if (target.startsWith('/')) return path.join(root, target);
  const dir = path.dirname(fromJson);
  if (isRelative(target)) return path.resolve(dir, target);
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, NPM_DIR, target);
    if (exists(candidate)) return candidate;
    if (path.relative(root, d) === '' || !d.startsWith(root)) break;
  }
  const plain = path.resolve(dir, target);
  return exists(plain) ? plain : null;
}

/** Every .json file of the mini program's own pages and components (root-relative). */
function ownJsonFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path.join(dir, entry.name));
      } else if (entry.name.endsWith('.json')) out.push(toPosix(path.relative(root, path.join(dir, entry.name))));
    }
  };
  walk(root);
  return out.sort();
}

export interface NpmUse {
  /** the declaring file, root-relative */
  file: string;
  tag: string;
  target: string;
}

/** The npm components the mini program's own files declare. */
export function npmUses(root = MINIPROGRAM_ROOT): NpmUse[] {
  const uses: NpmUse[] = [];
  for (const file of ownJsonFiles(root)) {
    const using = (readJson(path.join(root, file)).usingComponents ?? {}) as Record<string, string>;
    for (const [tag, target] of Object.entries(using)) if (isNpmPath(target)) uses.push({ file, tag, target });
  }
  return uses;
}

/** Where a package's mini program build lives (package.json `miniprogram`, else miniprogram_dist). */
export function packageBuildDir(pkg: string, from = ROOT): string {
  const manifest = require.resolve(`${pkg}/package.json`, { paths: [from] });
  const json = readJson(manifest) as { miniprogram?: string };
  return path.join(path.dirname(manifest), json.miniprogram ?? 'miniprogram_dist');
}

/** Files a file refers to, relative to the package build folder. */
function references(buildDir: string, rel: string): string[] {
  const file = path.join(buildDir, rel);
  const source = fs.readFileSync(file, 'utf8');
  const dir = path.dirname(rel);
  const out: string[] = [];
  const add = (spec: string, ext: string) => {
    const target = toPosix(path.normalize(path.join(dir, spec)));
    out.push(target.endsWith(ext) ? target : `${target}${ext}`);
  };
  if (rel.endsWith('.json')) {
    const using = ((JSON.parse(source) as { usingComponents?: Record<string, string> }).usingComponents ?? {}) as Record<string, string>;
    for (const target of Object.values(using)) {
      if (!isRelative(target)) throw new Error(`${rel}: cannot follow usingComponents "${target}"`);
      const base = toPosix(path.normalize(path.join(dir, target)));
      for (const ext of COMPONENT_PARTS) if (fs.existsSync(path.join(buildDir, `${base}${ext}`))) out.push(`${base}${ext}`);
    }
  } else if (rel.endsWith('.js')) {
    for (const m of source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)) {
      if (!isRelative(m[1])) throw new Error(`${rel}: requires "${m[1]}", which the copy would not carry`);
      add(m[1], '.js');
    }
    // Vant's relations (checkbox ↔ checkbox-group, tabs ↔ tab) name their partner component by folder:
    // ship the partner too, so the relation path exists as it would with the whole library.
    for (const m of source.matchAll(/use(?:Parent|Children)\)?\(\s*["']([a-z0-9-]+)["']/g)) {
      const partner = toPosix(path.normalize(path.join(dir, '..', m[1], 'index')));
      for (const ext of COMPONENT_PARTS) out.push(`${partner}${ext}`);
    }
  } else if (rel.endsWith('.wxml')) {
    for (const m of source.matchAll(/<wxs[^>]*\ssrc=["']([^"']+)["']/g)) add(m[1], '.wxs');
    for (const m of source.matchAll(/<(?:import|include)[^>]*\ssrc=["']([^"']+)["']/g)) add(m[1], '.wxml');
  } else if (rel.endsWith('.wxs')) {
    for (const m of source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)) add(m[1], '.wxs');
  } else if (rel.endsWith('.wxss')) {
    for (const m of source.matchAll(/@import\s+["']([^"']+)["']/g)) add(m[1], '.wxss');
  }
  return out;
}

/** The closure of files the given components need, relative to the package build folder, sorted. */
export function closure(buildDir: string, components: string[]): string[] {
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const c of components) {
    for (const ext of COMPONENT_PARTS) {
      if (fs.existsSync(path.join(buildDir, `${c}${ext}`))) queue.push(`${c}${ext}`);
    }
    if (!fs.existsSync(path.join(buildDir, `${c}.json`))) throw new Error(`no component ${c} in ${buildDir}`);
  }
  while (queue.length) {
    const rel = queue.pop()!;
    if (seen.has(rel)) continue;
    if (!fs.existsSync(path.join(buildDir, rel))) throw new Error(`missing ${rel} in ${buildDir}`);
    seen.add(rel);
    for (const next of references(buildDir, rel)) if (!seen.has(next)) queue.push(next);
  }
  return [...seen].sort();
}

export interface BuildResult {
  packages: Array<{ name: string; components: string[]; files: number; bytes: number }>;
}

/** Rebuilds miniprogram_npm from scratch for what the mini program declares. */
export function buildMiniprogramNpm(root = MINIPROGRAM_ROOT): BuildResult {
  const byPackage = new Map<string, Set<string>>();
  for (const use of npmUses(root)) {
    const pkg = packageOf(use.target);
    const component = use.target.slice(pkg.length + 1);
    if (!component) throw new Error(`${use.file}: <${use.tag}> names a package, not a component`);
    if (!byPackage.has(pkg)) byPackage.set(pkg, new Set());
    byPackage.get(pkg)!.add(component);
  }
  const outDir = path.join(root, NPM_DIR);
  fs.rmSync(outDir, { recursive: true, force: true });
  const result: BuildResult = { packages: [] };
  for (const [pkg, components] of [...byPackage].sort(([a], [b]) => a.localeCompare(b))) {
    const buildDir = packageBuildDir(pkg);
    const files = closure(buildDir, [...components]);
    let bytes = 0;
    for (const rel of files) {
      const dest = path.join(outDir, pkg, rel);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(path.join(buildDir, rel), dest);
      bytes += fs.statSync(dest).size;
    }
    const shipped = [...new Set(files.filter((f) => f.endsWith('/index.json')).map((f) => f.slice(0, -'/index.json'.length)))];
    result.packages.push({ name: pkg, components: shipped, files: files.length, bytes });
  }
  return result;
}

/**
 * Source bytes of the main package (every page, component and npm file outside the subpackages)
 * and of each subpackage. DevTools compiles TypeScript to JavaScript of about the same size.
 */
export function packageSizes(root = MINIPROGRAM_ROOT): { main: number; npm: number; subPackages: Record<string, number> } {
  const app = readJson(path.join(root, 'app.json')) as { subPackages?: Array<{ root: string }> };
  const subRoots = (app.subPackages ?? []).map((p) => p.root.replace(/\/$/, ''));
  const sizes = { main: 0, npm: 0, subPackages: Object.fromEntries(subRoots.map((r) => [r, 0])) as Record<string, number> };
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
        continue;
      }
      if (!/\.(ts|js|json|wxml|wxss|wxs)$/.test(entry.name) || entry.name.endsWith('.d.ts')) continue;
      const rel = toPosix(path.relative(root, full));
      const bytes = fs.statSync(full).size;
      const sub = subRoots.find((r) => rel.startsWith(`${r}/`));
      if (sub) sizes.subPackages[sub] += bytes;
      else sizes.main += bytes;
      if (rel.startsWith(`${NPM_DIR}/`)) sizes.npm += bytes;
    }
  };
  walk(root);
  return sizes;
}

if (require.main === module) {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const result = buildMiniprogramNpm();
  for (const p of result.packages) {
    console.log(`miniprogram_npm/${p.name}: ${p.components.length} components (${p.components.join(', ')}), ${p.files} files, ${kb(p.bytes)}`);
  }
  if (!result.packages.length) console.log('miniprogram_npm: no npm components used');
  const sizes = packageSizes();
  const subs = Object.entries(sizes.subPackages).map(([r, n]) => `${r} ${kb(n)}`);
  console.log(`main package ${kb(sizes.main)} (npm ${kb(sizes.npm)}) of 2048 KB${subs.length ? `; subpackages: ${subs.join(', ')}` : ''}`);
}
