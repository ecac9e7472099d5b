/** The stand-in for opening a Channels (视频号) live: a dialog, shared by wx.openChannelsLive and <channel-live>. */
import { dialog } from './overlays';

export interface ChannelsTarget {
  finderUserName?: string;
  feedId?: string;
}

/** Shows which Channels account (and live) would open; resolves when dismissed. */
export async function openChannelsLiveDialog(o: ChannelsTarget): Promise<void> {
  await dialog({
    title: '打开视频号直播',
    content: `视频号 ${o.finderUserName || '（未设置）'}${o.feedId ? `\n直播 ${o.feedId}` : ''}\n预览中不播放视频号直播。`,
    kind: 'channels',
    buttons: [{ text: '好的', value: true, primary: true }],
  });
}
