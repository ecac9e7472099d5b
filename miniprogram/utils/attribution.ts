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
 */
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
