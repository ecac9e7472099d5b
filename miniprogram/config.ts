/**
 * The one place the backend is chosen.
 * - local: `npm start` on this machine; calls go over HTTP with a dev identity header.
 *   DevTools must have "do not verify request domains" on (project.config.json urlCheck: false).
 * - cloud: CloudBase functions through wx.cloud, identity from the WeChat context.
 */
export interface AppConfig {
  mode: 'local' | 'cloud';
  localBaseUrl: string;
  cloudEnv: string;
}

export const config: AppConfig = {
  mode: 'local',
  localBaseUrl: 'http://127.0.0.1:8787',
  cloudEnv: '',
};
