import type { CustomerTag } from '../../../../typings/contract/index';
import { failureCode, newRequestId } from '../../../services/call';
import { listTagRules } from '../../../services/crm-admin';
import { addCustomerTag, adjustPoints, getCustomer, removeCustomerTag } from '../../../services/customers-admin';
import { afterFailure, attemptFor, type Attempt } from '../../../utils/attempt';
import { confirmDialog } from '../../../utils/dialog';
import { instanceState } from '../../../utils/instance-state';
import { MAX_POINTS_ADJUSTMENT } from '../../../utils/generated/limits';
import { staffPageBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { showFailure, staffAccess } from '../../utils/staff';
import { parseAdjustment, profileView, tagChips, type ProfileView, type TagChip } from './utils';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

const TAG_KEY = /^[a-z][a-z0-9_]{0,31}$/;

const local = instanceState(() => ({ attempt: null as Attempt | null, rules: [] as Array<{ tag: string; label: string }> }));

/**
 * One customer (admin subpackage): who they are (masked), their tier, spend net of refunds and
 * recent orders, the points ledger, tags (rules', SOP's and those staff add by hand), lives
 * watched, who invited them, the message consents they banked and the latest messages. Staff with
 * crm.write add and remove manual tags; with points.adjust they add or take points with a reason.
 */
Component({
  behaviors: [staffPageBehavior],
  data: {
    userId: '',
    canTag: false,
    canAdjust: false,
    profile: null as ProfileView | null,
    tags: [] as TagChip[],
    /** the rules' tags the customer does not hold: one tap adds one */
    tagOptions: [] as Array<{ tag: string; label: string }>,
    newTag: '',
    tagBusy: false,
    sign: 1 as 1 | -1,
    amount: '',
    reason: '',
    adjustError: '',
    adjusting: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ userId: options.id ?? '' });
      void this.load();
    },

    load(): Promise<void> {
      const { userId } = this.data;
      return this.loadScreen(
        async () => {
          const access = await staffAccess();
          const [profile, rules] = await Promise.all([getCustomer(userId), access.can['crm.write'] ? listTagRules() : Promise.resolve([])]);
          return { access, profile, rules };
        },
        ({ access, profile, rules }) => {
          local(this).rules = [...new Map(rules.map((r) => [r.tag, { tag: r.tag, label: r.label }])).values()];
          const view = profileView(profile);
          return { canTag: access.can['crm.write'], canAdjust: access.can['points.adjust'], profile: view, ...this.tagsView(profile.tags) };
        },
      );
    },

    tagsView(tags: CustomerTag[]) {
      const held = new Set(tags.map((t) => t.tag));
      return { tags: tagChips(tags), tagOptions: local(this).rules.filter((r) => !held.has(r.tag)) };
    },

    async reloadProfile(): Promise<void> {
      try {
        const profile = await getCustomer(this.data.userId);
        this.setData({ profile: profileView(profile), ...this.tagsView(profile.tags) });
      } catch (e) {
        showFailure(e);
      }
    },

    onOpenOrder(e: Tap<{ id: string }>) {
      wx.navigateTo({ url: `/admin/pages/order-detail/index?id=${encodeURIComponent(e.currentTarget.dataset.id)}` });
    },

    // tags

    onNewTag(e: WechatMiniprogram.Input) {
      this.setData({ newTag: inputValue(e).trim() });
    },

    onPickTag(e: Tap<{ tag: string }>) {
      void this.addTag(e.currentTarget.dataset.tag);
    },

    onAddTag() {
      const tag = this.data.newTag;
      if (!TAG_KEY.test(tag)) {
        wx.showToast({ title: '标签键用小写字母开头，只含小写字母、数字和 _', icon: 'none' });
        return;
      }
      void this.addTag(tag);
    },

    async addTag(tag: string): Promise<void> {
      if (!this.data.canTag || this.data.tagBusy) return;
      this.setData({ tagBusy: true });
      try {
        const r = await addCustomerTag(this.data.userId, tag);
        this.setData({ tagBusy: false, newTag: '', ...this.tagsView(r.tags) });
        wx.showToast({ title: r.added ? '已添加标签' : '顾客已有这个标签', icon: r.added ? 'success' : 'none' });
      } catch (e) {
        this.setData({ tagBusy: false });
        showFailure(e);
      }
    },

    async onRemoveTag(e: Tap<{ tag: string }>) {
      const chip = this.data.tags.find((t) => t.tag === e.currentTarget.dataset.tag);
      if (!chip?.manual || !this.data.canTag || this.data.tagBusy) return;
      if (!(await confirmDialog({ title: `去掉标签「${chip.label}」？`, confirmText: '去掉' }))) return;
      this.setData({ tagBusy: true });
      try {
        const r = await removeCustomerTag(this.data.userId, chip.tag);
        this.setData({ tagBusy: false, ...this.tagsView(r.tags) });
      } catch (err) {
        this.setData({ tagBusy: false });
        showFailure(err);
      }
    },

    // points

    onSign(e: Tap<{ sign: string }>) {
      this.setData({ sign: e.currentTarget.dataset.sign === '-1' ? -1 : 1, adjustError: '' });
    },

    onAmount(e: WechatMiniprogram.Input) {
      this.setData({ amount: inputValue(e), adjustError: '' });
    },

    onReason(e: WechatMiniprogram.Input) {
      this.setData({ reason: inputValue(e), adjustError: '' });
    },

    /**
     * Confirms, then sends the adjustment; a retry of the same adjustment after a failure that may
     * not have reached the server sends the same request id, so it is applied once.
     */
    async onAdjust(): Promise<void> {
      const { canAdjust, adjusting, sign, amount, reason, userId, profile } = this.data;
      if (!canAdjust || adjusting || !profile) return;
      const parsed = parseAdjustment(sign, amount, reason, MAX_POINTS_ADJUSTMENT);
      if (!parsed.ok) return this.setData({ adjustError: parsed.error });
      const verb = parsed.delta > 0 ? '补发' : '扣减';
      if (!(await confirmDialog({ title: `给 ${profile.head.nickname} ${verb} ${Math.abs(parsed.delta)} 积分？`, content: `原因：${parsed.reason}`, confirmText: verb }))) return;
      const state = local(this);
      const attempt = attemptFor(state.attempt, JSON.stringify([userId, parsed.delta, parsed.reason]), newRequestId);
      this.setData({ adjusting: true });
      try {
        const r = await adjustPoints({ userId, delta: parsed.delta, reason: parsed.reason }, attempt.requestId);
        state.attempt = null;
        this.setData({ adjusting: false, amount: '', reason: '', 'profile.points': r.points });
        wx.showToast({ title: `已${verb}，现有 ${r.points} 积分`, icon: 'none' });
        await this.reloadProfile();
      } catch (e) {
        state.attempt = afterFailure(attempt, failureCode(e));
        this.setData({ adjusting: false });
        showFailure(e);
      }
    },
  },
});
