import { bindCode } from '../services/referral';
import { failureCode } from '../services/call';
import { mergeAttribution, parseEntry, type Attribution, type Entry } from '../utils/attribution';

/** What each page instance entered with, kept off `data` so it is never sent to the view. */
const entries = new WeakMap<object, Attribution>();

/** Share codes already offered for binding in this session (per app instance). */
const offered = new WeakMap<object, Set<string>>();

/** What `referral.bind` takes: a share code, 6–12 letters and digits. */
const SHARE_CODE = /^[A-Za-z0-9]{6,12}$/;

/**
 * A user arriving through a share code (`code=` in a shared path, `c=` in a poster's scene) is
 * offered to the server for first-touch binding, once per code and session. The server decides
 * (new users only, never self, never a cycle, never re-bound); its REFERRAL_* refusals are normal
 * and only logged. A transport failure lets a later arrival with the same code try again.
 */
function offerBinding(app: IAppOption | undefined, attribution: Attribution): void {
  const code = [attribution.inviteCode, attribution.share].find((c) => c !== undefined && SHARE_CODE.test(c));
  if (!code || !app) return;
  const codes = offered.get(app) ?? new Set<string>();
  offered.set(app, codes);
  if (codes.has(code)) return;
  codes.add(code);
  bindCode(code).catch((e: unknown) => {
    const reason = failureCode(e);
    if (reason === 'NETWORK' || reason === 'BAD_RESPONSE' || reason === 'INTERNAL') codes.delete(code);
    console.info(`referral.bind ${code}: ${reason}`);
  });
}

/** Records an entry's attribution for the session (the app's globalData), offers its share code for binding, and returns the entry. */
export function recordEntry(app: IAppOption | undefined, options: Record<string, unknown> | null | undefined): Entry {
  const entry = parseEntry(options);
  if (app?.globalData) app.globalData.attribution = mergeAttribution(app.globalData.attribution, entry.attribution);
  offerBinding(app, entry.attribution);
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
