import { myShareCode } from '../../services/referral';

/** The path a shared live opens: its page, with the sharer's invite code when there is one. */
export function liveSharePath(liveId: string, inviteCode?: string | null): string {
  const code = inviteCode ? `&code=${encodeURIComponent(inviteCode)}` : '';
  return `/pages/live/detail/index?live=${encodeURIComponent(liveId)}${code}`;
}

export interface LiveShare {
  title: string;
  path: string;
  imageUrl: string;
  /** WeChat uses what this resolves within 3 s, else the fields above */
  promise: Promise<{ title: string; path: string; imageUrl: string }>;
}

/**
 * What onShareAppMessage returns for a live: its page with the sharer's code, so a friend's
 * reservation counts for the sharer's invite task (rewards follow that reservation, never the share
 * itself). The code comes from the server, made once per user and live; without it the plain path.
 */
export function shareLive(liveId: string, title: string, imageUrl: string): LiveShare {
  const share = { title, path: liveSharePath(liveId), imageUrl };
  const promise = myShareCode({ liveId })
    .then((c) => ({ ...share, path: liveSharePath(liveId, c.code) }))
    .catch(() => share);
  return { ...share, promise };
}
