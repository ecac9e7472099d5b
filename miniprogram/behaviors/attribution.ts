import { mergeAttribution, parseEntry, type Attribution, type Entry } from '../utils/attribution';

/** What each page instance entered with, kept off `data` so it is never sent to the view. */
const entries = new WeakMap<object, Attribution>();

/** Records an entry's attribution for the session (the app's globalData) and returns the entry. */
export function recordEntry(app: IAppOption | undefined, options: Record<string, unknown> | null | undefined): Entry {
  const entry = parseEntry(options);
  if (app?.globalData) app.globalData.attribution = mergeAttribution(app.globalData.attribution, entry.attribution);
  return entry;
}

/**
 * Attribution capture for entry pages. A page calls `this.captureEntry(options)` first in onLoad
 * (page lifecycles in `methods` are not chained across behaviors, so the page owns the call).
 * The session keeps the first capture, except that an attributed entry replaces an organic one;
 * an order uses the page's own attribution when it has one (a live card tap), else the session's.
 */
export const attributionBehavior = Behavior({
  methods: {
    captureEntry(options: Record<string, unknown> | null | undefined): Entry {
      const entry = recordEntry(getApp<IAppOption>(), options);
      entries.set(this, entry.attribution);
      return entry;
    },
    attributionForOrder(): Attribution {
      const own = entries.get(this);
      if (own && own.source !== 'organic') return own;
      return getApp<IAppOption>()?.globalData?.attribution ?? own ?? { source: 'organic' };
    },
  },
});
