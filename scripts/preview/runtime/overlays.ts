/**
 * What WeChat draws over a page, drawn inside the phone frame: toast, loading, modal, action
 * sheet, and the preview's stand-ins for platform sheets (subscribe, payment, share, picker).
 * Every dialog is a `.pv-dialog` with buttons named by their text, so tests click them like a user.
 */

let layer: HTMLElement | null = null;

export function mountOverlays(el: HTMLElement): void {
  layer = el;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---- toast and loading: one at a time, as in WeChat ----

let toastNode: HTMLElement | null = null;
let toastTimer = 0;

export interface ToastOptions {
  title: string;
  icon?: 'success' | 'error' | 'loading' | 'none' | string;
  duration?: number;
  mask?: boolean;
  loading?: boolean;
}

const TOAST_ICON: Record<string, string> = { success: '✔', error: '✕' };

export function toast(options: ToastOptions): void {
  hideToast();
  if (!layer) return;
  const icon = options.loading ? 'loading' : options.icon ?? 'success';
  const node = el('div', `pv-toast ${icon === 'none' ? 'pv-toast--text' : ''} ${options.mask ? 'pv-toast--mask' : ''}`);
  node.setAttribute('role', 'status');
  node.dataset.kind = options.loading ? 'loading' : 'toast';
  const box = el('div', 'pv-toast__box');
  if (icon === 'loading') box.appendChild(el('i', 'pv-spinner'));
  else if (icon !== 'none') box.appendChild(el('div', 'pv-toast__icon', TOAST_ICON[icon] ?? '✔'));
  box.appendChild(el('div', 'pv-toast__title', options.title));
  node.appendChild(box);
  layer.appendChild(node);
  toastNode = node;
  if (!options.loading) toastTimer = window.setTimeout(hideToast, options.duration ?? 1500);
}

export function hideToast(): void {
  window.clearTimeout(toastTimer);
  toastNode?.remove();
  toastNode = null;
}

// ---- dialogs ----

export interface DialogButton<T> {
  text: string;
  value: T;
  primary?: boolean;
  color?: string;
}

export interface DialogOptions<T> {
  title?: string;
  content?: string;
  body?: HTMLElement;
  buttons: Array<DialogButton<T>>;
  /** a class for the dialog, so tests and styles can tell the kinds apart */
  kind?: string;
  /** what closing by the mask answers; the mask does not close it when absent */
  dismiss?: T;
}

/** Shows a centred dialog; resolves with the value of the button tapped. */
export function dialog<T>(options: DialogOptions<T>): Promise<T> {
  return new Promise((resolve) => {
    if (!layer) throw new Error('overlays not mounted');
    const mask = el('div', 'pv-mask');
    const node = el('div', `pv-dialog ${options.kind ? `pv-dialog--${options.kind}` : ''}`);
    node.setAttribute('role', 'dialog');
    if (options.title) node.appendChild(el('div', 'pv-dialog__title', options.title));
    if (options.content) node.appendChild(el('div', 'pv-dialog__content', options.content));
    if (options.body) node.appendChild(options.body);
    const bar = el('div', 'pv-dialog__buttons');
    const close = (value: T) => {
      mask.remove();
      resolve(value);
    };
    for (const b of options.buttons) {
      const button = el('button', `pv-dialog__button ${b.primary ? 'pv-dialog__button--primary' : ''}`, b.text);
      button.type = 'button';
      if (b.color) button.style.color = b.color;
      button.addEventListener('click', () => close(b.value));
      bar.appendChild(button);
    }
    node.appendChild(bar);
    mask.appendChild(node);
    if (options.dismiss !== undefined) mask.addEventListener('click', (e) => e.target === mask && close(options.dismiss as T));
    layer.appendChild(mask);
  });
}

/** A bottom sheet of items; resolves the index tapped, or -1 for cancel. */
export function actionSheet(options: { itemList: string[]; itemColor?: string; alertText?: string }): Promise<number> {
  return new Promise((resolve) => {
    if (!layer) throw new Error('overlays not mounted');
    const mask = el('div', 'pv-mask pv-mask--sheet');
    const sheet = el('div', 'pv-sheet');
    sheet.setAttribute('role', 'dialog');
    const close = (i: number) => {
      mask.remove();
      resolve(i);
    };
    if (options.alertText) sheet.appendChild(el('div', 'pv-sheet__alert', options.alertText));
    options.itemList.forEach((text, i) => {
      const item = el('button', 'pv-sheet__item', text);
      item.type = 'button';
      if (options.itemColor) item.style.color = options.itemColor;
      item.addEventListener('click', () => close(i));
      sheet.appendChild(item);
    });
    const cancel = el('button', 'pv-sheet__item pv-sheet__cancel', '取消');
    cancel.type = 'button';
    cancel.addEventListener('click', () => close(-1));
    sheet.appendChild(cancel);
    mask.addEventListener('click', (e) => e.target === mask && close(-1));
    mask.appendChild(sheet);
    layer.appendChild(mask);
  });
}

/** A bottom panel with arbitrary content and a close button; resolves when closed. */
export function panel(title: string, body: HTMLElement, kind: string): Promise<void> {
  return new Promise((resolve) => {
    if (!layer) throw new Error('overlays not mounted');
    const mask = el('div', 'pv-mask pv-mask--sheet');
    const sheet = el('div', `pv-sheet pv-panel pv-panel--${kind}`);
    sheet.setAttribute('role', 'dialog');
    sheet.appendChild(el('div', 'pv-panel__title', title));
    sheet.appendChild(body);
    const close = el('button', 'pv-sheet__item pv-sheet__cancel', '关闭');
    close.type = 'button';
    const done = () => {
      mask.remove();
      resolve();
    };
    close.addEventListener('click', done);
    mask.addEventListener('click', (e) => e.target === mask && done());
    sheet.appendChild(close);
    mask.appendChild(sheet);
    layer.appendChild(mask);
  });
}

// ---- picker ----

export interface PickerRequest {
  mode: string;
  range: unknown[];
  rangeKey: string;
  value: unknown;
  start: string;
  end: string;
  headerText: string;
}

/** The fixed regions the region picker offers (the preview has no national list). */
const REGIONS: Array<[string, Array<[string, string[]]>]> = [
  ['广东省', [['广州市', ['天河区', '越秀区', '海珠区']], ['深圳市', ['南山区', '福田区', '宝安区']]]],
  ['上海市', [['上海市', ['浦东新区', '徐汇区', '静安区']]]],
  ['北京市', [['北京市', ['朝阳区', '海淀区', '东城区']]]],
  ['浙江省', [['杭州市', ['西湖区', '上城区', '滨江区']]]],
];

const label = (item: unknown, key: string) => (key && item && typeof item === 'object' ? String((item as Record<string, unknown>)[key] ?? '') : String(item));

function select(options: string[], selected: number): HTMLSelectElement {
  const s = document.createElement('select');
  s.className = 'pv-picker__select';
  options.forEach((text, i) => {
    const o = document.createElement('option');
    o.value = String(i);
    o.textContent = text;
    if (i === selected) o.selected = true;
    s.appendChild(o);
  });
  return s;
}

/** A picker sheet for `mode`; resolves what bindchange gets as detail.value, or null for cancel. */
export async function pickerSheet(req: PickerRequest): Promise<{ value: unknown; code?: string[] } | null> {
  const body = el('div', `pv-picker pv-picker--${req.mode}`);
  let read: () => { value: unknown; code?: string[] };
  if (req.mode === 'date' || req.mode === 'time') {
    const input = document.createElement('input');
    input.type = req.mode;
    input.className = 'pv-picker__input';
    input.value = String(req.value ?? '') || (req.mode === 'date' ? new Date().toISOString().slice(0, 10) : '12:00');
    if (req.start) input.min = req.start;
    if (req.end) input.max = req.end;
    body.appendChild(input);
    read = () => ({ value: input.value });
  } else if (req.mode === 'multiSelector') {
    const columns = req.range as unknown[][];
    const values = Array.isArray(req.value) ? (req.value as number[]) : [];
    const selects = columns.map((col, i) => select((col ?? []).map((c) => label(c, req.rangeKey)), Number(values[i] ?? 0)));
    selects.forEach((s) => body.appendChild(s));
    read = () => ({ value: selects.map((s) => Number(s.value)) });
  } else if (req.mode === 'region') {
    const current = Array.isArray(req.value) ? (req.value as string[]) : [];
    const p = Math.max(0, REGIONS.findIndex(([name]) => name === current[0]));
    const province = select(REGIONS.map(([name]) => name), p);
    const city = document.createElement('select');
    const county = document.createElement('select');
    city.className = county.className = 'pv-picker__select';
    const fill = (s: HTMLSelectElement, items: string[], pick: string) => {
      s.replaceChildren(...items.map((text, i) => Object.assign(document.createElement('option'), { value: String(i), textContent: text, selected: text === pick })));
    };
    const refresh = () => {
      const cities = REGIONS[Number(province.value)][1];
      if (Number(city.value) >= cities.length || !city.options.length) fill(city, cities.map(([c]) => c), current[1] ?? '');
      fill(county, cities[Number(city.value) || 0][1], current[2] ?? '');
    };
    fill(city, REGIONS[p][1].map(([c]) => c), current[1] ?? '');
    refresh();
    province.addEventListener('change', () => {
      fill(city, REGIONS[Number(province.value)][1].map(([c]) => c), '');
      refresh();
    });
    city.addEventListener('change', refresh);
    body.append(province, city, county);
    read = () => ({ value: [province.selectedOptions[0].text, city.selectedOptions[0].text, county.selectedOptions[0].text] });
  } else {
    const s = select(req.range.map((r) => label(r, req.rangeKey)), Number(req.value ?? 0));
    body.appendChild(s);
    read = () => ({ value: Number(s.value) });
  }
  const answer = await dialog<'ok' | 'cancel'>({
    title: req.headerText || '请选择',
    body,
    kind: 'picker',
    dismiss: 'cancel',
    buttons: [
      { text: '取消', value: 'cancel' },
      { text: '确定', value: 'ok', primary: true },
    ],
  });
  return answer === 'ok' ? read() : null;
}
