import type { TrackEventInput } from '../../../typings/contract/index';
import { EventBatcher, MAX_BATCH_EVENTS, MAX_QUEUED_EVENTS, randomBatchId } from '../../../miniprogram/utils/event-batcher';

const beat = (at: number): TrackEventInput => ({ type: 'heartbeat', liveId: 'live-1', at });

class Failure extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** A sender that records every batch and answers from a script (default: success). */
function sender(script: Array<'ok' | string> = []) {
  const sent: Array<{ batchId: string; events: TrackEventInput[] }> = [];
  const send = async (batchId: string, events: TrackEventInput[]) => {
    sent.push({ batchId, events: [...events] });
    const answer = script.shift() ?? 'ok';
    if (answer !== 'ok') throw new Failure(answer);
    return { accepted: events.length, duplicate: false };
  };
  return { sent, send };
}

const ids = () => {
  let n = 0;
  return () => `batch-${String(++n).padStart(4, '0')}`;
};

describe('event batcher', () => {
  it('sends queued events as one batch with a fresh id, and nothing when empty', async () => {
    const { sent, send } = sender();
    const batcher = new EventBatcher(send, ids());
    expect(await batcher.flush()).toEqual({ sent: 0, retrying: false });
    batcher.add(beat(1));
    batcher.add(beat(2));
    expect(await batcher.flush()).toEqual({ sent: 1, retrying: false });
    batcher.add(beat(3));
    await batcher.flush();
    expect(sent).toEqual([
      { batchId: 'batch-0001', events: [beat(1), beat(2)] },
      { batchId: 'batch-0002', events: [beat(3)] },
    ]);
    expect(batcher.size).toBe(0);
  });

  it('resends a failed batch with the same id and events; later events wait for the next batch', async () => {
    const { sent, send } = sender(['NETWORK', 'ok', 'ok']);
    const batcher = new EventBatcher(send, ids());
    batcher.add(beat(1));
    expect(await batcher.flush()).toEqual({ sent: 0, retrying: true });
    expect(batcher.retryBatch).toEqual({ batchId: 'batch-0001', events: [beat(1)] });
    batcher.add(beat(2));
    expect(batcher.size).toBe(2);
    expect(await batcher.flush()).toEqual({ sent: 2, retrying: false });
    expect(sent).toEqual([
      { batchId: 'batch-0001', events: [beat(1)] },
      { batchId: 'batch-0001', events: [beat(1)] },
      { batchId: 'batch-0002', events: [beat(2)] },
    ]);
  });

  it('keeps the batch on a server error a retry may fix, drops it on INVALID_INPUT', async () => {
    const { sent, send } = sender(['INTERNAL', 'INVALID_INPUT']);
    const batcher = new EventBatcher(send, ids());
    batcher.add(beat(1));
    await batcher.flush();
    expect(batcher.retryBatch?.batchId).toBe('batch-0001');
    await batcher.flush();
    expect(batcher.retryBatch).toBeNull();
    expect(batcher.size).toBe(0);
    expect(sent.map((s) => s.batchId)).toEqual(['batch-0001', 'batch-0001']);
  });

  it('splits a long queue into batches of at most 100', async () => {
    const { sent, send } = sender();
    const batcher = new EventBatcher(send, ids());
    for (let i = 0; i < 250; i++) batcher.add(beat(i));
    expect(await batcher.flush()).toEqual({ sent: 3, retrying: false });
    expect(sent.map((s) => s.events.length)).toEqual([MAX_BATCH_EVENTS, MAX_BATCH_EVENTS, 50]);
  });

  it('drops the oldest events beyond the queue limit', () => {
    const batcher = new EventBatcher(sender().send, ids());
    for (let i = 0; i < MAX_QUEUED_EVENTS + 7; i++) batcher.add(beat(i));
    expect(batcher.size).toBe(MAX_QUEUED_EVENTS);
  });

  it('runs one flush at a time: a second call joins the first', async () => {
    let release: () => void = () => undefined;
    const sent: string[] = [];
    const send = (batchId: string) =>
      new Promise<void>((resolve) => {
        sent.push(batchId);
        release = resolve;
      });
    const batcher = new EventBatcher(send, ids());
    batcher.add(beat(1));
    const a = batcher.flush();
    const b = batcher.flush();
    expect(a).toBe(b);
    release();
    await a;
    expect(sent).toEqual(['batch-0001']);
  });

  it('makes batch ids the contract accepts', () => {
    const id = randomBatchId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(randomBatchId()).not.toBe(id);
    expect(randomBatchId(() => 0.999999)).toMatch(/^b9{19}$/);
  });
});
