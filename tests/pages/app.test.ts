import { mp } from './helpers/wx';
import { config } from '../../miniprogram/config';

type LaunchOptions = { query: Record<string, string>; scene: number; path: string };
type AppDef = IAppOption & { onLaunch(this: IAppOption, options: LaunchOptions): void; onShow(this: IAppOption, options: LaunchOptions): void };

describe('app', () => {
  let def: AppDef;
  beforeAll(() => {
    const g = globalThis as unknown as { App: (d: AppDef) => void; Behavior: (d: unknown) => unknown };
    g.App = (d) => {
      def = d;
    };
    // app.ts loads the attribution behaviour module; the page tests get Behavior from miniprogram-simulate
    g.Behavior = (d) => d;
    require('../../miniprogram/app');
  });
  beforeEach(() => mp.reset());
  afterEach(() => {
    config.mode = 'local';
  });

  it('captures the launch attribution once, from the query or a wxacode scene', () => {
    const app: IAppOption = { globalData: { attribution: null } };
    def.onLaunch.call(app, { path: 'pages/product/index', scene: 1047, query: { scene: encodeURIComponent('l=live-1&k=card-3'), id: 'p-1' } });
    expect(app.globalData.attribution).toEqual({ liveId: 'live-1', cardId: 'card-3', source: 'live_card' });
  });

  it("registers the privacy listener once, at launch, and not again when the app comes back", () => {
    const app: IAppOption = { globalData: { attribution: null } };
    def.onLaunch.call(app, { path: 'pages/home/index', scene: 1001, query: {} });
    def.onShow.call(app, { path: 'pages/home/index', scene: 1001, query: {} });
    def.onShow.call(app, { path: 'pages/home/index', scene: 1001, query: {} });
    expect(mp.of('onNeedPrivacyAuthorization')).toHaveLength(1);
    expect(mp.privacyListener).toEqual(expect.any(Function));
  });

  it('records a warm start through a shared code: the code is offered for binding once, the session keeps its attribution', async () => {
    const app: IAppOption = { globalData: { attribution: null } };
    def.onLaunch.call(app, { path: 'pages/home/index', scene: 1001, query: {} });
    def.onShow.call(app, { path: 'pages/home/index', scene: 1001, query: {} });
    expect(app.globalData.attribution).toEqual({ source: 'organic' });
    // later, back from the background through a friend's shared product
    def.onShow.call(app, { path: 'pages/product/index', scene: 1007, query: { id: 'p-1', code: 'AbCd1234' } });
    def.onShow.call(app, { path: 'pages/product/index', scene: 1007, query: { id: 'p-1', code: 'AbCd1234' } });
    await mp.settle();
    expect(app.globalData.attribution).toMatchObject({ source: 'invite', inviteCode: 'AbCd1234' });
    expect(mp.callsTo('referral', 'bind').map((c) => c.data)).toEqual([{ code: 'AbCd1234' }]);
  });

  it('starts organic without attribution in the launch query', () => {
    const app: IAppOption = { globalData: { attribution: null } };
    def.onLaunch.call(app, { path: 'pages/home/index', scene: 1001, query: {} });
    expect(app.globalData.attribution).toEqual({ source: 'organic' });
    expect(mp.of('cloud.init')).toEqual([]);
  });

  it('initialises wx.cloud in cloud mode only', () => {
    config.mode = 'cloud';
    config.cloudEnv = 'env-test';
    const app: IAppOption = { globalData: { attribution: null } };
    def.onLaunch.call(app, { path: 'pages/home/index', scene: 1001, query: {} });
    expect(mp.of('cloud.init')).toEqual([{ env: 'env-test', traceUser: true }]);
    config.cloudEnv = '';
  });
});
