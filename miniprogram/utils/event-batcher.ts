import type { TrackEventInput } from '../../typings/contract/index';
import { MAX_TRACK_EVENTS } from './generated/limits';

/**
 * Room events (heartbeats, card taps, consult taps, comments) queued on the device and sent in
 * batches. The server counts each batch id once, so a batch that failed to send is sent again
 * with the same id and the same events, and events queued meanwhile wait for the next batch.
 * No timers and no wx calls here: the page decides when to flush.
 */
export type SendBatch = (batchId: string, events: TrackEventInput[]) => Promise<unknown>;

export interface PendingBatch {
  batchId: string;
  events: TrackEventInput[];
}

export interface FlushResult {
  /** batches the server answered */
  sent: number;
  /** a batch is kept for the next flush (the send failed in a way a retry may fix) */
  retrying: boolean;
}

/** The contract's limit on one batch. */
export const MAX_BATCH_EVENTS = MAX_TRACK_EVENTS;
/** Beyond this the oldest queued events are dropped: a long outage must not grow without bound. */
export const MAX_QUEUED_EVENTS = 500;

/** Failures a retry cannot fix: the batch is dropped instead of being sent forever. */
const PERMANENT = new Set(['INVALID_INPUT', 'UNKNOWN_ACTION', 'UNKNOWN_FUNCTION']);

const codeOf = (e: unknown): string => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'NETWORK';
};

const BATCH_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh batch id: 20 random characters of the contract's `[A-Za-z0-9_-]{8,64}`. */
export function randomBatchId(random: () => number = Math.random): string {
  let id = 'b';
  for (let i = 0; i < 19; i++) id += BATCH_ALPHABET[Math.floor(random() * BATCH_ALPHABET.length) % BATCH_ALPHABET.length];
  return id;
}

export class EventBatcher {
  private queue: TrackEventInput[] = [];
  private pending: PendingBatch | null = null;
  private running: Promise<FlushResult> | null = null;

  constructor(
    private readonly send: SendBatch,
    private readonly newBatchId: () => string = randomBatchId,
  ) {}

  add(event: TrackEventInput): void {
    this.queue.push(event);
    if (this.queue.length > MAX_QUEUED_EVENTS) this.queue.splice(0, this.queue.length - MAX_QUEUED_EVENTS);
  }

  /** events not yet answered by the server (the pending batch and the queue) */
  get size(): number {
    return this.queue.length + (this.pending ? this.pending.events.length : 0);
  }

  /** the batch that failed and will be sent again, if any */
  get retryBatch(): PendingBatch | null {
    return this.pending ? { batchId: this.pending.batchId, events: [...this.pending.events] } : null;
  }

  /** Sends what is queued, batch after batch; one flush at a time (a second call joins the first). */
  flush(): Promise<FlushResult> {
    if (!this.running) {
      this.running = this.drain().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async drain(): Promise<FlushResult> {
    let sent = 0;
    for (;;) {
      if (!this.pending) {
        if (!this.queue.length) return { sent, retrying: false };
        this.pending = { batchId: this.newBatchId(), events: this.queue.splice(0, MAX_BATCH_EVENTS) };
      }
      const batch = this.pending;
      try {
        await this.send(batch.batchId, batch.events);
        sent++;
        this.pending = null;
      } catch (e) {
        if (!PERMANENT.has(codeOf(e))) return { sent, retrying: true };
        this.pending = null;
      }
    }
  }
}
