import type { OutboxEntry } from '../../../../typings/contract/index';
import type { Page } from '../../../services/admin';
import { listOutbox } from '../../../services/crm-admin';
import { formatDateTime } from '../../../utils/time';
import { staffListBehavior } from '../../behaviors/staff-page';
import { messageSourceText, OUTBOX_REASON_TEXT as REASON_TEXT, OUTBOX_STATUS_TEXT as STATUS_TEXT, shortOpenid } from '../../utils/labels';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;
type Status = '' | OutboxEntry['status'];

interface OutboxRow {
  _id: string;
  channelText: string;
  text: string;
  userId: string;
  status: OutboxEntry['status'];
  statusText: string;
  reasonText: string;
  timeText: string;
  source: string;
}

const outboxRow = (o: OutboxEntry): OutboxRow => ({
  _id: o._id,
  channelText: `${o.channel === 'sms' ? '短信' : '订阅消息'} · ${o.kind === 'marketing' ? '营销' : '服务'}`,
  text: o.content ?? (Object.values(o.params).join(' / ') || o.template),
  userId: `顾客 ${shortOpenid(o.userId)}`,
  status: o.status,
  statusText: STATUS_TEXT[o.status],
  reasonText: o.reason ? REASON_TEXT[o.reason] ?? o.reason : '',
  timeText: formatDateTime(o.sentAt ?? o.createdAt),
  source: messageSourceText(o.source),
});

const FILTERS: Array<{ status: Status; label: string }> = [
  { status: '', label: '全部' },
  { status: 'sent', label: '已发送' },
  { status: 'pending', label: '待发送' },
  { status: 'deferred', label: '顺延' },
  { status: 'skipped', label: '未发送' },
  { status: 'failed', label: '失败' },
];

const outboxList = staffListBehavior<OutboxEntry, OutboxRow>({ list: 'items', row: outboxRow });

/**
 * The outbox (admin subpackage): every subscribe message and SMS the shop decided to send, with
 * what happened (sent, or why not: no consent credit, caps, quiet hours), newest first.
 */
Component({
  behaviors: [outboxList],
  data: {
    filters: FILTERS,
    status: '' as Status,
    items: [] as OutboxRow[],
  },
  methods: {
    onLoad() {
      void this.load();
    },

    load(): Promise<void> {
      return this.loadScreen(() => this.fetchList(1), (list) => this.firstPageView(list));
    },

    fetchList(page: number): Promise<Page<OutboxEntry>> {
      return listOutbox(this.data.status ? { status: this.data.status, page } : { page });
    },

    onPullDownRefresh() {
      const done = () => wx.stopPullDownRefresh();
      this.reloadList().then(done, done);
    },

    onStatus(e: Tap<{ status: Status }>) {
      const status = e.currentTarget.dataset.status;
      if (status === this.data.status) return;
      this.setData({ status });
      void this.reloadList();
    },
  },
});
