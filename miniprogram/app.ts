import { config } from './config';
import { recordEntry } from './behaviors/attribution';

App<IAppOption>({
  globalData: {
    attribution: null,
  },
  onLaunch(options) {
    if (config.mode === 'cloud') wx.cloud.init({ env: config.cloudEnv || undefined, traceUser: true });
    // The launch query carries the entry's attribution (a shared path, a wxacode scene, a live card).
    recordEntry(this, options.query);
  },
});
