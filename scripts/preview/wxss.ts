/**
 * WXSS for the browser, compiled by the official wcsc (package miniprogram-compiler) as DevTools
 * compiles it: wcsc turns tag selectors into the runtime's tags (`view` → `wx-view`, `page` →
 * `body`), inlines @import, and leaves two holes the runtime fills: the component's class prefix
 * and every rpx length. Here they are filled once at build time for a frame of known width.
 *
 * Pages keep unprefixed classes, as in WeChat, where each page is its own webview; the preview
 * shows a page stack in one document, so a page's rules (and app.wxss) are scoped to the page's
 * root element with :where(), which adds no specificity.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/** One compiled sheet: text pieces, [0, n] an rpx length, [1] the class prefix, [2, name] a common sheet. */
export type SheetPiece = string | [0, number] | [1] | [2, string];
export type Sheet = SheetPiece[];

export interface CompiledWxss {
  /** root-relative .wxss path → sheet */
  sheets: Record<string, Sheet>;
  /** shared sheets wcsc factors out (Vant's common/index.wxss), by name */
  common: Record<string, Sheet>;
  /** components' :host rules, which wcsc writes apart as `[is="<component path>"]` selectors */
  hosts: Sheet[];
}

const BASE_WIDTH = 750;

/** WeChat's rpx rule: scaled to the device width, floored, and never 0 for a non-zero length. */
export function rpxToPx(rpx: number, deviceWidth: number): number {
  if (rpx === 0) return 0;
  const px = Math.floor((rpx / BASE_WIDTH) * deviceWidth + 1e-4);
  return px === 0 ? 0.5 : px;
}

function wcscPath(): string {
  const dir = path.dirname(require.resolve('miniprogram-compiler/package.json'));
  const name = process.platform === 'darwin' ? 'mac/wcsc' : process.platform === 'win32' ? 'windows/wcsc.exe' : 'linux/wcsc';
  const bin = path.join(dir, 'bin', name);
  try {
    fs.chmodSync(bin, 0o755);
  } catch {
    // read-only install: it is executable already or the spawn below says so
  }
  return bin;
}

function listWxss(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (entry.name.endsWith('.wxss')) out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** Runs wcsc over every .wxss under `root`; sheets of pages and components first, as wcsc wants. */
export function compileWxss(root: string): CompiledWxss {
  const files = listWxss(root);
  const owned = files.filter((f) => fs.existsSync(path.join(root, f.replace(/\.wxss$/, '.json'))));
  const rest = files.filter((f) => !owned.includes(f));
  // "./" in front: wcsc drops two characters of a path when it writes a component's :host rule
  const args = [...owned, ...rest].map((f) => `./${f}`);
  const run = spawnSync(wcscPath(), ['-pc', String(owned.length), ...args], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`wcsc failed: ${run.stderr.toString() || run.error?.message}`);
  // key=value=key=value…, with every "=" inside a value escaped as \x3d
  const parts = run.stdout.toString().split('=');
  const sheets: Record<string, Sheet> = {};
  let comm = '';
  const setCssToHead = (sheet: Sheet) => sheet;
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const key = parts[i].replace(/^\.\//, '');
    const code = vm.runInNewContext(`"${parts[i + 1]}"`) as string;
    if (key === 'comm') comm = code;
    else if (key.endsWith('.wxss')) {
      const sheet = vm.runInNewContext(code, { setCssToHead }) as Sheet;
      // wcsc adds an empty app.wxss entry of its own: keep the compiled one
      if (!sheets[key]?.length) sheets[key] = sheet;
    }
  }
  // the common sheets are declared before wcsc's own runtime, the :host rules run after it
  const runtimeAt = comm.indexOf('var setCssToHead');
  const declarations = comm.slice(comm.indexOf('var __COMMON_STYLESHEETS__'), runtimeAt);
  const context = { __COMMON_STYLESHEETS__: {} as Record<string, Sheet> };
  if (declarations) vm.runInNewContext(declarations.replace('var __COMMON_STYLESHEETS__ = __COMMON_STYLESHEETS__||{}', ''), context);
  const hosts: Sheet[] = [];
  const tail = comm.slice(comm.indexOf('return rewritor;\n}\n', runtimeAt) + 'return rewritor;\n}\n'.length);
  // (the tail also writes app.wxss again, with its path: that one is in `sheets` already)
  const collect = (sheet: Sheet, _invalid: unknown, info?: { path?: string }) => () => {
    if (!info?.path && sheet.length) hosts.push(sheet);
  };
  if (runtimeAt >= 0 && tail) vm.runInNewContext(tail, { setCssToHead: collect });
  return { sheets, common: context.__COMMON_STYLESHEETS__, hosts };
}

/** The CSS of one sheet (a file name, or a sheet): `prefix` for the class holes ('' for none), rpx for `deviceWidth`. */
export function renderSheet(compiled: CompiledWxss, file: string | Sheet, prefix: string, deviceWidth: number): string {
  const seen = new Set<string>();
  const makeup = (sheet: Sheet): string =>
    sheet
      .map((piece) => {
        if (typeof piece === 'string') return piece;
        if (piece[0] === 0) return `${rpxToPx(piece[1], deviceWidth)}px`;
        if (piece[0] === 1) return prefix ? `${prefix}--` : '';
        const name = piece[1];
        if (seen.has(name)) return '';
        seen.add(name);
        const common = compiled.common[name];
        return common ? makeup(common) : '';
      })
      .join('');
  const sheet = typeof file === 'string' ? compiled.sheets[file] : file;
  return sheet ? makeup(sheet) : '';
}

/** Splits a selector list on its top-level commas. */
export function splitSelectors(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}

/** Index just past the block that opens at `open` (a "{"), skipping strings and comments. */
function blockEnd(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") {
      for (i++; i < css.length && css[i] !== c; i++) if (css[i] === '\\') i++;
    } else if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 1;
    } else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return css.length;
}

