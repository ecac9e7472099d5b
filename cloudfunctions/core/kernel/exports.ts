import type { ExportProgress } from '../../../typings/contract';
import { EXPORT_KEEP_DAYS, EXPORT_PAGE_ROWS } from '../../../typings/contract/limits';
import type { Db, Ports } from '../ports';
import type { ExportDoc } from '../schema';
import { CSV_BOM, csvLine } from './csv';

/**
 * The CSV export engine: an export reads what it covers a page at a time, newest first, so no call
 * runs long. Each step reads the page after the export's cursor and, in one transaction, keeps the
 * page's lines as the next chunk and moves the cursor on (a step that lost a race to another writes
 * nothing); the step that reads a short page joins the chunks into the file. A crash anywhere
 * leaves the export where a step can take it up again. What an export covers is fixed when it
 * starts (`until`); rows whose sort value changes meanwhile may be missed or repeated.
 */

export interface ExportRow {
  /** unique per row */
  id: string;
  /** the sort value, newest first */
  at: number;
  fields: Array<string | number | null>;
}

export interface ExportSource {
  header: string[];
  /** the next rows after `after` (sort value ≤ after.at, none of after.ids), newest first, made before `until` */
  page(db: Db, after: ExportDoc['cursor'], until: number, limit: number): Promise<ExportRow[]>;
}

const exportJobs = (db: Db) => db.collection('exports');
const chunks = (db: Db) => db.collection('export_chunks');

export function progressOf(job: ExportDoc, url: string | null): ExportProgress {
  return {
    exportId: job._id,
    kind: job.kind,
    status: job.status,
    rows: job.rows,
    total: job.total,
    fileName: job.fileName,
    url,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

/** Keeps a new export, then takes its first step. */
export async function startExport(ports: Pick<Ports, 'db' | 'storage'>, job: ExportDoc, source: ExportSource, now: number): Promise<ExportDoc> {
  await exportJobs(ports.db).insert(job);
  return stepExport(ports, job, source, now);
}

/** An export, only for the staff member who started it. */
export async function exportOf(db: Db, exportId: string, openid: string): Promise<ExportDoc | null> {
  const job = await exportJobs(db).get(exportId);
  return job && job.createdBy === openid ? job : null;
}

/** The cursor after `rows`: the last sort value, and every id exported with exactly it. */
export function nextCursor(before: ExportDoc['cursor'], rows: ExportRow[]): ExportDoc['cursor'] {
  if (!rows.length) return before;
  const at = rows[rows.length - 1]!.at;
  const ids = rows.filter((r) => r.at === at).map((r) => r.id);
  return { at, ids: before && before.at === at ? [...before.ids, ...ids] : ids };
}

/** One step of a running export: the next page kept, or the file made. Answers the export as it is after. */
export async function stepExport(ports: Pick<Ports, 'db' | 'storage'>, job: ExportDoc, source: ExportSource, now: number): Promise<ExportDoc> {
  const { db } = ports;
  if (job.status === 'done') return job;
  const rows = await source.page(db, job.cursor, job.until, EXPORT_PAGE_ROWS);
  if (rows.length) {
    const moved = await db.transaction(async (tx) => {
      const current = await tx.get('exports', job._id);
      if (!current || current.status !== 'running' || current.seq !== job.seq) return false;
      await tx.set('export_chunks', { _id: `${job._id}:${job.seq}`, exportId: job._id, seq: job.seq, lines: rows.map((r) => csvLine(r.fields)).join(''), rows: rows.length });
      await tx.update('exports', job._id, { $set: { cursor: nextCursor(job.cursor, rows), rows: job.rows + rows.length, seq: job.seq + 1 } });
      return true;
    });
    const after = (await exportJobs(db).get(job._id)) ?? job;
    if (!moved || rows.length === EXPORT_PAGE_ROWS) return after;
    job = after;
  }
  return finishExport(ports, job, source, now);
}

async function finishExport(ports: Pick<Ports, 'db' | 'storage'>, job: ExportDoc, source: ExportSource, now: number): Promise<ExportDoc> {
  const { db, storage } = ports;
  const kept = await chunks(db).find({ exportId: job._id, seq: { $lt: job.seq } }, { sort: [['seq', 'asc']], limit: job.seq + 1 });
  const content = CSV_BOM + csvLine(source.header) + kept.map((c) => c.lines).join('');
  const fileId = await storage.saveExport(job.fileName, Buffer.from(content, 'utf8'));
  await exportJobs(db).update({ _id: job._id, status: 'running' }, { $set: { status: 'done', fileId, finishedAt: now } });
  await chunks(db).remove({ exportId: job._id });
  return (await exportJobs(db).get(job._id)) ?? job;
}

/** The daily purge: exports older than EXPORT_KEEP_DAYS, their files and any chunks left. */
export async function purgeExports(ports: Pick<Ports, 'db' | 'storage'>, now: number): Promise<number> {
  const { db, storage } = ports;
  const old = await exportJobs(db).find({ createdAt: { $lt: now - EXPORT_KEEP_DAYS * 86_400_000 } }, { limit: 500 });
  for (const job of old) {
    if (job.fileId) await storage.removeExport(job.fileId);
    await chunks(db).remove({ exportId: job._id });
    await exportJobs(db).remove({ _id: job._id });
  }
  return old.length;
}
