import type { PostLiveProgress } from '../../../typings/contract';
import { AppError, fail } from '../kernel/errors';
import type { TimerCtx } from '../kernel/define';
import { HOUR } from '../kernel/time';
import { POSTLIVE_WINDOW_HOURS } from '../../../typings/contract/limits';
import type { Clock, Db } from '../ports';
import type { MessagingPort } from '../ports/messaging';
import type { CouponTemplateDoc } from '../schema';
import { grantCoupon } from '../modules/coupons';
import type { LiveDoc } from '../schema';
import { isViewer, liveState, VIEWER_FILTER } from '../modules/live';
import { send } from '../modules/messaging';
import { templateId } from '../modules/messaging';
import type { OrderDoc } from '../schema';
import { boughtRecently, loadAssoc, loadCandidates } from '../modules/recommend';
import { relatedTo } from '../modules/recommend';
import { scheduleTask } from '../modules/sop';
import { RUN_BUDGET_MS } from '../kernel/jobs';
import { evaluateTags, loadTagRules } from '../modules/tags';
import { jobsOf } from '../kernel/jobs';
import type { PostLiveJobDoc, TagRuleDoc } from '../schema';
import { PAID_STATUSES } from '../modules/orders';
import { COMEBACK_TEMPLATE, packTasks, pickBundle, type Bundle } from '../modules/postlive';
import { bestSellersLookedAt, segmentAudience, type OrderFact } from '../modules/postlive';

/**
 * The post-live job (直播后分层跟进). Within 24 h of a live's end it walks the live's audience in
 * pages, ordered by user id, from a cursor persisted after each page, so each run stays inside a
 * cloud function's time limit and the next run carries on. A page's users are segmented by the
 * pure rules and each gets their follow-up; every step is idempotent on its key
 * (`postlive:<liveId>:<userId>:coupon`, `…:msg`, `newmember:<userId>:d<N>:…`), so a page redone
 * after a crash gives nothing twice and a user gets at most one post-live message per live.
 * No page loads more than its users' orders in this live (the `source.liveId, userId` index),
 * plus, for buyers only, one earlier order and their recent history.
 */
export const POSTLIVE_WINDOW_MS = POSTLIVE_WINDOW_HOURS * HOUR;
export const PAGE_SIZE = 200;
/** a staff call answers within the admin function's 20 s */
export const STAFF_BUDGET_MS = 10_000;


export interface PostLiveDeps {
  db: Db;
  messaging: MessagingPort;
  clock: Clock;
  now: number;
}

export interface RunOptions {
  budgetMs?: number;
  pageSize?: number;
  /** called before each user's follow-up (tests interrupt the job here) */
  onUser?: (userId: string, index: number) => void;
}

export const jobId = (liveId: string) => `postlive:${liveId}`;
export const stepKey = (liveId: string, userId: string, step: 'coupon' | 'msg') => `postlive:${liveId}:${userId}:${step}`;
export const windowEnd = (live: Pick<LiveDoc, 'endAt'>) => live.endAt + POSTLIVE_WINDOW_MS;

const jobs = (db: Db) => jobsOf<PostLiveJobDoc>(db);
const clip = (s: string, n = 20) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

