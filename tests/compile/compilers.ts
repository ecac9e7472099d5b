import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The official WeChat compilers from the miniprogram-compiler package, run as DevTools runs them:
 * wcc turns WXML into render functions, wcsc checks and converts WXSS. A failure names the file
 * with its line and column.
 */
export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../miniprogram');

const compiler = require('miniprogram-compiler') as {
  wxmlToJs(rootPath: string, options?: { wxmlList?: string[]; wxsList?: string[]; maxBuffer?: number }): string;
};

const BIN_DIR: Partial<Record<NodeJS.Platform, string>> = { linux: 'linux', darwin: 'mac', win32: 'windows' };
const binPath = (name: 'wcc' | 'wcsc') => {
  const dir = BIN_DIR[process.platform];
  if (!dir) throw new Error(`miniprogram-compiler ships no ${name} for ${process.platform}`);
  return path.join(path.dirname(require.resolve('miniprogram-compiler/package.json')), 'bin', dir, process.platform === 'win32' ? `${name}.exe` : name);
};

/** The package ships wcsc without its execute bit on some platforms: set it once before use. */
const bin = (name: 'wcc' | 'wcsc') => {
  const file = binPath(name);
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    fs.chmodSync(file, 0o755);
  }
  return file;
};

const SKIP_DIRS = new Set(['node_modules', 'miniprogram_npm']);

/** Every file under `root` ending in `ext`, as root-relative paths with forward slashes, sorted. */
export function filesWith(root: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path.join(dir, entry.name));
      } else if (entry.name.endsWith(ext)) {
        out.push(path.relative(root, path.join(dir, entry.name)).split(path.sep).join('/'));
      }
    }
  };
  walk(root);
  return out.sort();
}

export class CompileError extends Error {}

/** Compiles WXML files (root-relative) with wcc, together as DevTools does; throws with wcc's message. */
export function compileWxml(root: string, files: string[]): string {
  try {
    return compiler.wxmlToJs(root, { wxmlList: files, wxsList: filesWith(root, '.wxs'), maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    throw new CompileError(`wcc: ${(e as Error).message.trim()}`);
  }
}

/** The WXSS files `file` imports (`@import '…'`), transitively, root-relative; missing ones are left for wcsc to report. */
export function wxssImports(root: string, file: string, seen = new Set<string>()): string[] {
  const source = fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : '';
  for (const m of source.matchAll(/@import\s+['"]([^'"]+)['"]/g)) {
    const target = m[1].startsWith('/') ? m[1].slice(1) : path.posix.join(path.posix.dirname(file), m[1]);
    if (seen.has(target) || target === file) continue;
    seen.add(target);
    wxssImports(root, target, seen);
  }
  return [...seen];
}

/**
 * Compiles one WXSS file (root-relative) with `wcsc -db -pc 0`, together with the files it
 * imports (DevTools compiles them all at once, so an import resolves); throws with wcsc's message.
 */
export function compileWxss(root: string, file: string): string {
  const run = spawnSync(bin('wcsc'), ['-db', '-pc', '0', file, ...wxssImports(root, file)], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new CompileError(`wcsc ${file}: ${run.stderr.toString().trim() || `exit ${run.status}`}`);
  return run.stdout.toString();
}

/** Compiles one WXML file alone with the wcc binary; throws with wcc's message. */
export function compileWxmlFile(root: string, file: string): string {
  const run = spawnSync(bin('wcc'), ['-d', '-cc', '0', file, '-gn', '$gwx'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new CompileError(`wcc ${file}: ${run.stderr.toString().trim() || `exit ${run.status}`}`);
  return run.stdout.toString();
}
