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

declare module '*.css';
