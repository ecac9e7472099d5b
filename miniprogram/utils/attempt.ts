import type { FailureCode } from '../services/call';

/**
 * One attempt at a write the shopper may retry (submitting an order): the request id is made once
 * and sent again while the same data is retried after a failure that may not have reached the
 * server, so the server answers the first result instead of writing twice. New data, or a
 * business refusal the server has recorded against the id, starts a new attempt.
 */
export interface Attempt {
  key: string;
  requestId: string;
}

/** Failures after which the same request id may safely be sent again. */
const RETRYABLE: ReadonlySet<FailureCode> = new Set<FailureCode>(['NETWORK', 'BAD_RESPONSE', 'INTERNAL', 'REQUEST_IN_PROGRESS']);

export const isRetryable = (code: FailureCode): boolean => RETRYABLE.has(code);

/** The attempt to send `key` with: the previous one when its data is the same, else a new one. */
export function attemptFor(previous: Attempt | null, key: string, newId: () => string): Attempt {
  return previous && previous.key === key ? previous : { key, requestId: newId() };
}

/** What to keep after a failure: the attempt when a retry may reuse its id, else nothing. */
export const afterFailure = (attempt: Attempt, code: FailureCode): Attempt | null => (isRetryable(code) ? attempt : null);
