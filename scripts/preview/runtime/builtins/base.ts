/**
 * Built-in components for the browser: each is an exparser component (registered through
 * j-component like any other) whose host element is the WeChat tag (`wx-view`, `wx-image`, …).
 * Those that need a native element (img, input, canvas, video) create it inside the host; their
 * slot content, if any, is composed into the host by exparser as in WeChat.
 */
import jComponent from 'j-component';
import exparser from 'miniprogram-exparser';
import type { Caller, ExElement } from '../exparser';

export type BuiltinThis = Caller;

export interface BuiltinDefinition {
  template?: string;
  properties?: Record<string, unknown>;
  methods?: Record<string, (this: BuiltinThis, ...args: never[]) => unknown>;
  lifetimes?: Record<string, (this: BuiltinThis) => void>;
  observers?: Record<string, (this: BuiltinThis, ...values: never[]) => void>;
  behaviors?: string[];
}

/** The host DOM element of a built-in. */
export const host = (self: BuiltinThis): HTMLElement => self._exparserNode.$$ as HTMLElement;

/** Per-instance state kept off `data` (which exparser copies on every update). */
export function stateOf<S extends object>(make: () => S): (self: BuiltinThis) => S {
  const states = new WeakMap<ExElement, S>();
  return (self) => {
    let s = states.get(self._exparserNode);
    if (!s) states.set(self._exparserNode, (s = make()));
    return s;
  };
}

const HIDDEN = {
  hidden: {
    type: Boolean,
    value: false,
    observer(this: BuiltinThis, hidden: boolean) {
      host(this).hidden = !!hidden;
    },
  },
};

/** Registers `wx-<name>`; wcc output names some tags with the prefix and some without, so both ids exist. */
export function defineBuiltin(name: string, definition: BuiltinDefinition = {}): void {
  for (const id of [`wx-${name}`, name]) {
    jComponent.register({
      id,
      tagName: `wx-${name}`,
      template: definition.template ?? '<slot/>',
      properties: { ...HIDDEN, ...(definition.properties ?? {}) },
      methods: definition.methods ?? {},
      lifetimes: definition.lifetimes ?? {},
      observers: definition.observers ?? {},
      behaviors: definition.behaviors ?? [],
      options: { classPrefix: '', multipleSlots: false },
    });
  }
}

/** The class prefix of the component whose template holds this node ('' on pages). */
export function ownerPrefix(self: BuiltinThis): string {
  const owner = self._exparserNode.ownerShadowRoot?.getHostNode();
  return owner ? exparser.Component.getComponentOptions(owner).classPrefix ?? '' : '';
}

/** hover-class: the owner's class while pressed, after hover-start-time, kept for hover-stay-time. */
export function bindHover(self: BuiltinThis, defaultClass: string): void {
  const el = host(self);
  let added: string[] = [];
  let startTimer = 0;
  const clear = () => {
    window.clearTimeout(startTimer);
    const stay = Number(self.data.hoverStayTime ?? 70);
    const classes = added;
    added = [];
    window.setTimeout(() => classes.forEach((c) => el.classList.remove(c)), stay);
  };
  el.addEventListener('pointerdown', (e) => {
    const value = String(self.data.hoverClass ?? defaultClass);
    if (!value || value === 'none' || self.data.disabled) return;
    if (self.data.hoverStopPropagation) e.stopPropagation();
    const prefix = ownerPrefix(self);
    const classes = value.split(/\s+/).filter(Boolean).map((c) => (prefix && !c.startsWith('button-hover') && !c.startsWith('navigator-hover') ? `${prefix}--${c}` : c));
    startTimer = window.setTimeout(() => {
      added = classes;
      classes.forEach((c) => el.classList.add(c));
    }, Number(self.data.hoverStartTime ?? 20));
  });
  for (const type of ['pointerup', 'pointercancel', 'pointerleave']) el.addEventListener(type, clear);
}
