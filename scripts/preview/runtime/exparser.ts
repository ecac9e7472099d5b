/** Types for the slice of miniprogram-exparser (WeChat's component framework) the preview touches. */

export interface ExElement {
  $$: HTMLElement | null;
  id: string;
  dataset: Record<string, unknown>;
  data: Record<string, unknown>;
  is: string;
  parentNode: ExElement | null;
  childNodes: ExElement[];
  shadowRoot: ExShadowRoot | null;
  ownerShadowRoot: ExShadowRoot | null;
  triggerLifeTime(name: string, args?: unknown[]): void;
  triggerPageLifeTime(name: string, args?: unknown[]): void;
  addListener(name: string, handler: (event: ExEvent) => unknown, options?: { capture?: boolean }): void;
}

export interface ExShadowRoot extends ExElement {
  querySelector(selector: string): ExElement | null;
  querySelectorAll(selector: string): ExElement[];
  getHostNode(): ExElement;
}

export interface ExEvent {
  type: string;
  detail: unknown;
  target: ExElement;
}

export interface Exparser {
  Element: {
    pretendAttached(node: ExElement): void;
    pretendDetached(node: ExElement): void;
    getMethodCaller(node: ExElement): Caller;
  };
  Component: {
    new (): unknown;
    prototype: Record<string, unknown>;
    getComponentOptions(node: ExElement): { classPrefix?: string };
    hasPublicProperty(node: ExElement, name: string): boolean;
  };
  Event: {
    create(name: string, detail: unknown, options: Record<string, unknown>): unknown;
    dispatchEvent(target: ExElement | Node, event: unknown): void;
  };
  registerElement(definition: { is: string; options: Record<string, unknown> } & Record<string, unknown>): unknown;
  createElement(tagName: string, definition: unknown): ExElement;
}

/** A component's `this`: its data and methods, as page and component code see it. */
export interface Caller {
  _exparserNode: ExElement;
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>, callback?: () => void): void;
  triggerEvent(name: string, detail?: unknown, options?: Record<string, unknown>): void;
  [key: string]: unknown;
}
