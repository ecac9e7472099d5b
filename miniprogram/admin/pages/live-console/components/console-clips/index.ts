import { addClip } from '../../../../../services/live-admin';
import { errorText } from '../../../../../utils/errors';
import type { ConsoleCard, Tap, Typed } from '../../types';

/** Adds highlight clips of the live (title, https:// or cloud:// video, the products shown in it). */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    liveId: { type: String, value: '' },
    cards: { type: Array, value: [] as ConsoleCard[] },
  },
  data: {
    clipTitle: '',
    clipUrl: '',
    clipProducts: {} as Record<string, boolean>,
    clipCount: 0,
  },
  methods: {
    onInput(e: Typed) {
      const field = e.currentTarget.dataset.field;
      if (field === 'clipTitle' || field === 'clipUrl') this.setData({ [field]: e.detail.value });
    },

    onToggleClipProduct(e: Tap<{ id: string }>) {
      const id = e.currentTarget.dataset.id;
      this.setData({ [`clipProducts.${id}`]: !this.data.clipProducts[id] });
    },

    async onAddClip(): Promise<void> {
      const title = this.data.clipTitle.trim();
      const videoUrl = this.data.clipUrl.trim();
      if (!title) {
        wx.showToast({ title: '请填写片段标题', icon: 'none' });
        return;
      }
      if (!/^(https:\/\/|cloud:\/\/)/.test(videoUrl)) {
        wx.showToast({ title: '视频链接需以 https:// 或 cloud:// 开头', icon: 'none' });
        return;
      }
      const productIds = Object.keys(this.data.clipProducts).filter((id) => this.data.clipProducts[id]);
      try {
        await addClip({ liveId: this.data.liveId, title, videoUrl, productIds });
        this.setData({ clipTitle: '', clipUrl: '', clipProducts: {}, clipCount: this.data.clipCount + 1 });
        wx.showToast({ title: '已添加片段', icon: 'success' });
      } catch (e) {
        wx.showToast({ title: errorText(e), icon: 'none' });
      }
    },
  },
});
