/**
 * Pointer input → the mini program's events, dispatched through exparser so bind/catch, capture,
 * bubbling across component boundaries and dataset work as in WeChat: touchstart / touchmove /
 * touchend / touchcancel from pointer events, `tap` from a click that did not move, `longpress`
 * (and the older `longtap`) after 350 ms held. A disabled button takes no tap.
 */
import exparser from 'miniprogram-exparser';
import type { ExElement } from './exparser';

const LONGPRESS_MS = 350;
const MOVE_LIMIT = 10;

type WxDom = HTMLElement & { __wxElement?: ExElement };

/** The nearest DOM node that belongs to an exparser element (native children of built-ins do not). */
function wxTarget(node: EventTarget | null): WxDom | null {
  let el = node instanceof Node ? (node.nodeType === Node.ELEMENT_NODE ? (node as HTMLElement) : node.parentElement) : null;
  while (el && !(el as WxDom).__wxElement) el = el.parentElement;
  return el as WxDom | null;
}

function touch(e: PointerEvent | MouseEvent, id: number) {
  const frame = (e.target as HTMLElement | null)?.closest?.('.wx-page-frame')?.getBoundingClientRect() ?? { left: 0, top: 0 };
  const x = e.clientX - frame.left;
  const y = e.clientY - frame.top;
  return { identifier: id, pageX: x, pageY: y, clientX: x, clientY: y, force: 1 };
}

function fire(target: WxDom, name: string, detail: Record<string, unknown>, original: Event, touches: unknown[], changed: unknown[]): void {
  const element = target.__wxElement;
  if (!element) return;
  exparser.Event.dispatchEvent(
    element,
    exparser.Event.create(name, detail, {
      originalEvent: original,
      bubbles: true,
      capturePhase: true,
      composed: true,
      extraFields: { touches, changedTouches: changed },
    }),
  );
}

const disabledButton = (el: HTMLElement) => !!el.closest('wx-button[disabled]');

/** Listens on the page stack; every page's events go through here. */
export function bindEvents(root: HTMLElement): void {
  let start: { x: number; y: number; id: number; target: WxDom; longpressed: boolean; timer: number; moved: boolean } | null = null;

  root.addEventListener('pointerdown', (e) => {
    if (!e.isPrimary || e.button > 0) return;
    const target = wxTarget(e.target);
    if (!target) return;
    const t = touch(e, e.pointerId);
    start = { x: e.clientX, y: e.clientY, id: e.pointerId, target, longpressed: false, moved: false, timer: 0 };
    const current = start;
    fire(target, 'touchstart', {}, e, [t], [t]);
    current.timer = window.setTimeout(() => {
      if (current.moved || start !== current) return;
      current.longpressed = true;
      const detail = { x: t.pageX, y: t.pageY };
      fire(target, 'longpress', detail, e, [t], [t]);
      fire(target, 'longtap', detail, e, [t], [t]);
    }, LONGPRESS_MS);
  });

  root.addEventListener('pointermove', (e) => {
    if (!start || e.pointerId !== start.id) return;
    if (Math.abs(e.clientX - start.x) > MOVE_LIMIT || Math.abs(e.clientY - start.y) > MOVE_LIMIT) {
      start.moved = true;
      window.clearTimeout(start.timer);
    }
    const t = touch(e, e.pointerId);
    fire(start.target, 'touchmove', {}, e, [t], [t]);
  });

  const end = (name: 'touchend' | 'touchcancel') => (e: PointerEvent) => {
    if (!start || e.pointerId !== start.id) return;
    window.clearTimeout(start.timer);
    const t = touch(e, e.pointerId);
    fire(start.target, name, {}, e, [], [t]);
    if (name === 'touchcancel') start = null;
  };
  root.addEventListener('pointerup', end('touchend'));
  root.addEventListener('pointercancel', end('touchcancel'));

  root.addEventListener('click', (e) => {
    const pressed = start;
    start = null;
    if (pressed && (pressed.moved || pressed.longpressed)) return;
    const target = wxTarget(e.target);
    if (!target || disabledButton(target)) return;
    const t = touch(e, 0);
    fire(target, 'tap', { x: t.pageX, y: t.pageY }, e, [], [t]);
  });
}
