import { publishLiveDigest } from '../../../../../services/live-admin';
import { errorText } from '../../../../../utils/errors';

/** Publishes the live's answered questions and clips as one mall post; publishing again updates it. */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    liveId: { type: String, value: '' },
  },
  data: {
    digestText: '',
    digestPostId: '',
  },
  methods: {
    async onPublish(): Promise<void> {
      try {
        const result = await publishLiveDigest(this.data.liveId);
        this.setData({
          digestText: `已发布：${result.questionCount} 个问答、${result.clipCount} 个片段`,
          digestPostId: result.postId,
        });
      } catch (e) {
        wx.showToast({ title: errorText(e), icon: 'none' });
      }
    },

    onOpenPost() {
      if (this.data.digestPostId) wx.navigateTo({ url: `/pages/content/post/index?id=${encodeURIComponent(this.data.digestPostId)}` });
    },
  },
});
