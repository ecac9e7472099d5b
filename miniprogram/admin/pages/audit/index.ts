import { listAudit } from '../../../services/admin';
import { instanceState } from '../../../utils/instance-state';
import { inputValue } from '../../utils/form';
import { failureView, goBack, showFailure, type StaffPageState } from '../../utils/staff';
import { auditRow, type AuditRow } from './utils';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

const local = instanceState(() => ({ token: 0 }));

/**
 * The audit trail (admin subpackage, `audit.read`): every staff write, newest first, with who did
 * it, when, and the record before and after. Filter by entity (product, sku, order, staff, …) and id.
 */
Component({
  data: {
    state: 'loading' as StaffPageState,
    errorMessage: '',
    entity: '',
    entityId: '',
    items: [] as AuditRow[],
    total: 0,
    page: 1,
    listing: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ entity: options.entity ?? '', entityId: options.entityId ?? '' });
      void this.load();
    },

    query(page: number) {
      const q: { entity?: string; entityId?: string; page: number } = { page };
      if (this.data.entity.trim()) q.entity = this.data.entity.trim();
      if (this.data.entityId.trim()) q.entityId = this.data.entityId.trim();
      return q;
    },

    async load(): Promise<void> {
      const token = ++local(this).token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const list = await listAudit(this.query(1));
        if (token !== local(this).token) return;
        this.setData({ state: 'ready', items: list.items.map(auditRow), total: list.total, page: 1 });
      } catch (e) {
        if (token !== local(this).token) return;
        this.setData(failureView(e));
      }
    },

    onPullDownRefresh() {
      const done = () => wx.stopPullDownRefresh();
      this.load().then(done, done);
    },

    async onMore(): Promise<void> {
      if (this.data.listing || this.data.items.length >= this.data.total) return;
      const token = local(this).token;
      const page = this.data.page + 1;
      this.setData({ listing: true });
      try {
        const list = await listAudit(this.query(page));
        if (token !== local(this).token) return;
        const start = this.data.items.length;
        const patch: Record<string, unknown> = { listing: false, page, total: list.total };
        list.items.forEach((e, i) => (patch[`items[${start + i}]`] = auditRow(e)));
        this.setData(patch);
      } catch (e) {
        this.setData({ listing: false });
        showFailure(e);
      }
    },

    onRetry() {
      if (this.data.state === 'denied') goBack();
      else void this.load();
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
