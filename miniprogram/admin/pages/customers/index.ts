import type { CustomerRow, InputFor } from '../../../../typings/contract/index';
import { listTagRules } from '../../../services/crm-admin';
import { listCustomers, type CustomerPage } from '../../../services/customers-admin';
import { staffListBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { staffAccess } from '../../utils/staff';
import { customerRow, type CustomerListRow } from './utils';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

const customerList = staffListBehavior<CustomerRow, CustomerListRow, CustomerPage>({
  list: 'customers',
  row: customerRow,
  extra: (answer) => ({ capped: answer.capped }),
});

/**
 * Customers (admin subpackage): everyone who has used the mall, the most recently seen first,
 * searched by part of a nickname or a phone's last 4 digits and filtered by a tag they hold; a row
 * opens the customer's profile.
 */
Component({
  behaviors: [customerList],
  data: {
    keyword: '',
    /** the search in effect (what the list shows), not what is being typed */
    q: '',
    tag: '',
    tagOptions: [] as Array<{ tag: string; label: string }>,
    capped: false,
    customers: [] as CustomerListRow[],
    canExport: false,
    /** what 导出 CSV exports: the customers the search and tag filter match */
    exportQuery: { kind: 'customers' } as InputFor<'admin', 'startExport'>,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      if (options.tag) this.setData({ tag: options.tag });
      void this.load();
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), listTagRules(), this.fetchList(1)]),
        ([access, rules, list]) => ({
          canExport: access.can['data.export'],
          exportQuery: this.exportQuery(),
          tagOptions: [...new Map(rules.map((r) => [r.tag, { tag: r.tag, label: r.label }])).values()],
          ...this.firstPageView(list),
        }),
      );
    },

    fetchList(page: number): Promise<CustomerPage> {
      const { q, tag } = this.data;
      return listCustomers({ ...(q ? { q } : {}), ...(tag ? { tag } : {}), page });
    },

    exportQuery(): InputFor<'admin', 'startExport'> {
      const { q, tag } = this.data;
      return { kind: 'customers', ...(q ? { q } : {}), ...(tag ? { tag } : {}) };
    },

    onKeyword(e: WechatMiniprogram.Input) {
      this.setData({ keyword: inputValue(e) });
    },

    onSearch() {
      const q = this.data.keyword.trim();
      if (q === this.data.q) return;
      this.setData({ q });
      this.setData({ exportQuery: this.exportQuery() });
      void this.reloadList();
    },

    onClearSearch() {
      this.setData({ keyword: '' });
      if (!this.data.q) return;
      this.setData({ q: '' });
      this.setData({ exportQuery: this.exportQuery() });
      void this.reloadList();
    },

    onTag(e: Tap<{ tag: string }>) {
      const tag = e.currentTarget.dataset.tag;
      if (tag === this.data.tag) return;
      this.setData({ tag });
      this.setData({ exportQuery: this.exportQuery() });
      void this.reloadList();
    },

    onOpen(e: Tap<{ id: string }>) {
      wx.navigateTo({ url: `/admin/pages/customer/index?id=${encodeURIComponent(e.currentTarget.dataset.id)}` });
    },
  },
});
