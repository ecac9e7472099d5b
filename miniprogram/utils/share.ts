import { myShareCode } from '../services/referral';

/** The shop's name where a share or poster needs one. */
export const SHOP_TITLE = '直播好物';

export interface ShareContent {
  title: string;
  path: string;
  imageUrl?: string;
}

/** What onShareAppMessage returns: the content now, and a promise WeChat uses when it resolves within 3 s. */
export interface ShareWithCode extends ShareContent {
  promise: Promise<ShareContent>;
}

/** A shared path with the sharer's code (`code=`), so a friend arriving through it is offered for binding to the sharer. */
export function withShareCode(path: string, code: string | null | undefined): string {
  if (!code) return path;
  return `${path}${path.includes('?') ? '&' : '?'}code=${encodeURIComponent(code)}`;
}

/**
 * A share that carries the sharer's code for what it shares (the shop, a product, a live): the
 * code comes from the server, made once per user and target; without it, the plain path.
 */
export function shareWithCode(content: ShareContent, target: { liveId?: string; productId?: string } = {}): ShareWithCode {
  const promise = myShareCode(target)
    .then((c) => ({ ...content, path: withShareCode(content.path, c.code) }))
    .catch(() => content);
  return { ...content, promise };
}

/** The query of a share to 朋友圈 (onShareTimeline takes the current page with this query). */
export const timelineQuery = (params: Record<string, string | undefined>): string =>
  Object.entries(params)
    .filter((e): e is [string, string] => !!e[1])
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
