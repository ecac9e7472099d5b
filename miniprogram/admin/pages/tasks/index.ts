import type { StaffTask } from '../../../../typings/contract/index';
import { completeStaffTask, listStaffTasks } from '../../../services/crm-admin';
import { instanceState } from '../../../utils/instance-state';
import { formatDateTime } from '../../../utils/time';
import { inputValue } from '../../utils/form';
import { failureView, goBack, showFailure, staffAccess, type StaffPageState } from '../../utils/staff';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;
type Filter = 'open' | 'done';

interface TaskRow {
  _id: string;
  title: string;
  who: string;
  timeText: string;
  status: StaffTask['status'];
  doneText: string;
}

const taskRow = (t: StaffTask): TaskRow => ({
  _id: t._id,
  title: t.title,
  who: t.nickname || t.userId,
  timeText: formatDateTime(t.createdAt),
  status: t.status,
  doneText: t.status === 'done' ? `${t.doneAt ? formatDateTime(t.doneAt) : ''} 由 ${t.doneBy ?? ''} 完成${t.note ? `：${t.note}` : ''}` : '',
});

const local = instanceState(() => ({ token: 0 }));

/**
 * Follow-up tasks (admin subpackage): what SOP rules asked staff to do one to one ("watched over
 * 30 minutes and did not pay: message them"); customer service marks each done with a note.
 */
Component({
  data: {
    state: 'loading' as StaffPageState,
    errorMessage: '',
    canWork: false,
    filter: 'open' as Filter,
    items: [] as TaskRow[],
    total: 0,
    page: 1,
    listing: false,
    noteFor: '',
    note: '',
    busy: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    async load(): Promise<void> {
      const token = ++local(this).token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const [access, list] = await Promise.all([staffAccess(), listStaffTasks({ status: this.data.filter, page: 1 })]);
        if (token !== local(this).token) return;
        this.setData({ state: 'ready', canWork: access.can['crm.tasks'], items: list.items.map(taskRow), total: list.total, page: 1 });
      } catch (e) {
        if (token !== local(this).token) return;
        this.setData(failureView(e));
      }
    },

    async list(page: number): Promise<void> {
      const token = ++local(this).token;
      this.setData({ listing: true });
      try {
        const list = await listStaffTasks({ status: this.data.filter, page });
        if (token !== local(this).token) return;
        const rows = list.items.map(taskRow);
        this.setData({ listing: false, page, total: list.total, items: page === 1 ? rows : [...this.data.items, ...rows] });
      } catch (e) {
        this.setData({ listing: false });
        showFailure(e);
      }
    },

    onRetry() {
      if (this.data.state === 'denied') goBack();
      else void this.load();
    },

    onFilter(e: Tap<{ filter: Filter }>) {
      const filter = e.currentTarget.dataset.filter;
      if (filter === this.data.filter) return;
      this.setData({ filter, noteFor: '', note: '' });
      void this.list(1);
    },

    onMore() {
      if (!this.data.listing && this.data.items.length < this.data.total) void this.list(this.data.page + 1);
    },

    onStart(e: Tap<{ id: string }>) {
      this.setData({ noteFor: e.currentTarget.dataset.id, note: '' });
    },

    onNote(e: WechatMiniprogram.Input) {
      this.setData({ note: inputValue(e) });
    },

    async onComplete(): Promise<void> {
      const id = this.data.noteFor;
      if (!id || !this.data.canWork || this.data.busy) return;
      this.setData({ busy: true });
      try {
        await completeStaffTask(id, this.data.note.trim() || undefined);
        this.setData({ busy: false, noteFor: '', note: '', items: this.data.items.filter((t) => t._id !== id), total: Math.max(0, this.data.total - 1) });
        wx.showToast({ title: '已完成', icon: 'success' });
      } catch (err) {
        this.setData({ busy: false });
        showFailure(err);
      }
    },
  },
});
