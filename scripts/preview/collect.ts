/**
 * What the preview renders, read from the mini program the way DevTools reads it: app.json's pages
 * and subpackages, and every component they reach through usingComponents (own, relative and npm
 * ones, resolved by scripts/mp-npm.ts as DevTools would).
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveComponent } from '../mp-npm';

export interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; name?: string; pages: string[] }>;
  subpackages?: Array<{ root: string; name?: string; pages: string[] }>;
  window?: Record<string, unknown>;
  tabBar?: { color?: string; selectedColor?: string; backgroundColor?: string; borderStyle?: string; list: Array<{ pagePath: string; text: string }> };
  usingComponents?: Record<string, string>;
}

export interface ModuleInfo {
  /** root-relative path without extension: "pages/home/index" */
  path: string;
  kind: 'page' | 'component';
  /** the exparser id and the j-component registry key */
  id: string;
  /** the DOM tag the component renders as (unique per component) */
  tagName: string;
  /** prefix of the component's classes ('' for pages, whose styles are scoped by the page root) */
  classPrefix: string;
  /** the script to run (.ts or .js), absolute */
  script: string;
  json: Record<string, unknown>;
  /** tag → id of the component it names */
  usingComponents: Record<string, string>;
}

export interface AppModel {
  root: string;
  app: AppJson;
  /** pages in app.json order (main package, then subpackages) */
  pages: string[];
  /** subpackage root of each page that lives in one */
  subPackageOf: Record<string, string>;
  /** every page and component, dependencies before the modules that use them */
  modules: ModuleInfo[];
}

const toPosix = (p: string) => p.split(path.sep).join('/');

const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

const idOf = (rel: string) => rel.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');

function scriptOf(base: string): string {
  for (const ext of ['.ts', '.js']) if (fs.existsSync(`${base}${ext}`)) return `${base}${ext}`;
  throw new Error(`${base}: no .ts or .js next to its .json`);
}

/** A readable element name for a component first used as `tag`; a name without "-" could be an HTML tag. */
function domTag(tag: string): string {
  const name = tag.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  return /^[a-z][a-z0-9]*-[a-z0-9-]*$/.test(name) ? name : `mp-${name}`;
}

export function collectApp(root: string): AppModel {
  const app = readJson(path.join(root, 'app.json')) as unknown as AppJson;
  const pages = [...app.pages];
  const subPackageOf: Record<string, string> = {};
  for (const sub of app.subPackages ?? app.subpackages ?? []) {
    const subRoot = sub.root.replace(/\/$/, '');
    for (const p of sub.pages) {
      const full = `${subRoot}/${p}`;
      pages.push(full);
      subPackageOf[full] = subRoot;
    }
  }

  const modules = new Map<string, ModuleInfo>();
  const prefixes = new Set<string>();
  const ordered: ModuleInfo[] = [];
  const visiting = new Set<string>();

  const uniquePrefix = (tag: string) => {
    let prefix = tag;
    for (let n = 2; prefixes.has(prefix); n++) prefix = `${tag}-${n}`;
    prefixes.add(prefix);
    return prefix;
  };

  const visit = (rel: string, kind: 'page' | 'component', tag: string): ModuleInfo => {
    const known = modules.get(rel);
    if (known) return known;
    const base = path.join(root, rel);
    if (!fs.existsSync(`${base}.json`)) throw new Error(`${rel}: no ${rel}.json`);
    const json = readJson(`${base}.json`);
    // a component's tag and class prefix are one unique name, so `:host` rules can name the tag
    const name = kind === 'page' ? '' : uniquePrefix(domTag(tag));
    const info: ModuleInfo = {
      path: rel,
      kind,
      id: idOf(rel),
      tagName: kind === 'page' ? `page-${idOf(rel.replace(/\/index$/, ''))}`.toLowerCase() : name,
      classPrefix: name,
      script: scriptOf(base),
      json,
      usingComponents: {},
    };
    modules.set(rel, info);
    if (visiting.has(rel)) return info;
    visiting.add(rel);
    const using = { ...(app.usingComponents ?? {}), ...((json.usingComponents ?? {}) as Record<string, string>) };
    for (const [childTag, target] of Object.entries(using)) {
      if (target.startsWith('plugin://')) continue;
      const resolved = resolveComponent(root, `${base}.json`, target);
      if (!resolved || !fs.existsSync(`${resolved}.json`)) throw new Error(`${rel}.json: <${childTag}> ${target} not found (run \`npm run mp:npm\` for npm components)`);
      const child = visit(toPosix(path.relative(root, resolved)), 'component', childTag);
      info.usingComponents[childTag] = child.id;
    }
    ordered.push(info);
    return info;
  };

  for (const p of pages) visit(p, 'page', p);
  return { root, app, pages, subPackageOf, modules: ordered };
}
