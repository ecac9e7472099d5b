/**
 * Entry attribution: where a shopper came from, read once from a page's `options` (or the app's
 * launch query) and kept for the order. Pure: no wx calls, no clock.
 *
 * Sources, first match wins for each field:
 * 1. query keys: `id` (product), `live`, `card`, `code` (inviter's code), `share` (share code);
 * 2. `scene` from a wxacode (URL-encoded by WeChat): `&`-joined one-letter pairs, at most 32 chars
 *      l=<liveId>  k=<cardId>  p=<productId>  i=<inviteCode>  c=<share short code>
 *    e.g. `c=AbC123` (a poster's short code, resolved on the server) or `l=live-1&k=card-3`;
 * 3. `custom_params` from the legacy live-player plugin: JSON (URL-encoded or not) with `live`
 *    and `card` keys (`liveId`/`cardId` also read); all its string values are kept as customParams.
 *
 * A launch `scene` that is a number (1007, 1047, ...) is the WeChat scene value, not a wxacode
 * scene, and is ignored here.
 *
 * A poster's scene carries only its short code (`c=<code>`): what it opens (a live, a product or
 * the shop) is the server's answer (`referral.resolveCode`), asked once per code and session by
 * `resolveEntry` in behaviors/attribution.ts and folded in here by `withResolution`.
 */
import { errorText } from './errors';

export type AttributionSource = 'live_card' | 'invite' | 'share' | 'organic';

export interface Attribution {
  liveId?: string;
  cardId?: string;
  inviteCode?: string;
  /** share short code: the sharer's link or poster, resolved on the server */
  share?: string;
  source: AttributionSource;
  customParams?: Record<string, string>;
}

export interface Entry {
  productId?: string;
  attribution: Attribution;
}

export const SCENE_MAX_LENGTH = 32;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** An id-shaped string, or undefined: anything else never reaches the server. */
function idOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  return ID.test(v) ? v : undefined;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const SCENE_KEYS: Record<string, keyof SceneFields> = { l: 'liveId', k: 'cardId', p: 'productId', i: 'inviteCode', c: 'share' };

interface SceneFields {
  liveId?: string;
  cardId?: string;
  productId?: string;
  inviteCode?: string;
  share?: string;
}

/** Parses a wxacode scene (encoded or already decoded). Unknown keys and bad values are dropped. */
export function parseScene(scene: unknown): SceneFields {
  if (typeof scene !== 'string' || !scene) return {};
  const text = decode(scene);
  if (text.length > SCENE_MAX_LENGTH) return {};
  const out: SceneFields = {};
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 1) continue;
    const field = SCENE_KEYS[pair.slice(0, eq)];
    const value = idOf(pair.slice(eq + 1));
    if (field && value && out[field] === undefined) out[field] = value;
  }
  return out;
}

/** Builds a scene string; returns null when the result would not fit in 32 characters. */
export function buildScene(fields: SceneFields): string | null {
  const letters = Object.keys(SCENE_KEYS);
  const parts = letters
    .filter((letter) => fields[SCENE_KEYS[letter]] !== undefined)
    .map((letter) => `${letter}=${fields[SCENE_KEYS[letter]]}`);
  const scene = parts.join('&');
  return scene.length <= SCENE_MAX_LENGTH ? scene : null;
}

/** Reads the legacy plugin's custom_params: a JSON object, possibly URL-encoded (once or twice). */
export function parseCustomParams(raw: unknown): Record<string, string> | undefined {
  if (typeof raw !== 'string' || !raw) return undefined;
  let text = raw;
  for (let i = 0; i < 3; i++) {
    try {
      const value: unknown = JSON.parse(text);
      if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
      }
      return out;
    } catch {
      const next = decode(text);
      if (next === text) return undefined;
      text = next;
    }
  }
  return undefined;
}

/** A live card is a card tap: a live id alone (a schedule or invite link) is not one. */
function sourceOf(a: Omit<Attribution, 'source'>): AttributionSource {
  if (a.cardId) return 'live_card';
  if (a.inviteCode) return 'invite';
  if (a.share) return 'share';
  return 'organic';
}

