import type { StaffTask } from '../../../../typings/contract/index';
import type { Page } from '../../../services/admin';
import { completeStaffTask, listStaffTasks } from '../../../services/crm-admin';
import { formatDateTime } from '../../../utils/time';
import { staffListBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { showFailure, staffAccess } from '../../utils/staff';

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

const taskList = staffListBehavior<StaffTask, TaskRow>({ list: 'items', row: taskRow });

/**
 * Follow-up tasks (admin subpackage): what SOP rules asked staff to do one to one ("watched over
 * 30 minutes and did not pay: message them"); customer service marks each done with a note.
 */
Component({
  behaviors: [taskList],
  data: {
    canWork: false,
    filter: 'open' as Filter,
    items: [] as TaskRow[],
    noteFor: '',
    note: '',
    busy: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), this.fetchList(1)]),
        ([access, list]) => ({ canWork: access.can['crm.tasks'], ...this.firstPageView(list) }),
      );
    },

    fetchList(page: number): Promise<Page<StaffTask>> {
      return listStaffTasks({ status: this.data.filter, page });
    },

    onFilter(e: Tap<{ filter: Filter }>) {
      const filter = e.currentTarget.dataset.filter;
      if (filter === this.data.filter) return;
      this.setData({ filter, noteFor: '', note: '' });
      void this.reloadList();
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
