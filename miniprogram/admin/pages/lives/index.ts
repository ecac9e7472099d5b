import type { LiveState, StaffLiveRow } from '../../../../typings/contract/index';
import { listStaffLives, setLiveState } from '../../../services/live-admin';
import { instanceState } from '../../../utils/instance-state';
import { staffListBehavior } from '../../behaviors/staff-page';
import { showFailure, staffAccess } from '../../utils/staff';
import { liveRow, STATE_TABS, type LiveRow } from './rows';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

const local = instanceState(() => ({ shown: false }));
const liveList = staffListBehavior<StaffLiveRow, LiveRow>({ list: 'lives', row: liveRow });

/**
 * 直播管理 (admin subpackage): every live by state, newest first. `live.write` creates and edits
 * them, starts one early (开播) and ends one by hand (结束: its open raffle draws close); the live
 * console opens from each. Other roles read.
 */
Component({
  behaviors: [liveList],
  data: {
    canEdit: false,
    status: '' as LiveState | '',
    tabs: STATE_TABS,
    lives: [] as LiveRow[],
    saving: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    onShow() {
      const state = local(this);
      if (state.shown && this.data.state === 'ready') void this.reloadList();
      state.shown = true;
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), this.fetchList(1)]),
        ([access, list]) => ({ canEdit: access.can['live.write'], ...this.firstPageView(list) }),
      );
    },

    fetchList(page: number) {
      return listStaffLives({ page, ...(this.data.status ? { state: this.data.status } : {}) });
    },

    onTab(e: Tap<{ key: LiveState | '' }>) {
      if (e.currentTarget.dataset.key === this.data.status) return;
      this.setData({ status: e.currentTarget.dataset.key });
      void this.reloadList();
    },

    onNew() {
      wx.navigateTo({ url: '/admin/pages/live-edit/index' });
    },

    onEdit(e: Tap<{ id: string }>) {
      wx.navigateTo({ url: `/admin/pages/live-edit/index?id=${encodeURIComponent(e.currentTarget.dataset.id)}` });
    },

    onConsole(e: Tap<{ id: string }>) {
      wx.navigateTo({ url: `/admin/pages/live-console/index?live=${encodeURIComponent(e.currentTarget.dataset.id)}` });
    },

    onStart(e: Tap<{ id: string }>) {
      this.confirmState(e.currentTarget.dataset.id, 'live', '现在开播？', '直播间将显示为直播中，商品卡按直播价售卖');
    },

    onEnd(e: Tap<{ id: string }>) {
      this.confirmState(e.currentTarget.dataset.id, 'ended', '结束直播？', '商品卡的直播价随即失效，未开奖的抽奖将立即开奖');
    },

    confirmState(liveId: string, next: 'live' | 'ended', title: string, content: string) {
      if (!this.data.canEdit || this.data.saving) return;
      wx.showModal({
        title,
        content,
        success: (res) => {
          if (res.confirm) void this.changeState(liveId, next);
        },
      });
    },

    async changeState(liveId: string, next: 'live' | 'ended'): Promise<void> {
      this.setData({ saving: true });
      try {
        await setLiveState(liveId, next);
        wx.showToast({ title: next === 'live' ? '已开播' : '已结束', icon: 'success' });
        await this.reloadList();
      } catch (err) {
        showFailure(err);
      }
      this.setData({ saving: false });
    },
  },
});
