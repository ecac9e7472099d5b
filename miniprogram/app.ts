import { config } from './config';
import { recordEntry } from './behaviors/attribution';
import { listenForPrivacy } from './utils/privacy';

App<IAppOption>({
  globalData: {
    attribution: null,
  },
  onLaunch(options) {
    if (config.mode === 'cloud') wx.cloud.init({ env: config.cloudEnv || undefined, traceUser: true });
    // the app's own privacy pop-up: one listener for the whole app, answered by the page's privacy-popup
    listenForPrivacy();
    // The launch query carries the entry's attribution (a shared path, a wxacode scene, a live card).
    recordEntry(this, options.query);
  },
  // Back from the background through a shared card or a code (a warm start), the query is the new
  // entry's: recorded the same way (the session keeps the first attribution; a code is offered for
  // binding once). On a cold start it repeats onLaunch's query, which changes nothing.
  onShow(options) {
    recordEntry(this, options.query);
  },
});
