import http from 'node:http';
import type { AddressInfo } from 'node:net';
import tcb from '@cloudbase/node-sdk';
import { BSONRegExp, EJSON } from 'bson';
import type { TableSpec } from '../../cloudfunctions/core/schema/collections';
import { CODES, DocumentStore, ServiceError, type Doc, type DoubleCollection } from './store';

/**
 * The CloudBase test double: an in-process HTTP server that answers the wire requests the real
 * `@cloudbase/node-sdk` sends (`POST /admin`, `action: database.*`, EJSON-encoded queries, updates
 * and documents) the way the CloudBase document database does, over a DocumentStore with
 * MongoDB semantics. `app` is a real `tcb.init` client pointed at it (`serviceUrl`), so the SDK's
 * own serialisation, error handling and `runTransaction` retries run as they do in a function.
 *
 * What it cannot prove about the real service: its query planner and indexes' speed, limits on
 * request size and rate, transaction lifetime and lock timeouts, how many conflicts a real burst
 * produces (here conflicts follow MongoDB's rules exactly, timing is only the injected latency),
 * the exact text of error messages, and the signature check (the double accepts any credentials).
 */

/** The collections as `schema/` declares them (and `npm run export:indexes` exports them): their unique keys. */
export const doubleCollections = (specs: TableSpec[]): DoubleCollection[] =>
  specs.map((c) => ({
    name: c.name,
    unique: c.indexes.filter((i) => i.unique).map((i) => ({ name: i.name, fields: i.fields.map(([f]) => f), partial: i.partial })),
  }));

export interface DoubleOptions {
  collections: DoubleCollection[];
  /** each request waits a random 0–`latencyMs` ms before it is evaluated and again before its answer */
  latencyMs?: number;
  random?: () => number;
}

export interface CloudbaseDouble {
  app: ReturnType<typeof tcb.init>;
  store: DocumentStore;
  url: string;
  /** requests answered so far, by action */
  calls: Map<string, number>;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

const RELAXED = { relaxed: false } as const;

/** EJSON regular expressions become JS ones, so mingo matches them as MongoDB does. */
function toNative(value: unknown): unknown {
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options.replace(/[^ims]/g, ''));
  if (Array.isArray(value)) return value.map(toNative);
  if (value && typeof value === 'object' && !(value instanceof RegExp)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toNative(v)]));
  }
  return value;
}

const parse = (text: unknown): Record<string, unknown> =>
  typeof text === 'string' && text ? (toNative(EJSON.parse(text, { relaxed: true })) as Record<string, unknown>) : {};

const dump = (doc: Doc) => EJSON.stringify(doc, RELAXED);

type Params = Record<string, unknown> & { action: string };

async function answer(store: DocumentStore, p: Params): Promise<Record<string, unknown>> {
  const coll = String(p.collectionName ?? '');
  const transactionId = typeof p.transactionId === 'string' && p.transactionId ? p.transactionId : undefined;
  switch (p.action) {
    case 'database.getDocument': {
      const query = parse(p.query);
      const order = parse(p.order) as Record<string, 1 | -1>;
      const limit = typeof p.limit === 'number' ? Math.min(p.limit, 1000) : 100;
      if (transactionId && (p.queryType !== 'DOC' || typeof query._id !== 'string')) {
        throw new ServiceError(CODES.badParam, 'inside a transaction documents are read by _id only');
      }
      const list = store.find(coll, query, { order, offset: Number(p.offset ?? 0), limit, transactionId });
      return { data: { list: list.map(dump), limit, offset: Number(p.offset ?? 0) } };
    }
    case 'database.calculateDocument':
      return { data: { total: store.count(coll, parse(p.query)) } };
    case 'database.insertDocument': {
      const docs = ((p.data as string[]) ?? []).map((d) => parse(d) as Doc);
      return { data: { insertedIds: await store.insert(coll, docs, transactionId) } };
    }
    case 'database.modifyDocument': {
      const res = await store.modify(coll, parse(p.query), parse(p.data), {
        multi: p.multi !== false,
        merge: p.merge !== false,
        upsert: p.upsert === true,
        transactionId,
      });
      return { data: { updated: res.updated, upsert_id: res.upsertId } };
    }
    case 'database.removeDocument':
      return { data: { deleted: await store.remove(coll, parse(p.query), { multi: p.multi !== false, transactionId }) } };
    case 'database.addCollection':
      store.addCollection(coll);
      return { data: {} };
    case 'database.startTransaction':
      return { transactionId: store.begin() };
    case 'database.commitTransaction':
      store.commit(String(p.transactionId));
      return {};
    case 'database.abortTransaction':
      store.abort(String(p.transactionId));
      return {};
    default:
      throw new ServiceError(CODES.badParam, `action not served by the double: ${p.action}`);
  }
}

export async function startCloudbaseDouble(options: DoubleOptions): Promise<CloudbaseDouble> {
  // Outside Tencent Cloud the SDK probes the cloud's metadata address before every request and
  // waits for it to time out (about 65 ms here); the product's functions run inside it, so the
  // double tells the SDK it is there too.
  process.env.TENCENTCLOUD ??= 'true';
  const store = new DocumentStore(options.collections);
  const random = options.random ?? Math.random;
  let latency = options.latencyMs ?? 0;
  const calls = new Map<string, number>();
  const pause = () => (latency > 0 ? new Promise<void>((resolve) => setTimeout(resolve, Math.floor(random() * (latency + 1)))) : Promise.resolve());
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      let body: Record<string, unknown>;
      let requestId = `double-${Date.now().toString(36)}`;
      try {
        const params = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Params;
        requestId = `${requestId}-${params.action}`;
        calls.set(params.action, (calls.get(params.action) ?? 0) + 1);
        await pause();
        body = { requestId, ...(await answer(store, params)) };
      } catch (e) {
        body = e instanceof ServiceError ? { requestId, code: e.code, message: e.message } : { requestId, code: CODES.failed, message: String(e) };
      }
      await pause();
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    });
  });
  // The SDK's agent reuses idle connections; a server closing one at the moment a request is sent
  // on it answers ECONNRESET, so the double never closes idle connections itself (close() does).
  server.keepAliveTimeout = 0;
  server.headersTimeout = 0;
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`;
  const app = tcb.init({ env: 'double-env', secretId: 'double-id', secretKey: 'double-key', serviceUrl: url, timeout: 60_000 } as Parameters<typeof tcb.init>[0]);
  return {
    app,
    store,
    url,
    calls,
    setLatency: (ms) => (latency = ms),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
