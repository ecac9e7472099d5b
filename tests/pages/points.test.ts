import { awardPoints } from '../../cloudfunctions/core/modules/points/ledger';
import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { load, mount, page, tap, text, texts, unmountAll } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

describe('points page', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/points/index');
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

  async function open() {
    const comp = mount(id);
    page(comp).onLoad({});
    page(comp).onShow();
    await mp.settle();
    return comp;
  }

  it('shows the balance, the tier and the ledger newest first', async () => {
    const comp = await open();
    expect(text(comp, '.summary__balance')).toBe('714');
    expect(text(comp, '.summary__tier-name')).toBe('普通会员');
    expect(text(comp, '.summary__tier .muted')).toBe('再消费 ¥336.00 升级为银卡会员');
    expect(texts(comp, '.ledger__label')).toEqual(['购物得积分', '购物得积分', '邀请好友观看直播', '购物得积分']);
    expect(texts(comp, '.ledger__delta')).toEqual(['+138', '+299', '+50', '+227']);
    expect(text(comp, '.more')).toBe('没有更多了');
    expect(mp.callsTo('points', 'history').map((c) => c.data)).toEqual([{ page: 1 }]);
  });

  it('pages through a long ledger, 20 at a time, showing spends as negative', async () => {
    for (let i = 0; i < 30; i++) {
      await awardPoints(rt.db, { userId: 'demo-shopper', key: `grant:test:${i}`, amount: i + 1, ref: null, label: `测试积分 ${i + 1}`, now: rt.clock.now() + i });
    }
    const comp = await open();
    expect(texts(comp, '.ledger__row')).toHaveLength(20);
    expect(texts(comp, '.ledger__label')[0]).toBe('测试积分 30');
    page(comp).onReachBottom();
    await mp.settle();
    expect(texts(comp, '.ledger__row')).toHaveLength(34);
    expect(text(comp, '.more')).toBe('没有更多了');
    expect(mp.callsTo('points', 'history').map((c) => c.data)).toEqual([{ page: 1 }, { page: 2 }]);

    rt.clock.advance(60_000);
    await rt.as('demo-shopper')('points', 'redeem', { rewardId: 'rw-coupon-10' }, 'spend-1');
    page(comp).onShow();
    await mp.settle();
    expect(texts(comp, '.ledger__delta')[0]).toBe('-500');
  });

  it('says so when there is no history yet', async () => {
    mp.storage.set('devOpenid', JSON.stringify('brand-new'));
    const comp = await open();
    expect(text(comp, '.summary__balance')).toBe('0');
    expect(text(comp, '.ledger__empty')).toBe('还没有积分记录，购物和邀请好友看直播都能得积分');
  });

  it('shows an error with a retry', async () => {
    mp.intercept('points', 'balance', 'network', 1);
    const comp = await open();
    expect(text(comp, '.points >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.points >>> .state__action');
    await mp.settle();
    expect(text(comp, '.summary__balance')).toBe('714');
  });

  it('opens the rewards store', async () => {
    const comp = await open();
    await tap(comp, '.summary__rewards');
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/rewards/index' }]);
  });
});
