import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { load, mount, page, tap, text, unmountAll } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

describe('admin subpackage home', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('admin/pages/index/index');
  });
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime();
    useRuntime(rt);
  });
  afterEach(async () => {
    unmountAll();
    await rt.close();
  });

  async function open(openid?: string) {
    if (openid) mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(id);
    page(comp).onLoad({});
    await mp.settle();
    return comp;
  }

  it('shows the staff member and role', async () => {
    const comp = await open('demo-staff');
    expect(text(comp, '.admin__openid')).toBe('demo-staff');
    expect(text(comp, '.admin__role')).toBe('店主');
  });

  it('opens the live console', async () => {
    const comp = await open('demo-staff');
    await tap(comp, '.admin__live-console');
    expect(mp.of('navigateTo')).toEqual([{ url: '/admin/pages/live-console/index' }]);
  });

  it('shows NOT_STAFF as staff-only, with a way back', async () => {
    const comp = await open('demo-shopper');
    expect(text(comp, '.admin >>> .state__text')).toBe('仅限店员使用');
    expect(comp.querySelector('.admin__role')).toBeUndefined();
    await tap(comp, '.admin >>> .state__action');
    expect(mp.of('switchTab')).toEqual([{ url: '/pages/me/index' }]);
  });

  it('shows an error with retry on a network failure', async () => {
    mp.intercept('admin', 'whoami', 'network', 1);
    const comp = await open('demo-staff');
    expect(text(comp, '.admin >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.admin >>> .state__action');
    await mp.settle();
    expect(mp.callsTo('admin', 'whoami')).toHaveLength(2);
    expect(text(comp, '.admin__role')).toBe('店主');
  });
});
