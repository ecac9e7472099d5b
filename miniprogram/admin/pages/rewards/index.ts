import type { StaffReward } from '../../../../typings/contract/index';
import type { CouponPickerChange } from '../../components/coupon-picker/index';
import { createReward, listStaffRewards, updateReward } from '../../../services/marketing-admin';
import { newRequestId } from '../../../services/call';
import { errorCode } from '../../../utils/errors';
import { instanceState } from '../../../utils/instance-state';
import { staffListBehavior } from '../../behaviors/staff-page';
import { inputValue } from '../../utils/form';
import { showFailure, staffAccess } from '../../utils/staff';
import { createRequest, editRequest, emptyNewForm, rewardRow, type EditForm, type NewForm, type NewKind, type RewardRow } from './form';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

/** One requestId per new reward being made: a retried 创建 after a lost answer makes one. */
const local = instanceState(() => ({ requestId: '' }));
const rewardList = staffListBehavior<StaffReward, RewardRow>({ list: 'rewards', row: rewardRow });

/**
 * 积分商城 (admin subpackage): the rewards shoppers redeem points for. `marketing.write` changes a
 * reward's name and points, adds to or takes from its stock (atomically on the server), stops or
 * resumes it, and adds coupon and 直播优先入场 rewards. Other roles read.
 */
Component({
  behaviors: [rewardList],
  data: {
    canEdit: false,
    rewards: [] as RewardRow[],
    edit: null as (EditForm & { error: string }) | null,
    creating: null as (NewForm & { error: string }) | null,
    saving: false,
  },
  methods: {
    onLoad() {
      local(this).requestId = newRequestId();
      void this.load();
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), this.fetchList(1)]),
        ([access, list]) => ({ canEdit: access.can['marketing.write'], ...this.firstPageView(list) }),
      );
    },

    fetchList(page: number) {
      return listStaffRewards(page);
    },

    onEdit(e: Tap<{ id: string }>) {
      const row = this.data.rewards.find((r) => r.rewardId === e.currentTarget.dataset.id);
      if (!row || !this.data.canEdit) return;
      this.setData({ edit: { rewardId: row.rewardId, title: row.title, pointsCost: String(row.pointsCost), stockAdd: '', error: '' }, creating: null });
    },

    onEditInput(e: WechatMiniprogram.Input & Tap<{ field: 'title' | 'pointsCost' | 'stockAdd' }>) {
      if (this.data.edit) this.setData({ [`edit.${e.currentTarget.dataset.field}`]: inputValue(e), 'edit.error': '' });
    },

    onCancel() {
      this.setData({ edit: null, creating: null });
    },

    async onSaveEdit(): Promise<void> {
      const edit = this.data.edit;
      if (!edit || this.data.saving) return;
      const checked = editRequest(edit);
      if (!checked.ok) return this.setData({ 'edit.error': checked.message });
      await this.save(() => updateReward(checked.value), '已保存');
    },

    async onToggle(e: Tap<{ id: string }>): Promise<void> {
      const row = this.data.rewards.find((r) => r.rewardId === e.currentTarget.dataset.id);
      if (!row || !this.data.canEdit || this.data.saving) return;
      await this.save(() => updateReward({ rewardId: row.rewardId, status: row.status === 'on' ? 'off' : 'on' }), row.status === 'on' ? '已停止兑换' : '已恢复兑换');
    },

    onNew() {
      if (this.data.canEdit) this.setData({ creating: { ...emptyNewForm(), error: '' }, edit: null });
    },

    onNewKind(e: Tap<{ kind: NewKind }>) {
      if (this.data.creating) this.setData({ 'creating.kind': e.currentTarget.dataset.kind, 'creating.error': '' });
    },

    onNewInput(e: WechatMiniprogram.Input & Tap<{ field: 'title' | 'pointsCost' | 'stock' | 'privilegeDays' }>) {
      if (this.data.creating) this.setData({ [`creating.${e.currentTarget.dataset.field}`]: inputValue(e), 'creating.error': '' });
    },

    onCoupon(e: WechatMiniprogram.CustomEvent<CouponPickerChange>) {
      if (!this.data.creating) return;
      // the coupon's title is the reward's name until staff type one
      this.setData({ 'creating.templateId': e.detail.templateId, 'creating.error': '', ...(this.data.creating.title ? {} : { 'creating.title': e.detail.title }) });
    },

    async onCreate(): Promise<void> {
      const creating = this.data.creating;
      if (!creating || this.data.saving) return;
      const checked = createRequest(creating);
      if (!checked.ok) return this.setData({ 'creating.error': checked.message });
      const state = local(this);
      await this.save(() => createReward(checked.value, state.requestId), '已上架');
    },

    /** One write, then the list as it is now; only a request that may not have arrived keeps its id. */
    async save(write: () => Promise<unknown>, done: string): Promise<void> {
      this.setData({ saving: true });
      try {
        await write();
        local(this).requestId = newRequestId();
        this.setData({ saving: false, edit: null, creating: null });
        wx.showToast({ title: done, icon: 'success' });
        await this.reloadList();
      } catch (err) {
        if (errorCode(err) !== 'NETWORK') local(this).requestId = newRequestId();
        this.setData({ saving: false });
        showFailure(err);
      }
    },
  },
});
