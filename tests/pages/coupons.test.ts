import { grantCoupon } from '../../cloudfunctions/core/modules/coupons/issue';
import { DAY } from '../../cloudfunctions/core/kernel/time';
import { type TestRuntime } from '../helpers/runtime';
import { load, mount, page, tap, text, texts, type Rendered } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { mp } from './helpers/wx';

const SHOPPER = 'demo-shopper';

describe('coupon wallet page', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/coupons/index');
  });
  freshRuntimeEach((r) => (rt = r));

  async function open(options: Record<string, string> = {}) {
    const comp = mount(id);
    page(comp).onLoad(options);
    page(comp).onShow();
    await mp.settle();
    return comp;
  }

  const pickTab = async (comp: Rendered, title: string) => {
    const tab = comp.querySelectorAll('.wallet__tabs >>> .van-tab').find((n) => (n.dom?.textContent ?? '').trim() === title);
    if (!tab) throw new Error(`no tab ${title}`);
    tab.dispatchEvent('tap');
    await mp.settle();
  };
  const listed = () => mp.callsTo('coupons', 'listMine').map((c) => c.data);

  /** One used coupon (the 8折) and one expired (the live coupon, validity ended yesterday). */
  async function usedAndExpired() {
    const now = rt.clock.now();
    const { couponId: used } = await grantCoupon(rt.db, { templateId: 'tpl-20-off', userId: SHOPPER, key: 'test:used', now: now - 5 * DAY });
    await rt.db.collection('coupons').update({ _id: used }, { $set: { status: 'used', usedAt: now - 3 * DAY, orderId: 'demo-order-2' } });
    const { couponId: expired } = await grantCoupon(rt.db, { templateId: 'tpl-live-50', userId: SHOPPER, key: 'test:expired', now: now - 10 * DAY });
    await rt.db.collection('coupons').update({ _id: expired }, { $set: { validTo: now - DAY } });
  }

  it('lists the available coupons first, soonest expiry first, with what they give and where they apply', async () => {
    const comp = await open();
    expect(texts(comp, '.wallet__tabs >>> .van-tab')).toEqual(['可使用', '已使用', '已过期']);
    expect(listed()).toEqual([{ status: 'available', page: 1 }]);
    expect(texts(comp, '.coupon__title')).toEqual(['买过粉底液，散粉 8 折', '满 199 减 30']);
    expect(texts(comp, '.coupon__value')).toEqual(['8折', '¥30.00']);
    expect(texts(comp, '.coupon__rule')).toEqual(['回购8折', '满¥199.00减¥30.00']);
    expect(texts(comp, '.coupon__scope')).toEqual(['指定商品可用', '全场通用']);
    expect(texts(comp, '.coupon__use')).toEqual(['立即使用', '立即使用']);
  });

  it('filters by status on each tab: used and expired coupons show there only, without "use now"', async () => {
    await usedAndExpired();
    const comp = await open();
    expect(texts(comp, '.coupon__title')).toEqual(['买过粉底液，散粉 8 折', '满 199 减 30']);

    await pickTab(comp, '已使用');
    expect(texts(comp, '.coupon__title')).toEqual(['全场 8 折（最高减 30 元）']);
    expect(texts(comp, '.coupon__state')).toEqual(['已于 2026-11-21 使用']);
    expect(comp.querySelectorAll('.coupon__use')).toHaveLength(0);

    await pickTab(comp, '已过期');
    expect(texts(comp, '.coupon__title')).toEqual(['直播间专享 50 元无门槛券']);
    expect(texts(comp, '.coupon__state')).toEqual(['已过期']);
    expect(comp.querySelectorAll('.coupon__use')).toHaveLength(0);

    await pickTab(comp, '可使用');
    expect(texts(comp, '.coupon__title')).toEqual(['买过粉底液，散粉 8 折', '满 199 减 30']);
    expect(listed()).toEqual([
      { status: 'available', page: 1 },
      { status: 'used', page: 1 },
      { status: 'expired', page: 1 },
      { status: 'available', page: 1 },
    ]);
  });

  it('opens on the tab a link asks for', async () => {
    await usedAndExpired();
    const comp = await open({ status: 'expired' });
    expect(listed()).toEqual([{ status: 'expired', page: 1 }]);
    expect(texts(comp, '.coupon__title')).toEqual(['直播间专享 50 元无门槛券']);
  });

  it('"use now" goes to the coupon\'s one product, or home for a coupon good on everything', async () => {
    const comp = await open();
    const [powder, anything] = comp.querySelectorAll('.coupon__use');
    powder.dispatchEvent('tap');
    anything.dispatchEvent('tap');
    await mp.settle();
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/product/index?id=p-powder' }]);
    expect(mp.of('switchTab')).toEqual([{ url: '/pages/home/index' }]);
  });

  it('shows a coupon held by an unpaid order as taken, with the order to open', async () => {
    const mine = await rt.as(SHOPPER)<{ items: Array<{ _id: string }> }>('coupons', 'listMine', { status: 'available' });
    if (!mine.ok) throw new Error(mine.error.code);
    const couponId = mine.data.items[1]._id;
    const order = await rt.as(SHOPPER)<{ orderId: string }>('mall', 'createOrder', {
      items: [{ skuId: 'p-essence-1', quantity: 1 }],
      addressId: `addr-${SHOPPER}`,
      couponIds: [couponId],
    });
    if (!order.ok) throw new Error(order.error.code);
    const comp = await open();
    expect(texts(comp, '.coupon__state')).toEqual(['待支付订单占用中']);
    expect(texts(comp, '.coupon__use')).toEqual(['立即使用']);
    await tap(comp, '.coupon__order');
    expect(mp.of('navigateTo')).toEqual([{ url: `/pages/order/index?id=${order.data.orderId}` }]);
  });

  it('says so when a tab is empty, and offers to shop', async () => {
    const comp = await open({ status: 'used' });
    expect(text(comp, '.wallet >>> .state__text')).toBe('还没有用过优惠券');
    await tap(comp, '.wallet >>> .state__action');
    expect(mp.of('switchTab')).toEqual([{ url: '/pages/home/index' }]);
  });

  it('with nothing to use, points to the coupon centre and opens it', async () => {
    mp.intercept('coupons', 'listMine', { ok: true, data: { items: [], total: 0 } }, 1);
    const comp = await open();
    expect(text(comp, '.wallet >>> .state__text')).toBe('暂无可用优惠券，去领券中心看看吧');
    expect(text(comp, '.wallet >>> .state__action')).toBe('去领券');
    await tap(comp, '.wallet >>> .state__action');
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/coupon-center/index' }]);
    expect(mp.of('switchTab')).toEqual([]);
  });

  it('pages through a full wallet, and retries a page that failed', async () => {
    for (let i = 0; i < 20; i++) await grantCoupon(rt.db, { templateId: 'tpl-reward-10', userId: SHOPPER, key: `test:many:${i}`, now: rt.clock.now() });
    const comp = await open();
    expect(comp.querySelectorAll('.coupon')).toHaveLength(20);
    mp.intercept('coupons', 'listMine', 'network', 1);
    page(comp).onReachBottom();
    await mp.settle();
    expect(text(comp, '.more__retry')).toBe('加载失败，点击重试');
    await tap(comp, '.more__retry');
    await mp.settle();
    expect(comp.querySelectorAll('.coupon')).toHaveLength(22);
    expect(text(comp, '.more')).toBe('没有更多了');
  });

  it('shows an error with a retry when the wallet cannot be read', async () => {
    mp.intercept('coupons', 'listMine', 'network', 1);
    const comp = await open();
    expect(text(comp, '.wallet >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.wallet >>> .state__action');
    await mp.settle();
    expect(comp.querySelectorAll('.coupon')).toHaveLength(2);
  });
});
