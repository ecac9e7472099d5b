import type { ApiResult } from '../../../typings/contract/errors';
import type { Db } from '../ports';
import type { RequestRecord } from '../schema';
import { isDuplicateKey } from '../ports';
import { AppError } from './errors';
import { sha256, stableStringify } from './stable-json';
import { purgeRateWindows } from './rate-limit';

/** A pending record older than this belongs to a call that died; a retry may take it over. */
export const STALE_PENDING_MS = 60_000;

export interface RequestKey {
  fn: string;
  action: string;
  openid: string;
  requestId: string;
}

type Begun = { replay: ApiResult<unknown>; record?: undefined } | { replay?: undefined; record: RequestRecord };

export async function beginRequest(db: Db, key: RequestKey, input: unknown, now: number): Promise<Begun> {
  const requests = db.collection('requests');
  const record: RequestRecord = {
    _id: `${key.fn}:${key.action}:${key.openid}:${key.requestId}`,
    hash: sha256(stableStringify(input)),
    state: 'pending',
    result: null,
    createdAt: now,
  };
  try {
    await requests.insert(record);
    return { record };
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  const existing = await requests.get(record._id);
  if (!existing) return beginRequest(db, key, input, now);
  if (existing.hash !== record.hash) return { replay: refuse('IDEMPOTENCY_CONFLICT') };
  if (existing.state === 'done' && existing.result) return { replay: existing.result };
  if (existing.createdAt > now - STALE_PENDING_MS) return { replay: refuse('REQUEST_IN_PROGRESS') };
  const taken = await requests.update({ _id: record._id, state: 'pending', createdAt: existing.createdAt }, { $set: { createdAt: now } });
  return taken ? { record } : { replay: refuse('REQUEST_IN_PROGRESS') };
}

/** Stores the result for replay; `null` (a bug) releases the id so the client may retry. */
export async function finishRequest(db: Db, record: RequestRecord, result: ApiResult<unknown> | null): Promise<void> {
  const requests = db.collection('requests');
  if (result === null) await requests.remove({ _id: record._id, state: 'pending' });
  else await requests.update({ _id: record._id }, { $set: { state: 'done', result } });
}

const refuse = (code: 'IDEMPOTENCY_CONFLICT' | 'REQUEST_IN_PROGRESS'): ApiResult<never> => ({
  ok: false,
  error: new AppError(code).toApiError(),
});

/** Idempotency records are kept this long, then purged by the daily timer. */
export const REQUEST_RETENTION_MS = 7 * 24 * 3600_000;

/** The daily purge: idempotency records past their retention and closed rate windows. */
export async function purgeRequests(db: Db, now: number): Promise<{ purged: number; rateWindows: number }> {
  return {
    purged: await db.collection('requests').remove({ createdAt: { $lt: now - REQUEST_RETENTION_MS } }),
    rateWindows: await purgeRateWindows(db, now),
  };
}
