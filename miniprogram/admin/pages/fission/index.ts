import type { CouponPickerChange } from '../../components/coupon-picker/index';
import type { FissionTask } from '../../../../typings/contract/index';
import { listLives } from '../../../services/live';
import { createFissionTask, type FissionTaskInput } from '../../../services/marketing-admin';
import { listTasks } from '../../../services/referral';
import { formatDateTime } from '../../../utils/time';
import { staffPageBehavior } from '../../behaviors/staff-page';
import { inputValue, parseCount } from '../../utils/form';
import { showFailure, staffAccess } from '../../utils/staff';

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;
type GiftKind = 'points' | 'coupon';

interface TaskRow {
  _id: string;
  liveTitle: string;
  text: string;
  claimedText: string;
  endsText: string;
}

interface TaskForm {
  liveId: string;
  title: string;
  requiredInvites: string;
  giftStock: string;
  giftKind: GiftKind;
  points: string;
  templateId: string;
}

const emptyForm = (liveId = ''): TaskForm => ({ liveId, title: '', requiredInvites: '3', giftStock: '100', giftKind: 'points', points: '100', templateId: '' });

const taskRow = (t: FissionTask): TaskRow => ({
  _id: t._id,
  liveTitle: t.liveTitle,
  text: `邀请 ${t.requiredInvites} 位新朋友预约 → ${t.gift.title}`,
  claimedText: `已领 ${t.giftClaimed} / ${t.giftStock}`,
  endsText: `${formatDateTime(t.endsAt)} 截止`,
});

/** The task's input from the form, or the field that is wrong and why. Pure. */
function taskInput(f: TaskForm): { ok: true; input: FissionTaskInput } | { ok: false; field: keyof TaskForm; message: string } {
  if (!f.liveId) return { ok: false, field: 'liveId', message: '请选择直播' };
  const requiredInvites = parseCount(f.requiredInvites, 1, 50);
  if (requiredInvites === null) return { ok: false, field: 'requiredInvites', message: '需邀请 1–50 人' };
  const giftStock = parseCount(f.giftStock, 1, 100_000);
  if (giftStock === null) return { ok: false, field: 'giftStock', message: '奖励数量 1–100000' };
  let gift: FissionTaskInput['gift'];
  if (f.giftKind === 'points') {
    const points = parseCount(f.points, 1, 100_000);
    if (points === null) return { ok: false, field: 'points', message: '积分 1–100000' };
    gift = { kind: 'points', points };
  } else {
    const templateId = f.templateId.trim();
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(templateId)) return { ok: false, field: 'templateId', message: '请选择优惠券' };
    gift = { kind: 'coupon', templateId };
  }
  const input: FissionTaskInput = { liveId: f.liveId, requiredInvites, giftStock, gift };
  if (f.title.trim()) input.title = f.title.trim();
  return { ok: true, input };
}

/**
 * Invite tasks (邀请有礼, admin subpackage): the tasks and how many gifts were claimed; a form for a
 * new one ("invite N new friends who reserve this live → a gift"). Only real reservations count,
 * never shares; the task page shows its rules in full.
 */
Component({
  behaviors: [staffPageBehavior],
  data: {
    canCreate: false,
    tasks: [] as TaskRow[],
    lives: [] as Array<{ _id: string; title: string }>,
    form: emptyForm(),
    formError: '',
    submitting: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },

    load(): Promise<void> {
      return this.loadScreen(
        () => Promise.all([staffAccess(), listTasks(), listLives()]),
        ([access, tasks, lives]) => {
          const open = lives.filter((l) => l.state !== 'ended').map((l) => ({ _id: l._id, title: l.title }));
          return {
            canCreate: access.can['marketing.write'],
            tasks: tasks.map(taskRow),
            lives: open,
            form: emptyForm(this.data.form.liveId || open[0]?._id || ''),
          };
        },
      );
    },

    onInput(e: WechatMiniprogram.Input & Tap<{ field: keyof TaskForm }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: inputValue(e), formError: '' });
    },

    /** the coupon picked in the picker (tapped again: none) */
    onCoupon(e: WechatMiniprogram.CustomEvent<CouponPickerChange>) {
      this.setData({ 'form.templateId': e.detail.templateId, formError: '' });
    },

    onLive(e: Tap<{ id: string }>) {
      this.setData({ 'form.liveId': e.currentTarget.dataset.id, formError: '' });
    },

    onGiftKind(e: Tap<{ kind: GiftKind }>) {
      this.setData({ 'form.giftKind': e.currentTarget.dataset.kind, formError: '' });
    },

    async onSubmit(): Promise<void> {
      if (this.data.submitting || !this.data.canCreate) return;
      const checked = taskInput(this.data.form);
      if (!checked.ok) {
        this.setData({ formError: checked.message });
        return;
      }
      this.setData({ submitting: true, formError: '' });
      try {
        await createFissionTask(checked.input);
        this.setData({ submitting: false });
        wx.showToast({ title: '已创建', icon: 'success' });
        void this.load();
      } catch (e) {
        this.setData({ submitting: false });
        showFailure(e);
      }
    },

    onPreview(e: Tap<{ id: string }>) {
      wx.navigateTo({ url: `/pages/invite/index?task=${encodeURIComponent(e.currentTarget.dataset.id)}` });
    },
  },
});
