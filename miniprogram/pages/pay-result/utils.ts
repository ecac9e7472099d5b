/** How long the result page waits for the payment notification: a read a second, five at most. */
export const POLL_INTERVAL_MS = 1000;
export const POLL_ATTEMPTS = 5;
