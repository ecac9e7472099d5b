import type { StaffCouponTemplate } from '../../../../typings/contract/coupons';
import { listCouponTemplates } from '../../../services/marketing-admin';
import { ruleText } from '../../../utils/coupon-text';
import { errorText } from '../../../utils/errors';

/** `change` detail: the template picked ('' when none). */
export interface CouponPickerChange {
  templateId: string;
  title: string;
}

interface Option {
  templateId: string;
  title: string;
  detail: string;
}

/** What a picker row says of a template: its rule and what is left of its stock. */
export const optionOf = (t: StaffCouponTemplate): Option => ({
  templateId: t.templateId,
  title: t.title,
  detail: `${ruleText(t.rule)} · 已发 ${t.issued}/${t.totalStock}`,
});

/**
 * The shop's coupon templates to pick one from, newest first (a page at a time), in place of a
 * typed template id: raffle coupon prizes and SOP grants. Templates staff stopped for claims are
 * listed too, marked: system grants still go through for them.
 */
Component({
  properties: {
    value: { type: String, value: '' },
  },
  data: {
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorMessage: '',
    options: [] as Array<Option & { stopped: boolean }>,
    page: 1,
    total: 0,
  },
  lifetimes: {
    attached() {
      void this.load(1);
    },
  },
  methods: {
    async load(page: number): Promise<void> {
      if (page === 1) this.setData({ state: 'loading', errorMessage: '' });
      try {
        const answer = await listCouponTemplates(page);
        const rows = answer.items.map((t) => ({ ...optionOf(t), stopped: t.stoppedAt !== null }));
        this.setData({ state: 'ready', options: page === 1 ? rows : [...this.data.options, ...rows], page, total: answer.total });
      } catch (e) {
        this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    onRetry() {
      void this.load(1);
    },

    onMore() {
      if (this.data.options.length < this.data.total) void this.load(this.data.page + 1);
    },

    onPick(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const picked = this.data.options.find((o) => o.templateId === e.currentTarget.dataset.id);
      const detail: CouponPickerChange = picked && picked.templateId !== this.data.value ? { templateId: picked.templateId, title: picked.title } : { templateId: '', title: '' };
      this.triggerEvent('change', detail);
    },
  },
});
