/** The live's channel state, as WeCom carries it back (at most 30 characters). */
export const STATE_PREFIX = 'lv_';
export const MAX_STATE_LENGTH = 30;

export function wecomState(liveId: string): string {
  const state = STATE_PREFIX + liveId;
  if (state.length > MAX_STATE_LENGTH) throw new Error(`live id too long for a WeCom state: ${liveId}`);
  return state;
}

export const liveIdOfState = (state: string | null): string | null =>
  state && state.startsWith(STATE_PREFIX) && state.length <= MAX_STATE_LENGTH ? state.slice(STATE_PREFIX.length) : null;
