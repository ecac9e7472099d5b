import type { Db } from '../../ports';
import { isDuplicateKey } from '../../ports';
import type { MessagingPort } from '../../ports/messaging';
import { returnCredit, takeCredit } from './consent';
import type { OutboxDoc } from '../../schema';
import { decide, startOfShanghaiDay, THIRTY_DAYS, type MessageKind } from './policy';
import { purposeOf, subscribeData, TemplateMismatch } from './templates';
import { isSmsOptedOut, smsContent, smsPath } from './sms';

/**
 * The one way a message leaves: decided, recorded in the outbox under its idempotency key, then
 * delivered. The same key twice sends once. A subscribe message goes only against a consent credit;
 * marketing waits out quiet hours and respects caps; every skip carries its reason.
 */
export interface MessageRequest {
  key: string;
  channel: 'subscribe' | 'sms';
  kind: MessageKind;
  userId: string;
  template: string;
  params: Record<string, string>;
  page?: string;
  /** sms: the text and the number */
  content?: string;
  phone?: string | null;
  source: string;
  /** not sent at or after this time (a live's invitation is no use after the live) */
  deadline?: number;
}

export interface MessagingDeps {
  db: Db;
  messaging: MessagingPort;
  now: number;
}

async function sentCounts(db: Db, userId: string, now: number) {
  const outbox = db.collection('outbox');
  const [marketingToday, smsLast30Days] = await Promise.all([
    outbox.count({ userId, kind: 'marketing', status: 'sent', sentAt: { $gte: startOfShanghaiDay(now) } }),
    outbox.count({ userId, channel: 'sms', status: 'sent', sentAt: { $gte: now - THIRTY_DAYS } }),
  ]);
  return { marketingToday, smsLast30Days };
}

async function settle(db: Db, key: string, set: Partial<OutboxDoc>): Promise<OutboxDoc['status']> {
  await db.collection('outbox').update({ _id: key }, { $set: set });
  return set.status!;
}

/** Attempts delivery of a recorded message (pending or deferred and due). */
async function attempt(deps: MessagingDeps, doc: OutboxDoc, phone: string | null): Promise<OutboxDoc['status']> {
  const { db, messaging, now } = deps;
  const deadline = doc.deadline ?? null;
  if (deadline !== null && now >= deadline) return settle(db, doc._id, { status: 'skipped', reason: 'expired' });
  const decision = decide(doc.kind, doc.channel, now, await sentCounts(db, doc.userId, now));
  if (!decision.go) {
    // held past its deadline it would be of no use: dropped now rather than sent late
    if ('defer' in decision && deadline !== null && decision.defer >= deadline) return settle(db, doc._id, { status: 'skipped', reason: 'expired' });
    if ('defer' in decision) return settle(db, doc._id, { status: 'deferred', reason: 'quiet_hours', notBefore: decision.defer });
    return settle(db, doc._id, { status: 'skipped', reason: decision.skip });
  }
  if (doc.channel === 'subscribe') {
    if (!(await takeCredit(db, doc.userId, doc.template))) return settle(db, doc._id, { status: 'skipped', reason: 'no_consent_credit' });
    const result = await messaging.sendSubscribe({
      openid: doc.userId,
      templateId: doc.template,
      page: doc.page ?? 'pages/home/index',
      data: Object.fromEntries(Object.entries(doc.params).map(([k, v]) => [k, { value: v }])),
    });
    if (!result.ok) {
      await returnCredit(db, doc.userId, doc.template);
      return settle(db, doc._id, { status: 'failed', reason: result.reason });
    }
    return settle(db, doc._id, { status: 'sent', reason: null, sentAt: now });
  }
  if (!phone) return settle(db, doc._id, { status: 'skipped', reason: 'no_phone' });
  if (await isSmsOptedOut(db, doc.userId)) return settle(db, doc._id, { status: 'skipped', reason: 'opted_out' });
  const result = await messaging.sendSms({ phone, content: doc.content ?? '', path: smsPath(doc.page) });
  return result.ok ? settle(db, doc._id, { status: 'sent', reason: null, sentAt: now }) : settle(db, doc._id, { status: 'failed', reason: result.reason });
}

/** Records and delivers one message; returns its status. A key already recorded is not sent again. */
export async function send(deps: MessagingDeps, req: MessageRequest): Promise<OutboxDoc['status'] | 'duplicate'> {
  let params = req.params;
  if (req.channel === 'subscribe') {
    const purpose = purposeOf(req.template);
    if (!purpose) throw new TemplateMismatch(req.template, 'not a declared template');
    params = subscribeData(purpose, req.params);
  }
  const doc: OutboxDoc = {
    _id: req.key,
    channel: req.channel,
    kind: req.kind,
    userId: req.userId,
    template: req.template,
    params,
    page: req.page ?? null,
    content: req.channel === 'sms' ? smsContent(req.content ?? '') : (req.content ?? null),
    status: 'pending',
    reason: null,
    notBefore: null,
    deadline: req.deadline ?? null,
    createdAt: deps.now,
    sentAt: null,
    source: req.source,
  };
  try {
    await deps.db.collection('outbox').insert(doc);
  } catch (e) {
    if (isDuplicateKey(e)) return 'duplicate';
    throw e;
  }
  return attempt(deps, doc, req.phone ?? null);
}

/**
 * Timer: deferred messages whose time has come go out (each claimed by a conditional update). Each
 * is checked again first: past its deadline, or no longer wanted (`stillWanted`: the caller's check
 * that its reason holds, e.g. its live not over), it is dropped and counted.
 */
export async function flushDeferred(
  deps: MessagingDeps,
  phoneOf: (userId: string) => Promise<string | null>,
  batch = 500,
  stillWanted: (doc: OutboxDoc) => Promise<boolean> = async () => true,
): Promise<{ attempted: number; dropped: number }> {
  const outbox = deps.db.collection('outbox');
  const due = await outbox.find({ status: 'deferred', notBefore: { $lte: deps.now } }, { sort: [['notBefore', 'asc']], limit: batch });
  let attempted = 0;
  let dropped = 0;
  for (const doc of due) {
    // claim it: only one runner moves deferred → pending
    if (!(await outbox.update({ _id: doc._id, status: 'deferred' }, { $set: { status: 'pending' } }))) continue;
    if (!(await stillWanted(doc))) {
      await settle(deps.db, doc._id, { status: 'skipped', reason: 'no_longer_relevant' });
      dropped++;
      continue;
    }
    const status = await attempt(deps, { ...doc, status: 'pending' }, doc.channel === 'sms' ? await phoneOf(doc.userId) : null);
    if (status === 'skipped') dropped++;
    else attempted++;
  }
  return { attempted, dropped };
}