async function liveSales(db: Db, liveId: string): Promise<Array<[string, number]>> {
  const units = new Map<string, number>();
  let cursor = '';
  for (;;) {
    // a page at a time, so a live with many orders is never loaded at once
    const page = await db
      .collection('orders')
      .find({ 'source.liveId': liveId, _id: { $gt: cursor } }, { sort: [['_id', 'asc']], limit: 1000 });
    for (const o of page) {
      if (!(PAID_STATUSES as readonly string[]).includes(o.status)) continue;
      for (const l of o.lines) units.set(l.productId, (units.get(l.productId) ?? 0) + l.quantity);
    }
    if (page.length < 1000) break;
    cursor = page[page.length - 1]._id;
  }
  return [...units.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

async function ensureJob(db: Db, live: LiveDoc, now: number): Promise<PostLiveJobDoc> {
  const existing = await jobs(db).get(jobId(live._id));
  if (existing) return existing;
  const job: PostLiveJobDoc = {
    _id: jobId(live._id),
    kind: 'postlive',
    liveId: live._id,
    status: 'running',
    cursor: '',
    processed: 0,
    segments: { nonBuyers: 0, firstTime: 0, repeat: 0 },
    grantFailures: 0,
    liveSales: await liveSales(db, live._id),
    windowEndsAt: windowEnd(live),
    startedAt: now,
    finishedAt: null,
    runs: 0,
    leaseUntil: 0,
    updatedAt: now,
  };
  try {
    await jobs(db).insert(job);
    return job;
  } catch {
    return (await jobs(db).get(job._id))!;
  }
}

/** The next page of the audience: user ids after the cursor from reservations, viewer stats and the live's orders. */
async function nextAudience(db: Db, liveId: string, cursor: string, size: number) {
  const range = { $gt: `${liveId}:${cursor}`, $lt: `${liveId};` };
  const [reservers, stats, orders] = await Promise.all([
    db.collection('reservations').find({ _id: range, status: 'active' }, { sort: [['_id', 'asc']], limit: size }),
    db.collection('live_stats').find({ _id: range }, { sort: [['_id', 'asc']], limit: size }),
    db.collection('orders').find({ 'source.liveId': liveId, userId: { $gt: cursor } }, { sort: [['userId', 'asc']], limit: size }),
  ]);
  const streams = [reservers.map((r) => r.userId), stats.map((s) => s.userId), orders.map((o) => o.userId)];
  // a full stream may go on past its last id: take only ids every stream has fully covered
  const cutoff = streams.filter((s) => s.length === size).map((s) => s[s.length - 1]).sort()[0] ?? null;
  const within = (u: string) => cutoff === null || u <= cutoff;
  const userIds = [...new Set(streams.flat())].filter(within).sort();
  return {
    userIds,
    reservers: streams[0].filter(within),
    stats: new Map(stats.filter((s) => within(s.userId)).map((s) => [s.userId, s])),
    done: cutoff === null,
  };
}

interface LiveContext {
  live: LiveDoc;
  sales: Map<string, number>;
  comeback: CouponTemplateDoc | null;
  bundles: Bundle[];
  titles: Map<string, string>;
  available: Set<string>;
  rules: TagRuleDoc[];
}

async function liveContext(db: Db, live: LiveDoc, job: PostLiveJobDoc, now: number): Promise<LiveContext> {
  const templates = db.collection('coupon_templates');
  const [comeback, related, cards, rules] = await Promise.all([
    templates.get(COMEBACK_TEMPLATE),
    templates.find({ 'rule.kind': 'related', liveId: null }),
    loadCandidates(db, live.cards.map((c) => c.productId)),
    loadTagRules(db),
  ]);
  const bundles = related.flatMap((t) =>
    t.rule.kind === 'related' && (t.validTo === null || t.validTo > now) ? [{ templateId: t._id, title: t.title, boughtProductIds: t.rule.boughtProductIds, offerProductIds: t.scope.productIds }] : [],
  );
  return {
    live,
    sales: new Map(job.liveSales),
    comeback,
    bundles,
    titles: new Map([...cards.values()].map((p) => [p._id, p.title])),
    available: new Set([...cards.values()].filter((p) => p.available).map((p) => p._id)),
    rules,
  };
}

/** One page: segment, then each user's follow-up, then the page's tags. */
async function processPage(
  deps: PostLiveDeps,
  ctx: LiveContext,
  page: Awaited<ReturnType<typeof nextAudience>>,
  start: number,
  opts: RunOptions,
): Promise<{ counts: { nonBuyers: number; firstTime: number; repeat: number }; grantFailures: number }> {
  const { db, now } = deps;
  const liveId = ctx.live._id;
  const orders = db.collection('orders');
  const liveOrders = page.userIds.length ? await orders.find({ 'source.liveId': liveId, userId: { $in: page.userIds } }) : [];
  const facts: OrderFact[] = liveOrders.map((o) => ({ userId: o.userId, status: o.status, createdAt: o.createdAt, liveId }));
  const firstPaid = new Map<string, OrderDoc>();
  for (const o of liveOrders) {
    if (!(PAID_STATUSES as readonly string[]).includes(o.status)) continue;
    const seen = firstPaid.get(o.userId);
    if (!seen || o.createdAt < seen.createdAt) firstPaid.set(o.userId, o);
  }
  for (const [userId, first] of firstPaid) {
    const earlier = await orders.findOne({ userId, status: { $in: [...PAID_STATUSES] }, createdAt: { $lt: first.createdAt } });
    if (earlier) facts.push({ userId, status: earlier.status, createdAt: earlier.createdAt, liveId: earlier.source?.liveId ?? null });
  }
  const segments = segmentAudience({ liveId, reservers: page.reservers, viewers: [...page.stats.values()].filter(isViewer).map((s) => s.userId), orders: facts });

  // repeat buyers: what they bought, what goes with it, and a bundle
  const bought = new Map<string, string[]>();
  for (const userId of segments.repeat) bought.set(userId, await boughtRecently(db, userId));
  const assoc = await loadAssoc(db, [...new Set([...bought.values()].flat())]);
  const relatedIds = new Map<string, string[]>();
  for (const [userId, list] of bought) relatedIds.set(userId, relatedTo(list, assoc, new Set(), 6));
  const bundleFor = new Map([...bought].map(([userId, list]) => [userId, pickBundle(new Set(list), ctx.bundles)]));
  const extra = await loadCandidates(db, [
    ...new Set([...[...relatedIds.values()].flat(), ...[...bundleFor.values()].flatMap((b) => b?.offerProductIds ?? [])]),
  ]);
  const title = (id: string) => ctx.titles.get(id) ?? extra.get(id)?.title ?? '';

  let grantFailures = 0;
  const grant = async (templateIdToGrant: string, userId: string) => {
    try {
      await grantCoupon(db, { templateId: templateIdToGrant, userId, key: stepKey(liveId, userId, 'coupon'), now });
      return true;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      grantFailures++;
      return false;
    }
  };
  const message = (userId: string, params: Record<string, string>, pagePath: string) =>
    send(deps, {
      key: stepKey(liveId, userId, 'msg'),
      channel: 'subscribe',
      kind: 'marketing',
      userId,
      template: templateId('marketing'),
      params,
      page: pagePath,
      source: `postlive:${liveId}`,
    });
  const productPage = (id: string | undefined) => (id ? `pages/product/index?id=${id}` : 'pages/home/index');

  const order = [
    ...segments.nonBuyers.map((u) => [u, 'non_buyer'] as const),
    ...segments.firstTime.map((u) => [u, 'first_time'] as const),
    ...segments.repeat.map((u) => [u, 'repeat'] as const),
  ].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const [i, [userId, segment]] of order.entries()) {
    opts.onUser?.(userId, start + i);
    if (segment === 'non_buyer') {
      const picks = bestSellersLookedAt(ctx.live.cards, page.stats.get(userId)?.tappedCards ?? {}, ctx.sales, ctx.available);
      const granted = ctx.comeback ? await grant(ctx.comeback._id, userId) : false;
      if (!ctx.comeback) grantFailures++;
      await message(
        userId,
        {
          thing1: clip(ctx.live.title),
          thing2: clip(picks.map(title).join('、') || '直播同款'),
          thing3: clip(granted && ctx.comeback ? `${ctx.comeback.title}已到账` : '回放同款仍可购'),
        },
        productPage(picks[0]),
      );
    } else if (segment === 'first_time') {
      const first = firstPaid.get(userId)!;
      for (const task of packTasks(userId, liveId, first.paidAt ?? first.createdAt, now)) await scheduleTask(db, task);
      await message(userId, { thing1: '欢迎成为会员', thing2: '新人礼包 7 天内分 3 次到账', thing3: clip(ctx.live.title) }, 'pages/me/index');
    } else {
      const bundle = bundleFor.get(userId) ?? null;
      const related = (relatedIds.get(userId) ?? []).filter((id) => extra.get(id)?.available).slice(0, 3);
      const granted = bundle ? await grant(bundle.templateId, userId) : false;
      const shown = related.length ? related : bundle?.offerProductIds ?? [];
      await message(
        userId,
        { thing1: '为你搭配', thing2: clip(shown.map(title).join('、') || '直播同款'), thing3: clip(granted && bundle ? bundle.title : '搭配推荐') },
        productPage(bundle?.offerProductIds[0] ?? shown[0]),
      );
    }
  }
  await evaluateTags(db, order.map(([u]) => u), now, ctx.rules);
  return {
    counts: { nonBuyers: segments.nonBuyers.length, firstTime: segments.firstTime.length, repeat: segments.repeat.length },
    grantFailures,
  };
}

/** Progress as staff see it; message counts come from the outbox. */
export async function postLiveProgress(db: Db, live: LiveDoc): Promise<PostLiveProgress> {
  const job = await jobs(db).get(jobId(live._id));
  const source = `postlive:${live._id}`;
  const outbox = db.collection('outbox');
  const [sent, skipped, deferred, failed, pending, reservers, viewers, orders] = await Promise.all([
    outbox.count({ source, status: 'sent' }),
    outbox.count({ source, status: 'skipped' }),
    outbox.count({ source, status: 'deferred' }),
    outbox.count({ source, status: 'failed' }),
    outbox.count({ source, status: 'pending' }),
    db.collection('reservations').count({ liveId: live._id, status: 'active' }),
    db.collection('live_stats').count({ liveId: live._id, ...VIEWER_FILTER }),
    db.collection('orders').count({ 'source.liveId': live._id }),
  ]);
  return {
    liveId: live._id,
    status: job?.status ?? 'not_started',
    processed: job?.processed ?? 0,
    audienceUpTo: reservers + viewers + orders,
    segments: job?.segments ?? { nonBuyers: 0, firstTime: 0, repeat: 0 },
    messages: { sent, skipped, deferred, failed, pending },
    windowEndsAt: windowEnd(live),
    startedAt: job?.startedAt ?? null,
    updatedAt: job?.updatedAt ?? null,
    finishedAt: job?.finishedAt ?? null,
    runs: job?.runs ?? 0,
  };
}

/**
 * Runs or resumes the job for an ended live, page by page until done or out of budget. A run
 * holds a lease so two runners do not walk the same pages; a run that throws gives it back.
 */
export async function runPostLiveJob(deps: PostLiveDeps, live: LiveDoc, opts: RunOptions = {}): Promise<PostLiveJobDoc | null> {
  const { db, now } = deps;
  if (liveState(live, now) !== 'ended') return fail('LIVE_NOT_ENDED', undefined, 'liveId');
  if (now > windowEnd(live)) {
    // too late to start; one left unfinished is marked expired
    await jobs(db).update({ _id: jobId(live._id), status: 'running' }, { $set: { status: 'expired', updatedAt: now } });
    return jobs(db).get(jobId(live._id));
  }
  const job = await ensureJob(db, live, now);
  if (job.status !== 'running') return job;
  const budget = opts.budgetMs ?? RUN_BUDGET_MS;
  const claimed = await jobs(db).update(
    { _id: job._id, status: 'running', leaseUntil: { $lte: now } },
    { $set: { leaseUntil: now + budget + 20_000 }, $inc: { runs: 1 } },
  );
  if (!claimed) return job;
  const started = deps.clock.now();
  try {
    const ctx = await liveContext(db, live, job, now);
    let current = (await jobs(db).get(job._id))!;
    while (deps.clock.now() - started < budget) {
      const page = await nextAudience(db, live._id, current.cursor, opts.pageSize ?? PAGE_SIZE);
      const r = await processPage(deps, ctx, page, current.processed, opts);
      const handled = r.counts.nonBuyers + r.counts.firstTime + r.counts.repeat;
      const cursor = page.userIds.length ? page.userIds[page.userIds.length - 1] : current.cursor;
      await jobs(db).update(
        { _id: job._id },
        {
          $set: { cursor, updatedAt: now, ...(page.done ? { status: 'done', finishedAt: now } : {}) },
          $inc: {
            processed: handled,
            'segments.nonBuyers': r.counts.nonBuyers,
            'segments.firstTime': r.counts.firstTime,
            'segments.repeat': r.counts.repeat,
            grantFailures: r.grantFailures,
          },
        },
      );
      current = (await jobs(db).get(job._id))!;
      if (page.done) break;
    }
    return current;
  } finally {
    await jobs(db).update({ _id: job._id }, { $set: { leaseUntil: 0 } });
  }
}

/**
 * Timer, every 5 minutes: lives that ended within the last 24 h (or were ended by hand) get their
 * job run or resumed; jobs still unfinished when their window closes are marked expired.
 */
export async function runPostLive(ctx: TimerCtx): Promise<{ lives: number; processed: number; expired: number }> {
  const { db, now } = ctx;
  const lives = db.collection('lives');
  const recent = [
    ...(await lives.find({ endAt: { $gt: now - POSTLIVE_WINDOW_MS, $lte: now } }, { sort: [['endAt', 'asc']], limit: 20 })),
    ...(await lives.find({ manualState: 'ended', endAt: { $gt: now } }, { limit: 20 })),
  ];
  const started = ctx.clock.now();
  let processed = 0;
  for (const live of recent) {
    const left = RUN_BUDGET_MS - (ctx.clock.now() - started);
    if (left <= 0) break;
    if (liveState(live, now) !== 'ended') continue;
    const before = (await jobs(db).get(jobId(live._id)))?.processed ?? 0;
    const job = await runPostLiveJob({ db, messaging: ctx.messaging, clock: ctx.clock, now }, live, { budgetMs: left });
    processed += (job?.processed ?? 0) - before;
  }
  const expired = await jobs(db).update({ kind: 'postlive', status: 'running', windowEndsAt: { $lt: now } }, { $set: { status: 'expired', updatedAt: now } });
  return { lives: recent.length, processed, expired };
}

