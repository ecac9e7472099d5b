/**
 * The mini program's constructors (App, Page, Component, Behavior, getApp) over j-component, which
 * registers definitions with miniprogram-exparser the way miniprogram-simulate does. Each module
 * runs with the manifest entry it belongs to, so its Component() call gets the template wcc
 * compiled for its path, its usingComponents and its class prefix.
 */
import jComponent from 'j-component';
import exparser from 'miniprogram-exparser';
import type { Caller, ExElement } from './exparser';
import type { ModuleEntry } from './manifest';
import { withInlineRpx } from './rpx';

type Definition = Record<string, unknown> & {
  options?: Record<string, unknown>;
  relations?: Record<string, Record<string, unknown>>;
  methods?: Record<string, unknown>;
};

type Gwx = (path: string) => unknown;

/** What the constructors need from the preview: the frame width for rpx, and the selector query components get. */
export interface ConstructorOptions {
  frameWidth: number;
  /** this.createSelectorQuery() of a component whose element is `node` */
  selectorQuery(node: ExElement): unknown;
}

type ElementDefinition = Parameters<typeof exparser.registerElement>[0];

const globals = globalThis as unknown as Record<string, unknown>;

let current: ModuleEntry | null = null;
const registered = new Set<string>();
const idByPath = new Map<string, string>();
/** exparser options j-component does not pass through, by component id */
const extraOptions = new Map<string, { addGlobalClass: boolean; pureDataPattern?: RegExp }>();
/** what exparser.registerElement answered for each component id: what exparser.createElement takes */
const registrations = new Map<string, unknown>();
let frameWidth = 750;
/** errors of modules that failed to load, by path */
export const loadErrors = new Map<string, string>();

let appInstance: Record<string, unknown> | null = null;

export const getAppInstance = () => appInstance;

/** The exparser registration of the component or page registered as `id`, if it registered. */
export const registrationOf = (id: string): unknown => registrations.get(id);

function joinPath(dir: string, rel: string): string {
  const out: string[] = dir ? dir.split('/') : [];
  for (const part of rel.split('/')) {
    if (part === '..') out.pop();
    else if (part && part !== '.') out.push(part);
  }
  return out.join('/');
}

const dirOf = (p: string) => p.split('/').slice(0, -1).join('/');

function templateOf(entry: ModuleEntry): unknown {
  const gwx = globals.$gwx as Gwx | undefined;
  const generate = gwx?.(`${entry.path}.wxml`);
  return typeof generate === 'function' ? withInlineRpx(generate as (...args: never[]) => unknown, frameWidth) : '<slot/>';
}

function register(entry: ModuleEntry, options: Definition): void {
  if (registered.has(entry.id)) throw new Error(`${entry.path} called Component() twice`);
  registered.add(entry.id);
  const own = options.options ?? {};
  const isolation = (own.styleIsolation ?? entry.json.styleIsolation) as string | undefined;
  extraOptions.set(entry.id, {
    addGlobalClass: own.addGlobalClass === true || isolation === 'apply-shared' || isolation === 'shared',
    ...(own.pureDataPattern instanceof RegExp ? { pureDataPattern: own.pureDataPattern } : {}),
  });
  const definition: Definition = {
    ...options,
    id: entry.id,
    path: entry.path,
    tagName: entry.tagName,
    template: templateOf(entry),
    usingComponents: { ...entry.usingComponents },
    options: { ...own, classPrefix: entry.classPrefix },
  };
  // relations name their partner by path; exparser knows it by id (partners not shipped stay unlinked)
  if (options.relations) {
    const relations: Record<string, Record<string, unknown>> = {};
    for (const [key, value] of Object.entries(options.relations)) {
      const target = key.startsWith('/') ? key.slice(1) : joinPath(dirOf(entry.path), key);
      const id = idByPath.get(target);
      relations[id ?? key] = id ? { ...value, target: id } : value;
    }
    definition.relations = relations;
  }
  jComponent.register(definition);
}

