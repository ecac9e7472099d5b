/** The path a shared live opens: its page, with the sharer's invite code when there is one. */
export function liveSharePath(liveId: string, inviteCode?: string | null): string {
  const code = inviteCode ? `&code=${encodeURIComponent(inviteCode)}` : '';
  return `/pages/live/detail/index?live=${encodeURIComponent(liveId)}${code}`;
}
