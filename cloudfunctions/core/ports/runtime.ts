/** Time, ids and randomness are passed in, so rules and tests never read them directly. */
export interface Clock {
  /** epoch milliseconds */
  now(): number;
}

export interface Ids {
  /** a new unique, roughly time-ordered id */
  next(): string;
}

export interface Random {
  /** cryptographically strong random bytes */
  bytes(n: number): Uint8Array;
}
