import type { ExportKind } from '../../../typings/contract';
import { ORDER_SOURCE_TEXT, ORDER_STATUS_TEXT } from '../../../typings/contract/orders';
import { MAX_EXPORT_ROWS } from '../../../typings/contract/limits';
import { csvYuan } from '../kernel/csv';
import { bind } from '../kernel/define';
import { fail } from '../kernel/errors';
import { exportOf, progressOf, startExport, stepExport, type ExportRow, type ExportSource } from '../kernel/exports';
import { maskName } from '../kernel/mask';
import { inShanghai } from '../kernel/time';
import { defaultNickname } from '../kernel/users';
import type { Db, Ports, Query } from '../ports';
import { refundedFenOf, staffOrderQuery } from '../modules/orders';
import type { ExportDoc } from '../schema';
import { customerQuery, rowsOf } from './customers';
import { buyersNamed } from './staff-orders';

/**
 * CSV exports of orders and customers (导出). Orders carry the receiver's full name, phone and
 * address, as a merchant ships from them outside WeChat; buyers and customers show by a masked
 * nickname, and no openid is written. Only the staff member who started an export reads it.
 */


const when = (ms: number | null) => (ms === null ? '' : inShanghai(ms).format('YYYY-MM-DD HH:mm'));

/** Rows after the cursor, newest first by `field`, made before `until`. */
function pageQuery(base: Query, field: string, after: ExportDoc['cursor'], until: number): Query {
  const parts: Query[] = [base, { [field]: { $lt: until } }];
  if (after) parts.push({ [field]: { $lte: after.at } }, { _id: { $nin: after.ids } });
  return { $and: parts };
}

async function orderSource(db: Db, filters: Record<string, string>): Promise<ExportSource & { query: Query }> {
  // a buyer's nickname matches the same buyers the order list shows (the most recently seen, capped)
  const { buyer, ...rest } = filters;
  const query = staffOrderQuery(rest, buyer ? (await buyersNamed(db, buyer.trim())).ids : null);
  return {
    query,
    header: ['订单号', '下单时间', '支付时间', '状态', '来源', '直播', '商品', '件数', '商品金额', '优惠', '运费', '实付', '已退款', '买家', '收货人', '电话', '省', '市', '区', '详细地址', '快递公司', '快递单号'],
    async page(db, after, until, limit) {
      const orders = await db.collection('orders').find(pageQuery(query, 'createdAt', after, until), { sort: [['createdAt', 'desc'], ['_id', 'desc']], limit });
      const liveIds = [...new Set(orders.map((o) => o.source?.liveId).filter((id): id is string => !!id))];
      const userIds = [...new Set(orders.map((o) => o.userId))];
      const [lives, users] = await Promise.all([
        liveIds.length ? db.collection('lives').find({ _id: { $in: liveIds } }) : [],
        userIds.length ? db.collection('users').find({ _id: { $in: userIds } }) : [],
      ]);
      const liveTitle = new Map(lives.map((l) => [l._id, l.title]));
      const nickname = new Map(users.map((u) => [u._id, u.nickname]));
      return orders.map((o): ExportRow => {
        const a = o.address;
        const specs = (specsOf: Record<string, string>) => Object.values(specsOf ?? {}).join('/');
        return {
          id: o._id,
          at: o.createdAt,
          fields: [
            o._id,
            when(o.createdAt),
            when(o.paidAt),
            ORDER_STATUS_TEXT[o.status],
            ORDER_SOURCE_TEXT[o.source?.kind ?? 'organic'] ?? o.source?.kind ?? '',
            o.source?.liveId ? (liveTitle.get(o.source.liveId) ?? o.source.liveId) : '',
            o.lines.map((l) => `${l.title}${specs(l.specs) ? `（${specs(l.specs)}）` : ''} ×${l.quantity}`).join('；'),
            o.lines.reduce((s, l) => s + l.quantity, 0),
            csvYuan(o.price.goodsFen),
            csvYuan(o.price.discountFen),
            csvYuan(o.price.shippingFen),
            csvYuan(o.price.payableFen),
            csvYuan(refundedFenOf(o)),
            maskName(nickname.get(o.userId) || defaultNickname(o.userId), 'ends'),
            a.userName,
            a.telNumber,
            a.provinceName,
            a.cityName,
            a.countyName,
            a.detailInfo,
            o.tracking?.company ?? '',
            o.tracking?.number ?? '',
          ],
        };
      });
    },
  };
}

