/**
 * Per-instance private state for pages and components: timers, request tokens, raw data the view
 * does not render. Kept off `data` so it never goes through setData.
 */
export function instanceState<T extends object>(init: () => T): (owner: object) => T {
  const states = new WeakMap<object, T>();
  return (owner) => {
    let state = states.get(owner);
    if (!state) {
      state = init();
      states.set(owner, state);
    }
    return state;
  };
}
