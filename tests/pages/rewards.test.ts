import { awardPoints } from '../../cloudfunctions/core/modules/points/ledger';
import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { find, hasClass, load, mount, page, tap, text, texts, unmountAll, type Rendered } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

const SHOPPER = 'demo-shopper';

describe('rewards store page', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/rewards/index');
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

  const redeemButton = (comp: Rendered, rewardId: string) => {
    const [node] = find(comp, '.reward__redeem', { 'data-id': rewardId });
    if (!node) throw new Error(`no reward ${rewardId}`);
    return node;
  };
  const redeem = async (comp: Rendered, rewardId: string) => {
    redeemButton(comp, rewardId).dispatchEvent('tap');
    await mp.settle();
  };
  const redeemCalls = () => mp.callsTo('points', 'redeem');
  const toasts = () => mp.of('showToast').map((t) => (t as { title: string }).title);
  const balance = async () => {
    const r = await rt.as(SHOPPER)<{ balance: number }>('points', 'balance', {});
    if (!r.ok) throw new Error(r.error.code);
    return r.data.balance;
  };

  it('lists the rewards with their cost, stock and whether the balance covers them', async () => {
    const comp = await open();
    expect(text(comp, '.balance__value')).toBe('714');
    expect(texts(comp, '.reward__title')).toEqual(['10 元无门槛券', '直播优先入场 30 天', '润唇膏 4g']);
    expect(texts(comp, '.reward__cost')).toEqual(['500 积分', '300 积分', '1200 积分']);
    expect(texts(comp, '.reward__detail')).toEqual(['优惠券 · 兑换后放入卡包', '会员权益 · 直播优先入场 30 天 · 开播前 10 分钟领直播券', '实物好礼 · 包邮到家']);
    expect(texts(comp, '.reward__redeem')).toEqual(['立即兑换', '立即兑换', '积分不足']);
    expect(hasClass(redeemButton(comp, 'rw-lipbalm'), 'btn-disabled')).toBe(true);
  });

  it('redeems after confirming: the balance drops; a second redeem beyond the balance shows the insufficient-points message', async () => {
    const comp = await open();
    mp.answer('showModal', { confirm: true });
    await redeem(comp, 'rw-coupon-10');
    expect(mp.of('showModal')).toEqual([expect.objectContaining({ title: '确认兑换', content: '使用 500 积分兑换「10 元无门槛券」？' })]);
    expect(redeemCalls().map((c) => c.data)).toEqual([{ rewardId: 'rw-coupon-10' }]);
    expect(redeemCalls()[0].requestId).toBeTruthy();
    expect(text(comp, '.balance__value')).toBe('214');
    expect(await balance()).toBe(214);
    expect(toasts()).toEqual(['兑换成功，优惠券已放入卡包']);
    expect(texts(comp, '.reward__redeem')).toEqual(['积分不足', '积分不足', '积分不足']);

    // 214 left: the same reward again is refused with the INSUFFICIENT_POINTS message, and nothing is sent
    await redeem(comp, 'rw-coupon-10');
    expect(toasts()).toEqual(['兑换成功，优惠券已放入卡包', '积分不足，无法兑换']);
    expect(redeemCalls()).toHaveLength(1);
    expect(mp.of('showModal')).toHaveLength(1);
    expect(await balance()).toBe(214);
  });

  it('shows the server refusal INSUFFICIENT_POINTS when the balance was spent elsewhere, and shows the new balance', async () => {
    const comp = await open();
    // spent on another phone: this page still shows 714
    await rt.as(SHOPPER)('points', 'redeem', { rewardId: 'rw-live-priority' }, 'elsewhere-1');
    await rt.as(SHOPPER)('points', 'redeem', { rewardId: 'rw-live-priority' }, 'elsewhere-2');
    mp.answer('showModal', { confirm: true });
    await redeem(comp, 'rw-coupon-10');
    expect(redeemCalls()).toHaveLength(1);
    expect(toasts()).toEqual(['积分不足，无法兑换']);
    expect(text(comp, '.balance__value')).toBe('114');
    expect(await balance()).toBe(114);
  });

  it('does nothing when the confirmation is cancelled', async () => {
    const comp = await open();
    mp.answer('showModal', { confirm: false });
    await redeem(comp, 'rw-live-priority');
    expect(redeemCalls()).toHaveLength(0);
    expect(await balance()).toBe(714);
  });

  it('asks where to ship a product reward, then redeems it to that address', async () => {
    await awardPoints(rt.db, { userId: SHOPPER, key: 'grant:test:1000', amount: 1000, ref: null, label: '测试', now: rt.clock.now() });
    const comp = await open();
    await redeem(comp, 'rw-lipbalm');
    expect(text(comp, '.rewards >>> .sheet__title')).toBe('寄到哪里');
    expect(texts(comp, '.rewards >>> .sheet__name')).toEqual(['林小美']);
    expect(hasClass(comp.querySelector('.rewards >>> .sheet__address'), 'sheet__address--active')).toBe(true);
    mp.answer('showModal', { confirm: true });
    await tap(comp, '.rewards >>> .sheet__confirm');
    await mp.settle();
    expect(comp.querySelector('.rewards >>> .sheet')).toBeUndefined();
    expect(redeemCalls().map((c) => c.data)).toEqual([{ rewardId: 'rw-lipbalm', addressId: `addr-${SHOPPER}` }]);
    expect(toasts()).toEqual(['兑换成功，我们会尽快为你寄出']);
    expect(text(comp, '.balance__value')).toBe('514');
  });

  it('takes the WeChat address when the book is empty, and sends nothing when the sheet is closed', async () => {
    await rt.as(SHOPPER)('mall', 'deleteAddress', { addressId: `addr-${SHOPPER}` }, 'del-1');
    await awardPoints(rt.db, { userId: SHOPPER, key: 'grant:test:1000', amount: 1000, ref: null, label: '测试', now: rt.clock.now() });
    const comp = await open();
    await redeem(comp, 'rw-lipbalm');
    expect(text(comp, '.rewards >>> .sheet__empty')).toBe('还没有收货地址');
    expect(hasClass(comp.querySelector('.rewards >>> .sheet__confirm'), 'btn-disabled')).toBe(true);

    mp.answer('chooseAddress', { userName: '王小二', telNumber: '13900139000', provinceName: '上海市', cityName: '上海市', countyName: '徐汇区', detailInfo: '漕溪北路 1 号' });
    await tap(comp, '.rewards >>> .sheet__wechat');
    await mp.settle();
    expect(texts(comp, '.rewards >>> .sheet__name')).toEqual(['王小二']);
    await tap(comp, '.rewards >>> .sheet__cancel');
    await mp.settle();
    expect(redeemCalls()).toHaveLength(0);
    expect(mp.of('showModal')).toHaveLength(0);

    // the saved address is there next time, chosen
    await redeem(comp, 'rw-lipbalm');
    mp.answer('showModal', { confirm: true });
    await tap(comp, '.rewards >>> .sheet__confirm');
    await mp.settle();
    expect(redeemCalls()).toHaveLength(1);
    expect((redeemCalls()[0].data as { addressId: string }).addressId).toBeTruthy();
  });

  it('retries a redemption whose answer was lost with the same request id, so the points are spent once', async () => {
    const comp = await open();
    mp.intercept('points', 'redeem', async (call) => {
      // the server did the redemption, the answer never arrived
      await rt.as(SHOPPER)('points', 'redeem', call.data, call.requestId);
      return 'network' as const;
    }, 1);
    mp.answer('showModal', { confirm: true });
    await redeem(comp, 'rw-coupon-10');
    expect(toasts()).toEqual(['网络不给力，请检查网络后重试']);
    mp.answer('showModal', { confirm: true });
    await redeem(comp, 'rw-coupon-10');
    const [first, second] = redeemCalls();
    expect(second.requestId).toBe(first.requestId);
    expect(await balance()).toBe(214);
    expect(text(comp, '.balance__value')).toBe('214');
  });

  it('shows an error with a retry when the store cannot be read', async () => {
    mp.intercept('points', 'listRewards', 'network', 1);
    const comp = await open();
    expect(text(comp, '.rewards >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.rewards >>> .state__action');
    await mp.settle();
    expect(comp.querySelectorAll('.reward')).toHaveLength(3);
  });
});