/** The product and attribution an entry carries. */
export function parseEntry(options: Record<string, unknown> | null | undefined): Entry {
  const o = options ?? {};
  const scene = parseScene(o.scene);
  const custom = parseCustomParams(o.custom_params);
  const fields = {
    liveId: idOf(o.live) ?? scene.liveId ?? idOf(custom?.live) ?? idOf(custom?.liveId),
    cardId: idOf(o.card) ?? scene.cardId ?? idOf(custom?.card) ?? idOf(custom?.cardId),
    inviteCode: idOf(o.code) ?? scene.inviteCode,
    share: idOf(o.share) ?? scene.share,
  };
  const attribution: Attribution = { source: sourceOf(fields) };
  if (fields.liveId) attribution.liveId = fields.liveId;
  if (fields.cardId) attribution.cardId = fields.cardId;
  if (fields.inviteCode) attribution.inviteCode = fields.inviteCode;
  if (fields.share) attribution.share = fields.share;
  if (custom) attribution.customParams = custom;
  const productId = idOf(o.id) ?? scene.productId;
  return productId ? { productId, attribution } : { attribution };
}

export const parseAttribution = (options: Record<string, unknown> | null | undefined): Attribution =>
  parseEntry(options).attribution;

/**
 * The session's attribution after a new entry: the first one is kept, except that an attributed
 * entry (live card, invite, share) replaces an organic one.
 */
export function mergeAttribution(current: Attribution | null, incoming: Attribution): Attribution {
  if (!current) return incoming;
  if (current.source === 'organic' && incoming.source !== 'organic') return incoming;
  return current;
}

/** What `referral.bind` and `referral.resolveCode` take: a share code, 6–12 letters and digits. */
const SHARE_CODE = /^[A-Za-z0-9]{6,12}$/;

export const isShareCode = (code: string | undefined): code is string => code !== undefined && SHARE_CODE.test(code);

/** What the server said a share code opens, or why it could not say. */
export type CodeResolution =
  | { status: 'resolved'; liveId: string | null; productId: string | null }
  /** not shaped like a share code, or no such code: asking again will not help */
  | { status: 'unknown' }
  /** the look-up failed (the failure's code); a later resolve asks again */
  | { status: 'failed'; reason: string };

/** An entry with its share code's fate: `none` when it had none to resolve. */
export interface ResolvedEntry extends Entry {
  code: 'none' | CodeResolution['status'];
  /** the failure's code when the look-up failed */
  reason?: string;
}

/** The share code an entry must resolve to know what it opens: one that names neither a live nor a product (a poster's scene). */
export function codeToResolve(entry: Entry): string | undefined {
  return entry.productId || entry.attribution.liveId ? undefined : entry.attribution.share;
}

/** The entry completed by its code's resolution: the code's live and product fill what the entry does not name. */
export function withResolution(entry: Entry, resolution: CodeResolution | null): ResolvedEntry {
  if (!resolution) return { ...entry, code: 'none' };
  if (resolution.status === 'unknown') return { ...entry, code: 'unknown' };
  if (resolution.status === 'failed') return { ...entry, code: 'failed', reason: resolution.reason };
  const attribution: Attribution = { ...entry.attribution };
  if (!attribution.liveId && resolution.liveId) attribution.liveId = resolution.liveId;
  const productId = entry.productId ?? resolution.productId ?? undefined;
  return productId ? { productId, attribution, code: 'resolved' } : { attribution, code: 'resolved' };
}

/** The sharer's code a reservation carries: a shared path's invite code, else a poster's share code. */
export const sharerCode = (a: Attribution | null | undefined): string | undefined => a?.inviteCode ?? a?.share;

/**
 * The page state when an entry's target is still missing after resolving: an unknown code says
 * so (asking again will not help), a failed look-up is the error with retry, else not found.
 */
export function missingTargetState(entry: ResolvedEntry): { state: 'not_found' | 'bad_code' | 'error'; errorMessage: string } {
  if (entry.code === 'failed') return { state: 'error', errorMessage: errorText({ code: entry.reason }) };
  return { state: entry.code === 'unknown' ? 'bad_code' : 'not_found', errorMessage: '' };
}