async function customerSource(db: Db, filters: Record<string, string>, now: number): Promise<ExportSource & { query: Query }> {
  // the list's own search and tag filter; nothing matches when they cannot
  const query = (await customerQuery(db, filters.q?.trim() ?? '', filters.tag, now)).query ?? { _id: { $in: [] } };
  return {
    query,
    header: ['昵称', '手机', '等级', '积分', '有效订单', '实付（扣除退款）', '最近下单', '标签', '加入时间', '最近访问'],
    async page(db, after, until, limit) {
      const users = await db.collection('users').find(pageQuery(query, 'createdAt', after, until), { sort: [['createdAt', 'desc'], ['_id', 'desc']], limit });
      const rows = await rowsOf(db, users, now);
      return rows.map((c, i): ExportRow => ({
        id: users[i]!._id,
        at: users[i]!.createdAt,
        fields: [c.nickname, c.phone, c.tierName, c.points, c.paidOrders, csvYuan(c.netSpentFen), when(c.lastPaidAt), c.tags.map((t) => t.label).join('、'), when(c.joinedAt), when(c.lastSeenAt)],
      }));
    },
  };
}

async function sourceOf(db: Db, kind: ExportKind, filters: Record<string, string>, now: number): Promise<ExportSource & { query: Query }> {
  return kind === 'orders' ? orderSource(db, filters) : customerSource(db, filters, now);
}

async function progress(ports: Pick<Ports, 'storage'>, job: ExportDoc) {
  return progressOf(job, job.fileId ? await ports.storage.url(job.fileId) : null);
}

export const exportActions = bind<'admin'>()({
  startExport: {
    staff: 'data.export',
    write: true,
    handler: async (ctx, input) => {
      const { kind, ...rest } = input;
      const filters = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
      const source = await sourceOf(ctx.db, kind, filters, ctx.now);
      const total = await ctx.db.collection(kind === 'orders' ? 'orders' : 'users').count({ $and: [source.query, { createdAt: { $lt: ctx.now + 1 } }] });
      if (total > MAX_EXPORT_ROWS) return fail('EXPORT_TOO_LARGE');
      const exportId = ctx.ids.next();
      const token = Buffer.from(ctx.random.bytes(8)).toString('hex');
      const job: ExportDoc = {
        _id: exportId,
        kind,
        filters,
        createdBy: ctx.caller.openid,
        status: 'running',
        seq: 0,
        rows: 0,
        total,
        cursor: null,
        until: ctx.now + 1,
        fileName: `${kind}-${inShanghai(ctx.now).format('YYYYMMDD')}-${token}.csv`,
        fileId: null,
        createdAt: ctx.now,
        finishedAt: null,
      };
      ctx.audit({ entity: 'export', entityId: exportId, before: null, after: { kind, filters, total } });
      return progress(ctx, await startExport(ctx, job, source, ctx.now));
    },
  },

  exportStep: {
    staff: 'data.export',
    handler: async (ctx, { exportId }) => {
      const job = await exportOf(ctx.db, exportId, ctx.caller.openid);
      if (!job) return fail('EXPORT_NOT_FOUND', undefined, 'exportId');
      if (job.status === 'done') return progress(ctx, job);
      return progress(ctx, await stepExport(ctx, job, await sourceOf(ctx.db, job.kind, job.filters, ctx.now), ctx.now));
    },
  },
});
