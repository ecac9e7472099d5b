import fs from 'node:fs';
import path from 'node:path';
import { npmUses, resolveComponent } from '../../../scripts/mp-npm';

/** The parts of a rendered node (j-component) the tests use. */
export interface Rendered {
  dom: { textContent: string | null; getAttribute(name: string): string | null } | undefined;
  instance: { data: Record<string, unknown>; setData(data: Record<string, unknown>): void };
  querySelector(selector: string): Rendered | undefined;
  querySelectorAll(selector: string): Rendered[];
  dispatchEvent(name: string, options?: Record<string, unknown>): void;
  addEventListener(name: string, handler: (event: { detail: unknown }) => void): void;
  setData(data: Record<string, unknown>): void;
  attach(parent: unknown): void;
  detach(): void;
}

interface Simulate {
  load(componentPath: string, options: { rootPath: string; compiler: 'official' | 'simulate'; usingComponents?: Record<string, string>; compilerOptions?: { maxBuffer?: number } }): string;
  load(definition: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): Rendered;
}

// Loaded with require so its typings (which pull in the WeChat globals) stay out of the Node type check.
const simulate = require('miniprogram-simulate') as Simulate;
const dom = (globalThis as unknown as { document: { createElement(tag: string): unknown } }).document;

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../../miniprogram');

/**
 * Registers a page or component (with its usingComponents) from the mini program, its WXML
 * compiled by the official wcc as DevTools would. Returns the id to render.
 * Load once per test file: the module's Component() call runs on the first require only.
 */
export function load(relativePath: string): string {
  return simulate.load(path.join(MINIPROGRAM_ROOT, relativePath), {
    rootPath: MINIPROGRAM_ROOT,
    compiler: 'official',
    // wcc writes the whole app's templates to stdout, well past Node's 1 MB default buffer
    compilerOptions: { maxBuffer: 64 * 1024 * 1024 },
    usingComponents: npmComponents(),
  });
}

/**
 * Registers a component from a definition (template, data, methods, behaviors), its template
 * compiled by the simulator: a small host for testing a behaviour apart from any page.
 */
export function define(definition: Record<string, unknown>): string {
  return simulate.load(definition);
}

let npmTags: Record<string, string> | null = null;

const VANT = path.join(MINIPROGRAM_ROOT, 'miniprogram_npm/@vant/weapp');

/**
 * npm components (Vant) by tag, as root paths into miniprogram_npm: DevTools resolves a bare
 * "@vant/weapp/stepper/index" through miniprogram_npm, miniprogram-simulate only "/…" and
 * relative paths, so the tests hand it what DevTools would find (scripts/mp-npm.ts resolves both).
 * Every shipped Vant component is registered (as van-<folder>, Vant's own tag names), so relations
 * between them (checkbox → checkbox-group) resolve to a component as they do in WeChat, where an
 * unlinked relation gives no nodes rather than a missing one.
 */
function npmComponents(): Record<string, string> {
  if (npmTags) return { ...npmTags };
  const tags: Record<string, string> = {};
  if (fs.existsSync(VANT)) {
    for (const dir of fs.readdirSync(VANT)) {
      if (fs.existsSync(path.join(VANT, dir, 'index.json'))) tags[`van-${dir}`] = `/miniprogram_npm/@vant/weapp/${dir}/index`;
    }
  }
  for (const use of npmUses(MINIPROGRAM_ROOT)) {
    const resolved = resolveComponent(MINIPROGRAM_ROOT, path.join(MINIPROGRAM_ROOT, use.file), use.target);
    if (!resolved) throw new Error(`${use.file}: <${use.tag}> ${use.target} is not in miniprogram_npm: run \`npm run mp:npm\``);
    const rootPath = `/${path.relative(MINIPROGRAM_ROOT, resolved).split(path.sep).join('/')}`;
    if (tags[use.tag] && tags[use.tag] !== rootPath) throw new Error(`<${use.tag}> names both ${tags[use.tag]} and ${rootPath}`);
    tags[use.tag] = rootPath;
  }
  npmTags = tags;
  return { ...tags };
}

const mounted: Rendered[] = [];

/** Renders and attaches (runs `attached`); pages are then driven through their lifecycle methods. */
export function mount(id: string, properties?: Record<string, unknown>): Rendered {
  const comp = simulate.render(id, properties);
  comp.attach(dom.createElement('parent-wrapper'));
  mounted.push(comp);
  return comp;
}

/** Detaches everything mounted so far (runs `detached`, which clears component timers). */
export function unmountAll(): void {
  while (mounted.length) {
    const comp = mounted.pop()!;
    comp.detach();
  }
}

/** The page's methods, typed loosely: tests call lifecycles such as onLoad(options) directly. */
export const page = (comp: Rendered) =>
  comp.instance as unknown as Record<string, (...args: unknown[]) => unknown> & { data: Record<string, unknown> };

/** Text content of every node matching the selector, trimmed. */
export function texts(comp: Rendered, selector: string): string[] {
  return comp.querySelectorAll(selector).map((c: Rendered) => (c.dom?.textContent ?? '').replace(/\s+/g, ' ').trim());
}

export function text(comp: Rendered, selector: string): string {
  const node = comp.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  return (node.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The nodes matching `selector` (exparser selectors: classes, ids, tags, `>>>` into child
 * components) whose DOM attributes equal `attrs`, e.g. { 'data-id': 'cat-gift' }.
 */
export function find(comp: Rendered, selector: string, attrs: Record<string, string> = {}): Rendered[] {
  return comp
    .querySelectorAll(selector)
    .filter((node) => Object.entries(attrs).every(([name, value]) => node.dom?.getAttribute(name) === value));
}

/** Whether the node has the WXML class `name` (the simulator prefixes classes with the component's tag). */
export function hasClass(node: Rendered | undefined, name: string): boolean {
  const classes = (node?.dom?.getAttribute('class') ?? '').split(/\s+/);
  return classes.some((c) => c === name || c.endsWith(`--${name}`));
}

/** Lets queued events and promise callbacks run. */
export const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Dispatches a real tap on the one node that matches, and lets its handlers run. */
export async function tap(comp: Rendered, selector: string, attrs: Record<string, string> = {}): Promise<void> {
  const nodes = find(comp, selector, attrs);
  if (nodes.length !== 1) throw new Error(`${nodes.length} nodes match ${selector} ${JSON.stringify(attrs)}`);
  nodes[0].dispatchEvent('tap');
  await tick();
}


/** Types `value` into the one input or textarea that matches. */
export function input(comp: Rendered, selector: string, value: string, attrs: Record<string, string> = {}): void {
  const nodes = find(comp, selector, attrs);
  if (nodes.length !== 1) throw new Error(`${nodes.length} nodes match ${selector}`);
  nodes[0].dispatchEvent('input', { detail: { value } });
}

/** Two taps in a row, the second before anything the first started has answered. */
export function doubleTap(comp: Rendered, selector: string): void {
  const nodes = find(comp, selector);
  if (nodes.length !== 1) throw new Error(`${nodes.length} nodes match ${selector}`);
  nodes[0].dispatchEvent('tap');
  nodes[0].dispatchEvent('tap');
}