const NESTING_AT_RULES = /^@(media|supports|document|layer|container)\b/i;

/** Rewrites every style rule's selectors with `map`, leaving declarations and keyframes alone. */
export function mapSelectors(css: string, map: (selector: string) => string): string {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const c = css[i];
    if (/\s/.test(c)) {
      out += c;
      i++;
      continue;
    }
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      const stop = end < 0 ? css.length : end + 2;
      out += css.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === '}') {
      out += c;
      i++;
      continue;
    }
    // a prelude runs to the first "{" or ";" outside strings and brackets
    let j = i;
    let depth = 0;
    for (; j < css.length; j++) {
      const d = css[j];
      if (d === '"' || d === "'") {
        for (j++; j < css.length && css[j] !== d; j++) if (css[j] === '\\') j++;
      } else if (d === '(' || d === '[') depth++;
      else if (d === ')' || d === ']') depth--;
      else if ((d === '{' || d === ';') && depth === 0) break;
    }
    const prelude = css.slice(i, j);
    if (j >= css.length || css[j] === ';') {
      out += css.slice(i, Math.min(j + 1, css.length));
      i = j + 1;
      continue;
    }
    const end = blockEnd(css, j);
    if (prelude.startsWith('@')) {
      if (NESTING_AT_RULES.test(prelude)) out += `${prelude}{${mapSelectors(css.slice(j + 1, end - 1), map)}}`;
      else out += css.slice(i, end);
    } else {
      out += `${splitSelectors(prelude).map(map).join(',')}${css.slice(j, end)}`;
    }
    i = end;
  }
  return out;
}

/** `body` (WXSS `page`) at the start of a selector: the page root itself. */
const BODY = /^body(?![\w-])/;

/** Scopes page or app rules to `scope` (a selector for page roots). */
export function scopeToPage(css: string, scope: string): string {
  return mapSelectors(css, (selector) => {
    if (BODY.test(selector)) return selector.replace(BODY, scope);
    if (/^(html|:root)(?![\w-])/.test(selector)) return selector;
    return `:where(${scope}) ${selector}`;
  });
}

/** Component rules: a `body` rule means the page the component is in. */
export function componentCss(css: string): string {
  return mapSelectors(css, (selector) => selector.replace(BODY, '.wx-page'));
}
