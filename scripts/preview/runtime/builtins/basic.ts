/** view, text, navigator, icon, rich-text, progress, and plain containers for the rest. */
import { navigate } from '../router';
import { bindHover, defineBuiltin, host, type BuiltinThis } from './base';

const HOVER = {
  hoverClass: { type: String, value: 'none' },
  hoverStopPropagation: { type: Boolean, value: false },
  hoverStartTime: { type: Number, value: 50 },
  hoverStayTime: { type: Number, value: 400 },
};

const ICONS: Record<string, string> = {
  success: '✔',
  success_no_circle: '✓',
  info: 'ℹ',
  warn: '!',
  waiting: '◷',
  cancel: '✕',
  download: '↓',
  search: '⌕',
  clear: '✕',
};

/** Elements and attributes rich-text may render (WeChat's list, less media). */
const RICH_TAGS = new Set('a abbr address article aside b bdi bdo big blockquote br caption center cite code col colgroup dd del div dl dt em fieldset font footer h1 h2 h3 h4 h5 h6 header hr i img ins label legend li mark nav ol p pre q rt ruby s section small span strong sub sup table tbody td tfoot th thead tr tt u ul'.split(' '));
const RICH_ATTRS = new Set(['class', 'style', 'src', 'alt', 'width', 'height', 'colspan', 'rowspan', 'align', 'color', 'size', 'face', 'start', 'type']);

interface RichNode {
  name?: string;
  type?: string;
  text?: string;
  attrs?: Record<string, string>;
  children?: RichNode[];
}

function richNodes(nodes: unknown): Node[] {
  if (typeof nodes === 'string') {
    const doc = new DOMParser().parseFromString(`<body>${nodes}</body>`, 'text/html');
    return [...doc.body.childNodes].map(sanitize).filter((n): n is Node => !!n);
  }
  if (!Array.isArray(nodes)) return [];
  return (nodes as RichNode[]).map((node) => {
    if (node.type === 'text') return document.createTextNode(node.text ?? '');
    const name = (node.name ?? 'div').toLowerCase();
    const el = document.createElement(RICH_TAGS.has(name) ? name : 'span');
    for (const [k, v] of Object.entries(node.attrs ?? {})) if (RICH_ATTRS.has(k)) el.setAttribute(k, String(v));
    richNodes(node.children ?? []).forEach((c) => el.appendChild(c));
    return el;
  });
}

function sanitize(node: Node): Node | null {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.textContent ?? '');
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const source = node as Element;
  const name = source.tagName.toLowerCase();
  const el = document.createElement(RICH_TAGS.has(name) ? name : 'span');
  for (const attr of [...source.attributes]) if (RICH_ATTRS.has(attr.name)) el.setAttribute(attr.name, attr.value);
  source.childNodes.forEach((c) => {
    const clean = sanitize(c);
    if (clean) el.appendChild(clean);
  });
  return el;
}

export function registerBasic(): void {
  defineBuiltin('view', {
    properties: HOVER,
    lifetimes: {
      attached(this: BuiltinThis) {
        bindHover(this, 'none');
      },
    },
  });
  defineBuiltin('text', {
    properties: { selectable: Boolean, userSelect: Boolean, space: String, decode: Boolean },
    observers: {
      'selectable, userSelect'(this: BuiltinThis, a: boolean, b: boolean) {
        host(this).classList.toggle('wx-text--selectable', !!(a || b));
      },
    },
  });
  defineBuiltin('navigator', {
    properties: {
      ...HOVER,
      hoverClass: { type: String, value: 'navigator-hover' },
      url: String,
      openType: { type: String, value: 'navigate' },
      delta: { type: Number, value: 1 },
      target: { type: String, value: 'self' },
    },
    lifetimes: {
      attached(this: BuiltinThis) {
        bindHover(this, 'navigator-hover');
        this._exparserNode.addListener('tap', () => {
          const type = String(this.data.openType || 'navigate');
          if (type === 'exit') return;
          navigate(type === 'navigate' ? 'navigateTo' : type === 'redirect' ? 'redirectTo' : (type as 'switchTab' | 'reLaunch' | 'navigateBack'), {
            url: String(this.data.url ?? ''),
            delta: Number(this.data.delta ?? 1),
          });
        });
      },
    },
  });
  defineBuiltin('icon', {
    properties: { type: String, size: { type: null, value: 23 }, color: String },
    observers: {
      'type, size, color'(this: BuiltinThis, type: string, size: number | string, color: string) {
        const el = host(this);
        el.textContent = ICONS[type] ?? '•';
        el.dataset.type = type;
        el.style.fontSize = typeof size === 'number' || /^\d+$/.test(String(size)) ? `${size}px` : String(size);
        el.style.color = color || '';
      },
    },
  });
  defineBuiltin('rich-text', {
    properties: { nodes: { type: null, value: [] }, space: String, userSelect: Boolean },
    observers: {
      nodes(this: BuiltinThis, nodes: unknown) {
        const el = host(this);
        el.replaceChildren(...richNodes(nodes));
      },
    },
  });
  defineBuiltin('progress', {
    properties: {
      percent: { type: Number, value: 0 },
      showInfo: Boolean,
      strokeWidth: { type: null, value: 6 },
      activeColor: { type: String, value: '#09BB07' },
      backgroundColor: { type: String, value: '#EBEBEB' },
    },
    observers: {
      'percent, showInfo, strokeWidth, activeColor, backgroundColor'(this: BuiltinThis, percent: number, showInfo: boolean, width: number, active: string, background: string) {
        const p = Math.max(0, Math.min(100, Number(percent) || 0));
        host(this).innerHTML = `<div class="wx-progress-bar" style="height:${Number(width) || 6}px;background:${background}"><div class="wx-progress-inner" style="width:${p}%;background:${active}"></div></div>${showInfo ? `<span class="wx-progress-info">${p}%</span>` : ''}`;
      },
    },
  });
  // tags the pages do not use render their children in a plain box (listed in docs/PREVIEW.md)
  for (const name of ['cover-view', 'cover-image', 'label', 'form', 'match-media', 'page-meta', 'navigation-bar', 'root-portal', 'movable-area', 'movable-view', 'block', 'official-account', 'ad', 'open-data', 'map', 'web-view', 'camera', 'live-player', 'live-pusher', 'checkbox-group', 'radio-group', 'checkbox', 'radio', 'switch', 'slider', 'editor', 'picker-view', 'picker-view-column', 'audio', 'functional-page-navigator', 'voip-room', 'keyboard-accessory', 'grid-view', 'list-view', 'sticky-header', 'sticky-section', 'page-container', 'share-element', 'channel-video']) {
    defineBuiltin(name);
  }
}
