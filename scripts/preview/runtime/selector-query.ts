/**
 * wx.createSelectorQuery / this.createSelectorQuery over the exparser tree: rects and sizes from the
 * DOM, scroll offsets, properties, computed styles, and `node` for a 2d canvas (the HTML canvas
 * with createImage, as the mini program's canvas node).
 */
import exparser from 'miniprogram-exparser';
import { canvasNode } from './builtins/canvas-node';
import type { Caller, ExElement } from './exparser';

interface Fields {
  id?: boolean;
  dataset?: boolean;
  rect?: boolean;
  size?: boolean;
  scrollOffset?: boolean;
  properties?: string[];
  computedStyle?: string[];
  context?: boolean;
  node?: boolean;
}

interface Request {
  root: ExElement | null;
  selector: string;
  single: boolean;
  viewport: boolean;
  fields: Fields;
  callback?: (res: unknown) => void;
}

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

class NodesRef {
  constructor(
    private readonly query: SelectorQuery,
    private readonly request: Omit<Request, 'fields' | 'callback'>,
  ) {}

  private push(fields: Fields, callback?: (res: unknown) => void): SelectorQuery {
    return this.query.push({ ...this.request, fields, callback });
  }

  boundingClientRect(callback?: (res: unknown) => void) {
    return this.push({ id: true, dataset: true, rect: true, size: true }, callback);
  }

  scrollOffset(callback?: (res: unknown) => void) {
    return this.push({ id: true, dataset: true, scrollOffset: true }, callback);
  }

  fields(fields: Fields, callback?: (res: unknown) => void) {
    return this.push(fields, callback);
  }

  node(callback?: (res: unknown) => void) {
    return this.push({ node: true }, callback);
  }

  context(callback?: (res: unknown) => void) {
    return this.push({ context: true }, callback);
  }
}

function describe(node: ExElement | null, viewport: boolean, fields: Fields): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  if (viewport) {
    const scroller = document.querySelector<HTMLElement>('.wx-page-frame:not([hidden]) .wx-page');
    const width = scroller?.clientWidth ?? 0;
    const height = scroller?.clientHeight ?? 0;
    if (fields.id) out.id = '';
    if (fields.dataset) out.dataset = {};
    if (fields.rect) Object.assign(out, { left: 0, top: 0, right: width, bottom: height });
    if (fields.size) Object.assign(out, { width, height });
    if (fields.scrollOffset) Object.assign(out, { scrollLeft: scroller?.scrollLeft ?? 0, scrollTop: scroller?.scrollTop ?? 0, scrollWidth: scroller?.scrollWidth ?? 0, scrollHeight: scroller?.scrollHeight ?? 0 });
    return out;
  }
  if (!node) return null;
  const dom = node.$$;
  if (fields.id) out.id = node.id || '';
  if (fields.dataset) out.dataset = { ...(node.dataset ?? {}) };
  if ((fields.rect || fields.size) && dom) {
    // positions are relative to the page viewport, as in WeChat
    const frame = dom.closest('.wx-page-frame')?.getBoundingClientRect() ?? { left: 0, top: 0 };
    const r = dom.getBoundingClientRect();
    if (fields.rect) Object.assign(out, { left: r.left - frame.left, top: r.top - frame.top, right: r.right - frame.left, bottom: r.bottom - frame.top });
    if (fields.size) Object.assign(out, { width: r.width, height: r.height });
  }
  if (fields.scrollOffset && dom) Object.assign(out, { scrollLeft: dom.scrollLeft, scrollTop: dom.scrollTop, scrollWidth: dom.scrollWidth, scrollHeight: dom.scrollHeight });
  for (const name of fields.properties ?? []) {
    if (exparser.Component.hasPublicProperty(node, camel(name))) out[camel(name)] = node.data[camel(name)];
  }
  if (fields.computedStyle?.length && dom) {
    const style = getComputedStyle(dom);
    for (const key of fields.computedStyle) out[key] = style.getPropertyValue(key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
  }
  if (fields.context) out.context = {};
  if (fields.node && dom?.tagName === 'WX-CANVAS') out.node = canvasNode(exparser.Element.getMethodCaller(node));
  return out;
}

export class SelectorQuery {
  private queue: Request[] = [];

  constructor(private root: ExElement | null) {}

  in(component: Caller) {
    this.root = component?._exparserNode ?? this.root;
    return this;
  }

  push(request: Request): SelectorQuery {
    this.queue.push(request);
    return this;
  }

  select(selector: string) {
    return new NodesRef(this, { root: this.root, selector, single: true, viewport: false });
  }

  selectAll(selector: string) {
    return new NodesRef(this, { root: this.root, selector, single: false, viewport: false });
  }

  selectViewport() {
    return new NodesRef(this, { root: this.root, selector: '', single: true, viewport: true });
  }

  exec(callback?: (res: unknown[]) => void) {
    const queue = this.queue;
    this.queue = [];
    // answered after the current render, as WeChat answers asynchronously
    window.setTimeout(() => {
      const results = queue.map((r) => {
        if (r.viewport) return describe(null, true, r.fields);
        const scope = r.root?.shadowRoot;
        if (!scope) return r.single ? null : [];
        if (r.single) return describe(scope.querySelector(r.selector), false, r.fields);
        return scope.querySelectorAll(r.selector).map((n) => describe(n, false, r.fields));
      });
      results.forEach((res, i) => queue[i].callback?.(res));
      callback?.(results);
    }, 0);
    return this;
  }
}
