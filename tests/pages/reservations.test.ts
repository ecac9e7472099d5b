import { type TestRuntime } from '../helpers/runtime';
import { load, mount, page, tap, text, texts } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { mp } from './helpers/wx';

describe('my reservations page', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/reservations/index');
  });
  freshRuntimeEach((r) => (rt = r));

  async function open() {
    const comp = mount(id);
    page(comp).onLoad({});
    page(comp).onShow();
    await mp.settle();
    return comp;
  }

  it('lists only the lives the shopper reserved, and opens one', async () => {
    await rt.as('demo-shopper')('live', 'reserve', { liveId: 'live-tonight' }, 'res-1');
    const comp = await open();
    expect(texts(comp, '.reservation >>> .live__title')).toEqual(['底妆专场：粉底液 + 散粉直播间专享价']);
    expect(texts(comp, '.reservation >>> .live__start')).toEqual(['今天 20:00 开播']);
    comp.querySelector('.reservation >>> .live')!.dispatchEvent('tap');
    await mp.settle();
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/live/detail/index?live=live-tonight' }]);
  });

  it('drops a cancelled reservation when the shopper comes back', async () => {
    await rt.as('demo-shopper')('live', 'reserve', { liveId: 'live-tonight' }, 'res-1');
    const comp = await open();
    await rt.as('demo-shopper')('live', 'cancelReservation', { liveId: 'live-tonight' }, 'cancel-1');
    page(comp).onShow();
    await mp.settle();
    expect(text(comp, '.reservations >>> .state__text')).toBe('还没有预约直播，预约后开播会提醒你');
  });

  it('offers the live schedule when nothing is reserved', async () => {
    const comp = await open();
    await tap(comp, '.reservations >>> .state__action');
    expect(mp.of('switchTab')).toEqual([{ url: '/pages/live/index' }]);
  });

  it('shows an error with a retry', async () => {
    await rt.as('demo-shopper')('live', 'reserve', { liveId: 'live-tonight' }, 'res-1');
    mp.intercept('live', 'list', 'network', 1);
    const comp = await open();
    expect(text(comp, '.reservations >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.reservations >>> .state__action');
    await mp.settle();
    expect(comp.querySelectorAll('.reservation')).toHaveLength(1);
  });
});
