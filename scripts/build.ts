import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * `npm run build`: bundles each cloud function from TypeScript into a deployable folder
 *   dist/cloudfunctions/<fn>/{index.js, package.json, config.json}
 * that WeChat DevTools can upload (project.config.json cloudfunctionRoot) or `tcb fn deploy` can ship
 * (cloudbaserc.json functionRoot). Only the SDK the cloud adapters use stays external and is listed
 * as the function's runtime dependency; everything else is bundled.
 */
const ROOT = path.resolve(__dirname, '..');
const SOURCE = path.join(ROOT, 'cloudfunctions');
export const OUT = path.join(ROOT, 'dist', 'cloudfunctions');

/** Packages installed next to the bundle in the cloud rather than bundled. */
const RUNTIME_EXTERNALS = ['@cloudbase/node-sdk'];
/** Loaded by name only when PAY_METHOD=cloudpay; `CLOUDPAY=1 npm run build` lists it as a dependency. */
const CLOUDPAY_SDK = { name: 'wx-server-sdk', version: '^3.0.1' };
/** Packages that must never reach a cloud bundle (local-only adapters). */
const FORBIDDEN = ['better-sqlite3'];

/**
 * zod's `z.locales` re-exports every translation of its error messages (about 40 of them); the
 * functions never switch zod's locale (its English messages are mapped to our own codes), so the
 * bundles leave them out and keep the default English one zod imports by itself.
 */
const noZodLocales: Plugin = {
  name: 'no-zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'no-zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-zod-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

export function functionNames(): string[] {
  return fs
    .readdirSync(SOURCE, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(SOURCE, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

const rootPackage = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

/** The Node.js the functions run on in CloudBase (cloudbaserc.json `runtime`: Nodejs18.15); bundles target it. */
export const NODE_TARGET = 'node18';

export async function buildFunction(fn: string): Promise<{ fn: string; bytes: number; dependencies: string[] }> {
  const outDir = path.join(OUT, fn);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [path.join(SOURCE, fn, 'index.ts')],
    outfile: path.join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'cjs',
    external: [...RUNTIME_EXTERNALS, ...FORBIDDEN],
    plugins: [noZodLocales],
    metafile: true,
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const imported = new Set(
    Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)),
  );
  const leaked = FORBIDDEN.filter((p) => imported.has(p));
  if (leaked.length) throw new Error(`${fn}: local-only packages reached the cloud bundle: ${leaked.join(', ')}`);
  const dependencies = RUNTIME_EXTERNALS.filter((p) => imported.has(p));
  const pkg = {
    name: fn,
    version: '1.0.0',
    private: true,
    main: 'index.js',
    dependencies: {
      ...Object.fromEntries(dependencies.map((d) => [d, rootPackage.dependencies[d]])),
      ...(process.env.CLOUDPAY === '1' ? { [CLOUDPAY_SDK.name]: CLOUDPAY_SDK.version } : {}),
    },
  };
  fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  fs.copyFileSync(path.join(SOURCE, fn, 'config.json'), path.join(outDir, 'config.json'));
  return { fn, bytes: fs.statSync(path.join(outDir, 'index.js')).size, dependencies };
}

async function main() {
  const built = [];
  for (const fn of functionNames()) built.push(await buildFunction(fn));
  for (const b of built) {
    console.log(`${b.fn.padEnd(12)} ${(b.bytes / 1024).toFixed(0).padStart(5)} KB  deps: ${b.dependencies.join(', ') || 'none'}`);
  }
  console.log(`built ${built.length} functions into ${path.relative(ROOT, OUT)}/`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
