import type { AuditEntry } from '../../../../typings/contract/index';
import { listAudit, type Page } from '../../../services/admin';
import { staffListBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { auditRow, type AuditRow } from './utils';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

const trail = staffListBehavior<AuditEntry, AuditRow>({ list: 'items', row: auditRow });

/**
 * The audit trail (admin subpackage, `audit.read`): every staff write, newest first, with who did
 * it, when, and the record before and after. Filter by entity (product, sku, order, staff, …) and id.
 */
Component({
  behaviors: [trail],
  data: {
    entity: '',
    entityId: '',
    items: [] as AuditRow[],
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ entity: options.entity ?? '', entityId: options.entityId ?? '' });
      void this.load();
    },

    load(): Promise<void> {
      return this.loadScreen(() => this.fetchList(1), (list) => this.firstPageView(list));
    },

    /** A page of the trail for the filters as typed. */
    fetchList(page: number): Promise<Page<AuditEntry>> {
      const q: { entity?: string; entityId?: string; page: number } = { page };
      if (this.data.entity.trim()) q.entity = this.data.entity.trim();
      if (this.data.entityId.trim()) q.entityId = this.data.entityId.trim();
      return listAudit(q);
    },

    onPullDownRefresh() {
      const done = () => wx.stopPullDownRefresh();
      this.load().then(done, done);
    },

    onFilterInput(e: WechatMiniprogram.Input & Tap<{ field: 'entity' | 'entityId' }>) {
      this.setData({ [e.currentTarget.dataset.field]: inputValue(e) });
    },

    onFilter() {
      void this.load();
    },

    onToggle(e: Tap<{ index: number }>) {
      const i = Number(e.currentTarget.dataset.index);
      const row = this.data.items[i];
      if (row) this.setData({ [`items[${i}].open`]: !row.open });
    },
  },
});
