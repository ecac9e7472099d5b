import type { LiveState } from '../../../../../../typings/contract/index';
import { openChannelsLive } from '../../../../../utils/channels';
import { copyText } from '../../../../../utils/clipboard';

const STATE_TEXT: Record<LiveState, string> = { live: '直播中', scheduled: '未开播', ended: '已结束' };

/**
 * The room's head: the live's state, time and title, and what the viewer can do at its stage —
 * watch it on Channels (or copy its link) while it is on, reserve it before, or that it has ended.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    liveId: { type: String, value: '' },
    title: { type: String, value: '' },
    liveState: { type: String, value: 'scheduled' },
    /** when the live starts and its hours, on the server's clock */
    startText: { type: String, value: '' },
    /** the viewer holds a reservation for this live */
    reserved: { type: Boolean, value: false },
    /** the Channels account the live streams on; '' when it streams elsewhere */
    finderUserName: { type: String, value: '' },
    /** the live's page outside WeChat; '' for none */
    externalUrl: { type: String, value: '' },
  },
  data: {
    stateTexts: STATE_TEXT,
  },
  methods: {
    onOpenChannels() {
      const { finderUserName, externalUrl } = this.data;
      if (finderUserName) {
        void openChannelsLive(finderUserName).then((opened) => {
          if (!opened) wx.showToast({ title: '请在微信中打开视频号直播', icon: 'none' });
        });
      } else if (externalUrl) {
        void copyText(externalUrl);
      }
    },

    onReserve() {
      wx.navigateTo({ url: `/pages/live/detail/index?live=${encodeURIComponent(this.data.liveId)}` });
    },
  },
});
