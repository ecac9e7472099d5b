import type { ApiResult } from '../../../typings/contract/errors';
import { SqliteDb } from '../adapters/sqlite/db';
import { cryptoRandom, systemClock, timeOrderedIds } from '../adapters/system';
import type { FunctionDef } from '../kernel/define';
import { dispatch, dispatchTimer } from '../kernel/dispatch';
import { AppError } from '../kernel/errors';
import { FUNCTIONS } from '../functions';
import type { Caller, Clock, Ids, Ports, Random } from '../ports';

/**
 * The local runtime's wiring: every function on one SQLite file, with real local adapters.
 * Used by `npm start`, the tests and the benchmarks alike.
 */
export interface LocalOptions {
  dbPath: string;
  clock?: Clock;
  random?: Random;
  ids?: Ids;
  log?: (message: string, error: unknown) => void;
}

export interface LocalRuntime {
  ports: Ports;
  db: SqliteDb;
  functions: Record<string, FunctionDef>;
  /** one call as the given openid (null: no identity) */
  call(fn: string, request: unknown, openid: string | null): Promise<ApiResult<unknown>>;
  runTimer(fn: string, trigger: string): Promise<ApiResult<unknown>>;
  close(): Promise<void>;
}

const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

/** Local identity: the development header, checked for shape only. */
export function localCaller(openid: string | null | undefined): Caller | null {
  return openid && OPENID.test(openid) ? { openid } : null;
}

export function createLocalRuntime(options: LocalOptions): LocalRuntime {
  const db = new SqliteDb(options.dbPath);
  const clock = options.clock ?? systemClock;
  const random = options.random ?? cryptoRandom;
  const ports: Ports = { db, clock, random, ids: options.ids ?? timeOrderedIds(clock, random) };
  const unknownFunction = (fn: string): ApiResult<never> => ({
    ok: false,
    error: new AppError('UNKNOWN_FUNCTION', `no function ${fn}`).toApiError(),
  });
  return {
    ports,
    db,
    functions: FUNCTIONS,
    async call(fn, request, openid) {
      const def = Object.prototype.hasOwnProperty.call(FUNCTIONS, fn) ? FUNCTIONS[fn] : undefined;
      if (!def) return unknownFunction(fn);
      return dispatch(def, ports, request, localCaller(openid), { log: options.log });
    },
    async runTimer(fn, trigger) {
      const def = FUNCTIONS[fn];
      if (!def) return unknownFunction(fn);
      return dispatchTimer(def, ports, trigger);
    },
    close: () => db.close(),
  };
}
