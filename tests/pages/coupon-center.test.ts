import { TEMPLATE_199_30, TEMPLATE_20_OFF, TEMPLATE_POWDER } from '../../scripts/seed/marketing';
import { type TestRuntime } from '../helpers/runtime';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { find, hasClass, load, mount, page, tap, text, texts, type Rendered } from './helpers/render';
import { mp } from './helpers/wx';

/** One card, found by its title, and all it says in reading order, run together (face, scope, title, rule, validity, claimed, button). */
const cardOf = (comp: Rendered, title: string) => {
  const index = texts(comp, '.coupon__title').indexOf(title);
  if (index < 0) throw new Error(`no card ${title}`);
  const node = comp.querySelectorAll('.coupon')[index];
  return { node, says: (node.dom?.textContent ?? '').replace(/\s+/g, ' ').trim() };
};

describe('coupon centre page (领券中心)', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/coupon-center/index');
  });
  freshRuntimeEach((r) => (rt = r));

  async function open(options: Record<string, string> = {}) {
    const comp = mount(id);
    page(comp).onLoad(options);
    page(comp).onShow();
    await mp.settle();
    return comp;
  }

  const claims = () => mp.callsTo('coupons', 'claim');

  it('shows a loading state, then every shop coupon with its face, rule, scope, validity and what the shopper can do', async () => {
    const comp = mount(id);
    page(comp).onLoad({});
    expect(text(comp, '.center >>> .state__text')).toBe('加载中…');
    await mp.settle();
    expect(mp.callsTo('coupons', 'listClaimable').map((c) => c.data)).toEqual([{}]);
    expect(texts(comp, '.coupon__title').sort()).toEqual(['买过粉底液，散粉 8 折', '全场 8 折（最高减 30 元）', '满 199 减 30'].sort());
    expect(cardOf(comp, '全场 8 折（最高减 30 元）').says).toBe(['8折', '全场通用', '全场 8 折（最高减 30 元）', '8折，最高减¥30.00', '领取后 14 天内有效', '立即领取'].join(''));
    // the demo shopper holds one of two 满199减30, and the one related coupon allowed
    expect(cardOf(comp, '满 199 减 30').says).toBe(['¥30.00', '全场通用', '满 199 减 30', '满¥199.00减¥30.00', '领取后 30 天内有效', '已领 1 张', '立即领取'].join(''));
    expect(cardOf(comp, '买过粉底液，散粉 8 折').says).toBe(['8折', '指定商品可用', '买过粉底液，散粉 8 折', '回购8折', '领取后 30 天内有效', '已领取', '去使用'].join(''));
    // a member from before new-member coupons has no 新人礼 card
    expect(comp.querySelectorAll('.welcome')).toHaveLength(0);
  });

  it('立即领取 claims with a request id, says so, and the card turns to 已领取 with 去使用', async () => {
    const comp = await open();
    await tap(comp, '.coupon__claim', { 'data-id': TEMPLATE_20_OFF });
    await mp.settle();
    expect(claims().map((c) => [c.data, typeof c.requestId])).toEqual([[{ templateId: TEMPLATE_20_OFF }, 'string']]);
    expect(mp.of('showToast')).toEqual([{ title: '领取成功', icon: 'success' }]);
    expect(cardOf(comp, '全场 8 折（最高减 30 元）').says).toMatch(/有效已领取去使用$/);
    expect(await rt.db.collection('coupons').count({ userId: 'demo-shopper', templateId: TEMPLATE_20_OFF })).toBe(1);
  });

  it('a double tap sends one claim', async () => {
    const comp = await open();
    const [button] = find(comp, '.coupon__claim', { 'data-id': TEMPLATE_20_OFF });
    button.dispatchEvent('tap');
    button.dispatchEvent('tap');
    await mp.settle();
    expect(claims()).toHaveLength(1);
    expect(await rt.db.collection('coupons').count({ userId: 'demo-shopper', templateId: TEMPLATE_20_OFF })).toBe(1);
  });

  it('after a claim lost on the network, the next tap sends the same request id; the server gives one coupon', async () => {
    const comp = await open();
    mp.intercept('coupons', 'claim', 'network', 1);
    await tap(comp, '.coupon__claim', { 'data-id': TEMPLATE_199_30 });
    await mp.settle();
    expect(mp.of('showToast')).toEqual([{ title: '网络不给力，请检查网络后重试', icon: 'none' }]);
    await tap(comp, '.coupon__claim', { 'data-id': TEMPLATE_199_30 });
    await mp.settle();
    const [lost, retry] = claims();
    expect(retry.requestId).toBe(lost.requestId);
    expect(cardOf(comp, '满 199 减 30').says).toMatch(/有效已领 2 张去使用$/);
  });

  it('a coupon all claimed shows 已抢光 with no button; one that runs out under the tap says so and turns 已抢光', async () => {
    await rt.db.collection('coupon_templates').update({ _id: TEMPLATE_POWDER }, { $set: { issued: 300 } });
    const comp = await open();
    // the shopper holds all they may of it: that it is out of stock changes nothing for them
    expect(cardOf(comp, '买过粉底液，散粉 8 折').says).toMatch(/有效已领取去使用$/);
    await rt.db.collection('coupon_templates').update({ _id: TEMPLATE_20_OFF }, { $set: { issued: 500 } });
    await tap(comp, '.coupon__claim', { 'data-id': TEMPLATE_20_OFF });
    await mp.settle();
    expect(mp.of('showToast')).toEqual([{ title: expect.stringContaining('抢光'), icon: 'none' }]);
    const card = cardOf(comp, '全场 8 折（最高减 30 元）');
    expect(card.says).toMatch(/有效已抢光$/);
    expect(hasClass(card.node, 'coupon--off')).toBe(true);
    expect(find(comp, '.coupon__claim', { 'data-id': TEMPLATE_20_OFF })).toHaveLength(0);
  });

  it('去使用 opens where the coupon applies: its one product, or home for one good on everything', async () => {
    const comp = await open();
    await tap(comp, '.coupon__use', { 'data-id': TEMPLATE_POWDER });
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/product/index?id=p-powder' }]);
    await tap(comp, '.coupon__claim', { 'data-id': TEMPLATE_20_OFF });
    await mp.settle();
    await tap(comp, '.coupon__use', { 'data-id': TEMPLATE_20_OFF });
    expect(mp.of('switchTab')).toEqual([{ url: '/pages/home/index' }]);
  });

  it("a new shopper sees the 新人礼 coupon they were given, already in their wallet, with 去使用", async () => {
    wx.setStorageSync('devOpenid', 'o-newcomer');
    const comp = await open();
    expect(text(comp, '.welcome__state')).toBe('已放入卡包');
    expect(text(comp, '.welcome__title')).toBe('新人无门槛券');
    expect(text(comp, '.welcome__face')).toBe('¥10.00');
    expect(text(comp, '.welcome__rule')).toBe('无门槛减¥10.00');
    expect(text(comp, '.welcome__valid')).toBe('2026-11-24 至 2026-12-01');
    await tap(comp, '.welcome__use');
    expect(mp.of('switchTab')).toEqual([{ url: '/pages/home/index' }]);
  });

  it('with a product, lists only the coupons for it', async () => {
    const comp = await open({ product: 'p-serum' });
    expect(mp.callsTo('coupons', 'listClaimable').map((c) => c.data)).toEqual([{ productId: 'p-serum' }]);
    expect(texts(comp, '.coupon__title').sort()).toEqual(['全场 8 折（最高减 30 元）', '满 199 减 30'].sort());
    expect(mp.of('setNavigationBarTitle')).toEqual([{ title: '本商品可领优惠券' }]);
  });

  it('says so when there is nothing to claim, and offers to shop', async () => {
    mp.intercept('coupons', 'listClaimable', { ok: true, data: { items: [], welcome: null } });
    const comp = await open();
    expect(text(comp, '.center >>> .state__text')).toBe('暂无可领的优惠券');
    await tap(comp, '.center >>> .state__action');
    expect(mp.of('switchTab')).toEqual([{ url: '/pages/home/index' }]);
  });

  it('shows an error with a retry when the list cannot be read', async () => {
    mp.intercept('coupons', 'listClaimable', 'network', 1);
    const comp = await open();
    expect(text(comp, '.center >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.center >>> .state__action');
    await mp.settle();
    expect(comp.querySelectorAll('.coupon')).toHaveLength(3);
  });
});