/** Page({...}) as the Component() it is equivalent to: functions become methods, other fields instance fields. */
function pageToComponent(options: Definition): Definition {
  const methods: Record<string, unknown> = {};
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'data' || key === 'behaviors' || key === 'options') continue;
    if (typeof value === 'function') methods[key] = value;
    else fields[key] = value;
  }
  return {
    data: (options.data as Record<string, unknown>) ?? {},
    behaviors: options.behaviors ?? [],
    options: options.options ?? {},
    methods,
    lifetimes: {
      created(this: Record<string, unknown>) {
        for (const [key, value] of Object.entries(fields)) this[key] = JSON.parse(JSON.stringify(value)) as unknown;
      },
    },
  };
}

/** After j-component's initiator has made the component's `this`, its createSelectorQuery becomes the preview's. */
function withSelectorQuery(def: ElementDefinition, selectorQuery: ConstructorOptions['selectorQuery']): void {
  const initiator = def.initiator as ((this: ExElement) => void) | undefined;
  def.initiator = function initiate(this: ExElement) {
    initiator?.call(this);
    const caller: Caller | undefined = exparser.Element.getMethodCaller(this);
    if (caller) caller.createSelectorQuery = () => selectorQuery(this);
  };
}

/**
 * Fixes exparser options per component, keeps each registration, and installs the constructors
 * the mini program calls.
 */
export function installConstructors(options: ConstructorOptions): void {
  frameWidth = options.frameWidth;
  const registerElement = exparser.registerElement.bind(exparser);
  exparser.registerElement = (def) => {
    const extra = extraOptions.get(def.is);
    def.options.writeIdToDOM = true;
    if (extra?.addGlobalClass) def.options.addGlobalClass = true;
    if (extra?.pureDataPattern) def.options.pureDataPattern = extra.pureDataPattern;
    withSelectorQuery(def, options.selectorQuery);
    const registration = registerElement(def);
    registrations.set(def.is, registration);
    return registration;
  };
  // WeChat components have groupSetData (base library 2.4.0+), which Vant calls
  if (typeof exparser.Component.prototype.groupSetData !== 'function') {
    exparser.Component.prototype.groupSetData = function groupSetData(callback: () => void) {
      callback();
    };
  }
  globals.Component = (options: Definition) => {
    if (!current) throw new Error('Component() called outside a page or component module');
    register(current, options);
  };
  globals.Page = (options: Definition) => {
    if (!current) throw new Error('Page() called outside a page module');
    register(current, pageToComponent(options));
  };
  globals.Behavior = (definition: Record<string, unknown>) => jComponent.behavior(definition);
  globals.App = (options: Record<string, unknown>) => {
    appInstance = options;
  };
  globals.getApp = () => appInstance ?? { globalData: {} };
  globals.requirePlugin = () => ({});
}

/**
 * Runs every module, dependencies first, so each Component() call meets its own entry. A module
 * that throws is replaced by a component that shows the error, so the rest of the app still runs.
 */
export function loadModules(entries: ModuleEntry[], appScript: () => unknown): void {
  for (const entry of entries) idByPath.set(entry.path, entry.id);
  try {
    appScript();
  } catch (e) {
    console.error('[preview] app.ts failed', e);
    loadErrors.set('app', String(e));
  }
  for (const entry of entries) {
    current = entry;
    try {
      entry.load();
      if (!registered.has(entry.id)) throw new Error(`${entry.path} did not call Component() or Page()`);
    } catch (e) {
      console.error(`[preview] ${entry.path} failed`, e);
      loadErrors.set(entry.path, e instanceof Error ? e.message : String(e));
      if (!registered.has(entry.id)) {
        registered.add(entry.id);
        jComponent.register({
          id: entry.id,
          tagName: entry.tagName,
          template: '<wx-view class="pv-load-error">{{message}}</wx-view>',
          data: { message: `${entry.path}: ${e instanceof Error ? e.message : String(e)}` },
          options: { classPrefix: '' },
        });
      }
    } finally {
      current = null;
    }
  }
}
