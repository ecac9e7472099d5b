import { shareWithCode, withShareCode, type ShareWithCode } from '../../utils/share';

/** The path a shared live opens: its page, with the sharer's invite code when there is one. */
export function liveSharePath(liveId: string, inviteCode?: string | null): string {
  return withShareCode(`/pages/live/detail/index?live=${encodeURIComponent(liveId)}`, inviteCode);
}

export type LiveShare = ShareWithCode & { imageUrl: string };

/**
 * What onShareAppMessage returns for a live: its page with the sharer's code, so a friend's
 * reservation counts for the sharer's invite task (rewards follow that reservation, never the share
 * itself). The code comes from the server, made once per user and live; without it the plain path.
 */
export function shareLive(liveId: string, title: string, imageUrl: string): LiveShare {
  return shareWithCode({ title, path: liveSharePath(liveId), imageUrl }, { liveId }) as LiveShare;
}
