/**
 * Promise forms of the platform dialogs the live pages use. Each resolves (never rejects): a
 * refused or unsupported dialog is an answer, not an error.
 */
export type ConsentAnswer = 'accept' | 'reject' | 'ban' | 'filter';

const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];

/**
 * Asks the user for one-time subscribe consents. Must be called synchronously inside a tap
 * handler (WeChat shows the dialog only for a user gesture). Resolves the template → answer map;
 * `{}` when the dialog failed or was not shown.
 */
export function requestSubscribe(tmplIds: string[]): Promise<Record<string, ConsentAnswer>> {
  return new Promise((resolve) => {
    if (!tmplIds.length || typeof wx.requestSubscribeMessage !== 'function') {
      resolve({});
      return;
    }
    wx.requestSubscribeMessage({
      tmplIds,
      success: (res) => {
        const out: Record<string, ConsentAnswer> = {};
        for (const id of tmplIds) {
          const answer = (res as unknown as Record<string, unknown>)[id];
          if (typeof answer === 'string' && ANSWERS.includes(answer)) out[id] = answer as ConsentAnswer;
        }
        resolve(out);
      },
      fail: () => resolve({}),
    });
  });
}

/** The states the server records for a Channels reservation (live.recordChannelsReservation). */
const RECORDED_STATES = [0, 1, 2, 3, 4, 5, 6];

/**
 * Shows the Channels reservation dialog for a notice. Resolves the state WeChat reported when it
 * is one the server records, else null (dialog failed, unsupported, or an unlisted state).
 */
export function reserveChannelsLive(noticeId: string): Promise<number | null> {
  return new Promise((resolve) => {
    if (typeof wx.reserveChannelsLive !== 'function') {
      resolve(null);
      return;
    }
    wx.reserveChannelsLive({
      noticeId,
      success: (res) => {
        const state = (res as unknown as { state?: unknown }).state;
        resolve(typeof state === 'number' && RECORDED_STATES.includes(state) ? state : null);
      },
      fail: () => resolve(null),
    });
  });
}

/** Opens the Channels live of a finder account; resolves whether WeChat opened it. */
export function openChannelsLive(finderUserName: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (typeof wx.openChannelsLive !== 'function') {
      resolve(false);
      return;
    }
    wx.openChannelsLive({ finderUserName, success: () => resolve(true), fail: () => resolve(false) });
  });
}
