import { ERROR_TEXTS } from './generated/errors';

/** Failures the mini program reports itself: no answer from the server, or one it cannot read. */
export const CLIENT_ERROR_TEXTS = {
  NETWORK: '网络不给力，请检查网络后重试',
  BAD_RESPONSE: '服务暂时不可用，请稍后重试',
} as const;

/** Every code's Chinese text: the server's (generated from its list) and the mini program's own. */
const TEXT: Record<string, string> = { ...ERROR_TEXTS, ...CLIENT_ERROR_TEXTS };

/** The code of a failed call (an ApiFailure or anything thrown); NETWORK when it carries none. */
export function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'NETWORK';
}

/**
 * A short line for the shopper from a failed call: the code's Chinese text; for a code this build
 * does not know, the server's message, else the INTERNAL text.
 */
export function errorText(e: unknown): string {
  const code = errorCode(e);
  if (TEXT[code]) return TEXT[code];
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message ? message : TEXT.INTERNAL;
}
