/** The parts of WeChat's component framework (miniprogram-exparser) and j-component the preview uses. */
declare module 'miniprogram-exparser' {
  const exparser: import('./exparser').Exparser;
  export = exparser;
}

declare module 'j-component' {
  const jComponent: {
    register(definition: Record<string, unknown>): string;
    behavior(definition: Record<string, unknown>): string;
  };
  export = jComponent;
}

declare module 'j-component/src/tool/utils' {
  const utils: {
    cache(id: string): { id: string; definition: Record<string, unknown>; exparserDef: unknown } | undefined;
    transformRpx(style: string, keepSpace?: boolean): string;
    getTagName(id: string): string | undefined;
  };
  export = utils;
}

declare module 'j-component/src/tool/intersectionobserver' {
  const IntersectionObserver: new (caller: unknown, options?: unknown) => unknown;
  export = IntersectionObserver;
}

declare module 'j-component/src/tool/selectorquery' {
  const SelectorQuery: { prototype: unknown };
  export = SelectorQuery;
}

declare module '*.css';
