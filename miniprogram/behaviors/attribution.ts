import { bindCode, resolveCode } from '../services/referral';
import { failureCode } from '../services/call';
import {
  codeToResolve,
  isShareCode,
  mergeAttribution,
  parseEntry,
  withResolution,
  type Attribution,
  type CodeResolution,
  type Entry,
  type ResolvedEntry,
} from '../utils/attribution';

/** What each page instance entered with, kept off `data` so it is never sent to the view. */
const entries = new WeakMap<object, Entry>();

/** Share codes already offered for binding in this session (per app instance). */
const offered = new WeakMap<object, Set<string>>();

/** Share codes looked up in this session (per app instance): one `referral.resolveCode` per code, whichever page asks. */
const resolutions = new WeakMap<object, Map<string, Promise<CodeResolution>>>();

/** Failures that are the code's own: asking again answers the same. */
const UNKNOWN_CODE = new Set(['REFERRAL_CODE_NOT_FOUND', 'INVALID_INPUT']);

/**
 * A user arriving through a share code (`code=` in a shared path, `c=` in a poster's scene) is
 * offered to the server for first-touch binding, once per code and session. The server decides
 * (new users only, never self, never a cycle, never re-bound); its REFERRAL_* refusals are normal
 * and only logged. A transport failure lets a later arrival with the same code try again.
 */
function offerBinding(app: IAppOption | undefined, attribution: Attribution): void {
  const code = [attribution.inviteCode, attribution.share].find(isShareCode);
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

/**
 * What a share code opens, asked of the server once per code and session; a code that is not one
 * is unknown without asking. A failed look-up is forgotten, so the next resolve asks again.
 */
export function resolveShareCode(app: IAppOption | undefined, code: string): Promise<CodeResolution> {
  if (!isShareCode(code)) return Promise.resolve({ status: 'unknown' });
  const cache = (app && resolutions.get(app)) || new Map<string, Promise<CodeResolution>>();
  if (app) resolutions.set(app, cache);
  const known = cache.get(code);
  if (known) return known;
  const asked = resolveCode(code).then(
    (r): CodeResolution => ({ status: 'resolved', liveId: r.liveId, productId: r.productId }),
    (e: unknown): CodeResolution => {
      const reason = failureCode(e);
      if (UNKNOWN_CODE.has(reason)) return { status: 'unknown' };
      cache.delete(code);
      return { status: 'failed', reason };
    },
  );
  cache.set(code, asked);
  return asked;
}

/** The entry with what its share code opens, when it names nothing itself (a poster's `c=` scene). */
export async function resolveEntry(app: IAppOption | undefined, entry: Entry): Promise<ResolvedEntry> {
  const code = codeToResolve(entry);
  return withResolution(entry, code ? await resolveShareCode(app, code) : null);
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
 * (page lifecycles in `methods` are not chained across behaviors, so the page owns the call), and
 * `this.resolveCapturedEntry()` before it needs the entry's target (a poster scene names only its code).
 * The session keeps the first capture, except that an attributed entry replaces an organic one;
 * an order uses the page's own attribution when it has one (a live card tap), else the session's.
 */
export const attributionBehavior = Behavior({
  methods: {
    captureEntry(options: Record<string, unknown> | null | undefined): Entry {
      const entry = recordEntry(getApp<IAppOption>(), options);
      entries.set(this, entry);
      return entry;
    },
    async resolveCapturedEntry(): Promise<ResolvedEntry> {
      const resolved = await resolveEntry(getApp<IAppOption>(), entries.get(this) ?? { attribution: { source: 'organic' } });
      entries.set(this, resolved);
      return resolved;
    },
    attributionForOrder(): Attribution {
      const own = entries.get(this)?.attribution;
      if (own && own.source !== 'organic') return own;
      return getApp<IAppOption>()?.globalData?.attribution ?? own ?? { source: 'organic' };
    },
  },
});
