import type { CheckoutCoupons, OrderLine, PriceBreakdown } from '../../typings/contract';
import { HOUR } from '../../cloudfunctions/core/kernel/time';
import { formatYuan } from '../../miniprogram/utils/money';
import { T0, type TestRuntime } from '../helpers/runtime';
import { hasClass, load, mount, page, tap, text, texts, tick, type Rendered } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { mp, type BackendCall, type Reply } from './helpers/wx';
import { newPrivacyUser, refuseInPopup } from './helpers/privacy';

const SHOPPER = 'demo-shopper';
const ADDRESS = 'addr-demo-shopper';
const DURING_LIVE = T0 + 10.5 * HOUR;

type Preview = { lines: OrderLine[]; price: PriceBreakdown; coupons: CheckoutCoupons };

describe('checkout page', () => {
  let rt: TestRuntime;
  let id: string;

  beforeAll(() => {
    id = load('pages/checkout/index');
  });
  freshRuntimeEach((r) => (rt = r));

  async function open(options: Record<string, string>) {
    const comp = mount(id);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }

  async function preview(data: Record<string, unknown>, openid = SHOPPER): Promise<Preview> {
    const r = await rt.as(openid)<Preview>('mall', 'previewOrder', data);
    if (!r.ok) throw new Error(r.error.code);
    return r.data;
  }

  const cell = (comp: Rendered, host: string) => texts(comp, `${host} >>> .van-cell__value`);
  const orders = (openid = SHOPPER) => rt.db.collection('orders').find({ userId: openid, status: 'created' });
  const submitButton = (comp: Rendered) => comp.querySelector('.checkout__bar >>> .van-button')!;
  const submit = async (comp: Rendered) => {
    submitButton(comp).dispatchEvent('tap');
    await mp.settle();
  };
  const asNewShopper = () => mp.storage.set('devOpenid', JSON.stringify('new-shopper'));

  it('prices the lines with one server preview, applying the coupon it suggests, and shows the default address', async () => {
    const comp = await open({ items: 'p-foundation-2:2' });
    const plain = await preview({ items: [{ skuId: 'p-foundation-2', quantity: 2 }], source: { kind: 'organic' } });
    const suggested = plain.coupons.suggested;
    expect(suggested).toHaveLength(1);
    expect(plain.coupons.applied).toEqual([]);
    // the first screen is one preview: the server applies its own suggestion in the same answer
    expect(mp.callsTo('mall').map((c) => [c.action, c.data])).toEqual([
      ['listAddresses', {}],
      ['previewOrder', { items: [{ skuId: 'p-foundation-2', quantity: 2 }], source: { kind: 'organic' }, applySuggested: true }],
    ]);
    const applied = await preview({ items: [{ skuId: 'p-foundation-2', quantity: 2 }], source: { kind: 'organic' }, applySuggested: true });
    const expected = await preview({ items: [{ skuId: 'p-foundation-2', quantity: 2 }], source: { kind: 'organic' }, couponIds: suggested });
    expect(applied).toEqual(expected);

    expect(text(comp, '.address__name')).toBe('林小美');
    expect(text(comp, '.address__text')).toBe('浙江省 杭州市 西湖区 文三路 100 号 2 幢 301');
    expect(texts(comp, '.line >>> .van-card__title')).toEqual(['柔雾持妆粉底液']);
    expect(texts(comp, '.line >>> .van-card__desc')).toEqual(['02 自然色 / 30ml']);
    expect(texts(comp, '.line >>> .van-card__num')).toEqual(['x 2']);
    // the breakdown is the server's, line for line
    expect(cell(comp, '.breakdown__goods')).toEqual([formatYuan(expected.price.goodsFen)]);
    expect(texts(comp, '.breakdown__discount >>> .van-cell__title')).toEqual(expected.price.discounts.map((d) => d.label));
    expect(cell(comp, '.breakdown__discount')).toEqual(expected.price.discounts.map((d) => `-${formatYuan(d.amountFen)}`));
    expect(cell(comp, '.breakdown__shipping')).toEqual([expected.price.shippingFen === 0 ? '免运费' : formatYuan(expected.price.shippingFen)]);
    expect(cell(comp, '.breakdown__payable')).toEqual([formatYuan(expected.price.payableFen)]);
    expect(text(comp, '.checkout__bar >>> .van-submit-bar__price')).toBe(`¥ ${formatYuan(expected.price.payableFen).slice(1)}`);
    expect(expected.price).toEqual(expect.objectContaining({ goodsFen: 33800, discountFen: 3000, shippingFen: 0, payableFen: 30800 }));
    expect(cell(comp, '.coupons__slot')).toEqual(['-¥30.00']);
  });

  it('lists the wallet with reasons, and prices again with no coupon or another choice', async () => {
    const comp = await open({ items: 'p-foundation-2:1' });
    // ¥169 does not reach 满199减30; the powder coupon covers another product
    expect(cell(comp, '.coupons__slot')).toEqual(['暂无可用']);
    await tap(comp, '.coupons__slot >>> .van-cell');
    expect(texts(comp, '.coupon__title')).toEqual(expect.arrayContaining(['满 199 减 30', '买过粉底液，散粉 8 折']));
    // every option here is unavailable, each with its reason
    const notes = Object.fromEntries(texts(comp, '.coupon__title').map((title, i) => [title, texts(comp, '.coupon__note')[i]]));
    expect(notes).toEqual({ '满 199 减 30': '还差¥30.00可用', '买过粉底液，散粉 8 折': '所选商品不可用' });
    expect(texts(comp, '.coupon__rule')).toEqual(expect.arrayContaining(['满¥199.00减¥30.00', '回购8折']));
    const previews = mp.callsTo('mall', 'previewOrder').length;
    // an unavailable coupon cannot be chosen
    const off = comp.querySelectorAll('.coupon--off')[0];
    off.dispatchEvent('tap');
    await mp.settle();
    expect(mp.callsTo('mall', 'previewOrder')).toHaveLength(previews);

    // the one that applies at ¥338, chosen by hand after "no coupon"
    const two = await open({ items: 'p-foundation-2:2' });
    await tap(two, '.coupons__slot >>> .van-cell');
    await tap(two, '.coupon--none');
    await mp.settle();
    expect(mp.callsTo('mall', 'previewOrder').at(-1)!.data).toEqual({ items: [{ skuId: 'p-foundation-2', quantity: 2 }], source: { kind: 'organic' } });
    expect(cell(two, '.breakdown__payable')).toEqual(['¥338.00']);
    expect(cell(two, '.coupons__slot')).toEqual(['1 张可用']);
    await tap(two, '.coupons__slot >>> .van-cell');
    const usable = two.querySelectorAll('.coupon').filter((n) => !['coupon--off', 'coupon--none', 'coupon--suggested'].some((c) => hasClass(n, c)));
    expect(usable).toHaveLength(1);
    usable[0].dispatchEvent('tap');
    await mp.settle();
    expect(cell(two, '.breakdown__payable')).toEqual(['¥308.00']);
    expect(texts(two, '.breakdown__discount >>> .van-cell__title')).toEqual(['满 199 减 30']);
  });

  describe('building a coupon stack by hand', () => {
    const items = 'p-foundation-2:2'; // ¥338
    let t199: string;
    let ten: string;
    let five: string;
    let fifteen: string;

    /** A template made by staff and claimed by the shopper, as the coupon centre would. */
    async function claimNew(data: Record<string, unknown>): Promise<string> {
      const made = await rt.as('demo-staff')<{ templateId: string }>('admin', 'createCouponTemplate', {
        kind: 'no_threshold',
        totalStock: 100,
        perUserLimit: 1,
        validDays: 7,
        eligibility: 'anyone',
        ...data,
      });
      if (!made.ok) throw new Error(made.error.code);
      const claimed = await rt.as(SHOPPER)<{ couponId: string }>('coupons', 'claim', { templateId: made.data.templateId });
      if (!claimed.ok) throw new Error(claimed.error.code);
      return claimed.data.couponId;
    }

    beforeEach(async () => {
      ten = await claimNew({ title: '叠加券 10 元', valueFen: 1000, stackable: true });
      five = await claimNew({ title: '叠加券 5 元', valueFen: 500, stackable: true });
      fifteen = await claimNew({ title: '满 100 减 15', kind: 'threshold', thresholdFen: 10000, valueFen: 1500 });
      const wallet = await preview({ items: [{ skuId: 'p-foundation-2', quantity: 2 }] });
      t199 = wallet.coupons.options.find((o) => o.title === '满 199 减 30')!.couponId;
    });

    const row = (comp: Rendered, couponId: string) => comp.querySelectorAll('.coupon').find((n) => n.dom?.getAttribute('data-id') === couponId)!;
    const noteOf = (comp: Rendered, couponId: string) => ((row(comp, couponId).dom as unknown as { querySelector(selector: string): { textContent: string | null } | null }).querySelector('[class$="coupon__note"]')?.textContent ?? '').trim();
    /** every listed coupon: [applied, the note under it] */
    const panel = (comp: Rendered) =>
      Object.fromEntries(
        [t199, ten, five, fifteen].map((c) => [c, [hasClass(row(comp, c), 'coupon--applied'), noteOf(comp, c)]]),
      );
    const pick = async (comp: Rendered, couponId: string) => {
      row(comp, couponId).dispatchEvent('tap');
      await mp.settle();
    };
    const sent = () => (mp.callsTo('mall', 'previewOrder').at(-1)!.data as { couponIds?: string[] }).couponIds;
    const applied = (comp: Rendered) => texts(comp, '.breakdown__discount >>> .van-cell__title');

    it('adds coupons one by one, takes one out, and replaces the one a new coupon does not stack with', async () => {
      const comp = await open({ items });
      // the suggestion first: 满199减30 with both stackable coupons
      expect(applied(comp)).toEqual(['满 199 减 30', '叠加券 10 元', '叠加券 5 元']);
      await tap(comp, '.coupons__slot >>> .van-cell');
      await tap(comp, '.coupon--none');
      await mp.settle();
      expect(applied(comp)).toEqual([]);
      await tap(comp, '.coupons__slot >>> .van-cell');
      // nothing chosen: every coupon that applies can be added as it is
      expect(panel(comp)).toEqual({ [t199]: [false, ''], [ten]: [false, ''], [five]: [false, ''], [fifteen]: [false, ''] });

      await pick(comp, fifteen);
      expect(sent()).toEqual([fifteen]);
      expect(panel(comp)).toEqual({ [t199]: [false, '与已选券不可叠加，选用将替换'], [ten]: [false, ''], [five]: [false, ''], [fifteen]: [true, ''] });
      await pick(comp, ten);
      // the panel stays open and the stack keeps the first coupon
      expect(sent()).toEqual([fifteen, ten]);
      expect(applied(comp)).toEqual(['满 100 减 15', '叠加券 10 元']);
      expect(cell(comp, '.breakdown__payable')).toEqual(['¥313.00']);
      expect(cell(comp, '.coupons__slot')).toEqual(['-¥25.00']);
      expect(mp.of('showToast')).toEqual([]);

      // a coupon that does not stack with the chosen one takes its place, and the shopper is told
      await pick(comp, t199);
      expect(mp.of('showToast')).toEqual([{ title: '已替换不可叠加的券', icon: 'none' }]);
      expect(new Set(sent())).toEqual(new Set([ten, t199]));
      expect(applied(comp)).toEqual(['满 199 减 30', '叠加券 10 元']);
      expect(panel(comp)).toEqual({ [t199]: [true, ''], [ten]: [true, ''], [five]: [false, ''], [fifteen]: [false, '与已选券不可叠加，选用将替换'] });

      // an applied coupon tapped leaves alone
      await pick(comp, ten);
      expect(sent()).toEqual([t199]);
      expect(applied(comp)).toEqual(['满 199 减 30']);
      expect(panel(comp)).toEqual({ [t199]: [true, ''], [ten]: [false, ''], [five]: [false, ''], [fifteen]: [false, '与已选券不可叠加，选用将替换'] });

      // the suggestion is offered while the stack differs from it, and brings it back
      expect(text(comp, '.coupon--suggested')).toBe('使用推荐组合（3 张共省 ¥45.00）');
      await tap(comp, '.coupon--suggested');
      await mp.settle();
      expect(applied(comp)).toEqual(['满 199 减 30', '叠加券 10 元', '叠加券 5 元']);
      await tap(comp, '.coupons__slot >>> .van-cell');
      expect(comp.querySelector('.coupon--suggested')).toBeUndefined();
      expect(hasClass(comp.querySelector('.coupon--none'), 'coupon--applied')).toBe(false);
    });

    it('at three coupons, a fourth replaces the one saving least', async () => {
      const more = await claimNew({ title: '叠加券 8 元', valueFen: 800, stackable: true });
      const comp = await open({ items });
      expect(applied(comp)).toEqual(['满 199 减 30', '叠加券 10 元', '叠加券 8 元']);
      await tap(comp, '.coupons__slot >>> .van-cell');
      expect(noteOf(comp, five)).toBe('每单最多使用 3 张，选用将替换');
      await pick(comp, five);
      expect(mp.of('showToast')).toEqual([{ title: '每单最多使用 3 张，已替换优惠最少的券', icon: 'none' }]);
      expect(new Set(sent())).toEqual(new Set([t199, ten, five]));
      expect(hasClass(row(comp, more), 'coupon--applied')).toBe(false);
    });

    it('keeps every coupon tapped while a preview is on the way, one preview per choice, each on the stack before it', async () => {
      const comp = await open({ items });
      await tap(comp, '.coupons__slot >>> .van-cell');
      await tap(comp, '.coupon--none');
      await mp.settle();
      await tap(comp, '.coupons__slot >>> .van-cell');
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      mp.intercept('mall', 'previewOrder', async (call: BackendCall): Promise<Reply> => {
        await held;
        return (await rt.call(call.fn, { action: call.action, data: call.data }, call.openid)) as Reply;
      }, 1);
      const before = mp.callsTo('mall', 'previewOrder').length;
      row(comp, fifteen).dispatchEvent('tap');
      row(comp, ten).dispatchEvent('tap');
      row(comp, five).dispatchEvent('tap');
      await tick();
      // the first choice is being priced; the others wait for it
      expect(mp.callsTo('mall', 'previewOrder')).toHaveLength(before + 1);
      release();
      await mp.settle();
      expect(mp.callsTo('mall', 'previewOrder').slice(before).map((c) => (c.data as { couponIds?: string[] }).couponIds)).toEqual([
        [fifteen],
        [fifteen, ten],
        [fifteen, ten, five],
      ]);
      expect(applied(comp)).toEqual(['满 100 减 15', '叠加券 10 元', '叠加券 5 元']);

      // "不使用优惠券" tapped after waiting taps wins over them
      mp.intercept('mall', 'previewOrder', async (call: BackendCall): Promise<Reply> => {
        await tick();
        return (await rt.call(call.fn, { action: call.action, data: call.data }, call.openid)) as Reply;
      }, 1);
      const next = mp.callsTo('mall', 'previewOrder').length;
      row(comp, ten).dispatchEvent('tap');
      row(comp, t199).dispatchEvent('tap');
      comp.querySelector('.coupon--none')!.dispatchEvent('tap');
      await mp.settle();
      expect(mp.callsTo('mall', 'previewOrder').slice(next).map((c) => (c.data as { couponIds?: string[] }).couponIds)).toEqual([[fifteen, five], undefined]);
      expect(applied(comp)).toEqual([]);
    });

    it('drops only the coupon that went out of use meanwhile and keeps the rest of the stack', async () => {
      const comp = await open({ items });
      await tap(comp, '.coupons__slot >>> .van-cell');
      await pick(comp, five);
      expect(applied(comp)).toEqual(['满 199 减 30', '叠加券 10 元']);
      // the 10 yuan coupon is taken by an order in another session
      await rt.db.collection('coupons').update({ _id: ten }, { $set: { status: 'locked', orderId: 'elsewhere', lockedAt: rt.clock.now() } });
      await pick(comp, five);
      expect(mp.callsTo('mall', 'previewOrder').slice(-2).map((c) => (c.data as { couponIds?: string[] }).couponIds)).toEqual([
        [t199, ten, five],
        [t199, five],
      ]);
      expect(applied(comp)).toEqual(['满 199 减 30', '叠加券 5 元']);
    });
  });

  it('asks for 订单状态通知 in the submit tap and records the answer; a failed dialog still places the order', async () => {
    const comp = await open({ items: 'p-foundation-2:1' });
    await submit(comp);
    expect(mp.recorded.filter((r) => r.api === 'requestSubscribeMessage').map((r) => r.args)).toEqual([{ tmplIds: ['local-tpl-order-update'] }]);
    expect(mp.callsTo('live', 'recordConsents').map((c) => c.data)).toEqual([{ consents: { 'local-tpl-order-update': 'accept' } }]);
    expect(await rt.db.collection('consent_credits').count({ userId: SHOPPER })).toBeGreaterThan(0);
    expect(mp.callsTo('mall', 'createOrder')).toHaveLength(1);

    mp.subscribeAnswer = 'fail';
    const again = await open({ items: 'p-foundation-2:1' });
    await submit(again);
    expect(mp.callsTo('live', 'recordConsents')).toHaveLength(1);
    expect(mp.callsTo('mall', 'createOrder')).toHaveLength(2);
  });

  it('needs an address: submitting without one asks for it and creates nothing', async () => {
    asNewShopper();
    const comp = await open({ items: 'p-brow-1:1' });
    expect(text(comp, '.address__missing')).toBe('请添加收货地址');
    expect(text(comp, '.checkout__bar >>> .van-submit-bar__tip-text')).toBe('请先添加收货地址');
    await submit(comp);
    expect(mp.callsTo('mall', 'createOrder')).toHaveLength(0);
    expect(mp.of('showToast')).toEqual([{ title: '请先添加收货地址', icon: 'none' }]);
  });

  it('adds an address by hand, checks it first, saves it and uses it', async () => {
    asNewShopper();
    const comp = await open({ items: 'p-brow-1:1' });
    await tap(comp, '.address__new');
    const type = async (host: string, value: string) => {
      const input = comp.querySelectorAll(`.address__form >>> ${host} >>> .van-field__control`).find((n) => (n.dom as unknown as { tagName: string }).tagName === 'WX-INPUT');
      input!.dispatchEvent('input', { detail: { value } });
      await tick();
    };
    await type('.form__name', '王小二');
    await type('.form__tel', '1380013');
    await tap(comp, '.address__form >>> .form__save');
    expect(text(comp, '.address__form >>> .form__error')).toBe('请填写正确的手机号');
    await type('.form__tel', '13800138001');
    await tap(comp, '.address__form >>> .form__save');
    expect(text(comp, '.address__form >>> .form__error')).toBe('请选择所在地区');
    comp.querySelector('.address__form >>> .form__region-picker')!.dispatchEvent('change', { detail: { value: ['广东省', '深圳市', '南山区'] } });
    await tick();
    await type('.form__detail', '科技园 1 号');
    expect(mp.callsTo('mall', 'saveAddress')).toHaveLength(0);
    await tap(comp, '.address__form >>> .form__save');
    await mp.settle();
    expect(mp.callsTo('mall', 'saveAddress').map((c) => c.data)).toEqual([
      { userName: '王小二', telNumber: '13800138001', provinceName: '广东省', cityName: '深圳市', countyName: '南山区', detailInfo: '科技园 1 号' },
    ]);
    expect(comp.querySelector('.address__form')).toBeUndefined();
    expect(text(comp, '.address__name')).toBe('王小二');
    expect(text(comp, '.address__text')).toBe('广东省 深圳市 南山区 科技园 1 号');
  });

  it("uses the WeChat address: what wx.chooseAddress returns is saved and chosen; a closed picker changes nothing", async () => {
    asNewShopper();
    const comp = await open({ items: 'p-brow-1:1' });
    mp.answer('chooseAddress', { fail: 'chooseAddress:fail cancel' });
    await tap(comp, '.address__wechat');
    await mp.settle();
    expect(mp.callsTo('mall', 'saveAddress')).toHaveLength(0);
    expect(mp.of('showToast')).toEqual([]);

    mp.answer('chooseAddress', {
      userName: '张三',
      telNumber: '020-81167888',
      provinceName: '广东省',
      cityName: '广州市',
      countyName: '海珠区',
      detailInfo: '新港中路397号',
      postalCode: '510000',
      nationalCode: '510000',
    });
    await tap(comp, '.address__wechat');
    await mp.settle();
    expect(mp.callsTo('mall', 'saveAddress').map((c) => c.data)).toEqual([
      { userName: '张三', telNumber: '020-81167888', provinceName: '广东省', cityName: '广州市', countyName: '海珠区', detailInfo: '新港中路397号' },
    ]);
    expect(text(comp, '.address__name')).toBe('张三');
    await submit(comp);
    expect(mp.callsTo('mall', 'createOrder').map((c) => (c.data as { addressId: string }).addressId)).toEqual([expect.stringMatching(/.+/)]);
  });

  it('a WeChat address the privacy consent was refused for: says so and opens the form to type it', async () => {
    asNewShopper();
    newPrivacyUser();
    const comp = await open({ items: 'p-brow-1:1' });
    await tap(comp, '.address__wechat');
    await mp.settle();
    expect(mp.of('needPrivacyAuthorization')).toEqual([{ referrer: 'chooseAddress' }]);
    await refuseInPopup(comp);
    expect(mp.of('showToast')).toEqual([{ title: '未同意隐私保护指引，无法读取微信地址，请手动填写', icon: 'none' }]);
    expect(comp.querySelector('.address__form')).toBeDefined();
    expect(mp.callsTo('mall', 'saveAddress')).toHaveLength(0);
  });

  it('edits a saved address in place', async () => {
    const comp = await open({ items: 'p-brow-1:1' });
    await tap(comp, '.address__current');
    await tap(comp, '.address-option__edit', { 'data-id': ADDRESS });
    const form = page(comp).selectComponent('.address__form') as { data: Record<string, unknown> };
    expect(form.data).toEqual(expect.objectContaining({ userName: '林小美', telNumber: '13800138000', regionText: '浙江省 杭州市 西湖区', detailInfo: '文三路 100 号 2 幢 301' }));
    const input = comp.querySelectorAll('.address__form >>> .form__detail >>> .van-field__control').find((n) => (n.dom as unknown as { tagName: string }).tagName === 'WX-INPUT');
    input!.dispatchEvent('input', { detail: { value: '文三路 200 号' } });
    await tick();
    await tap(comp, '.address__form >>> .form__save');
    await mp.settle();
    expect(mp.callsTo('mall', 'saveAddress').map((c) => c.data)).toEqual([
      { userName: '林小美', telNumber: '13800138000', provinceName: '浙江省', cityName: '杭州市', countyName: '西湖区', detailInfo: '文三路 200 号', addressId: ADDRESS },
    ]);
    expect(text(comp, '.address__text')).toBe('浙江省 杭州市 西湖区 文三路 200 号');
    expect(page(comp).data.addresses).toHaveLength(1);
  });

  it('switches between saved addresses', async () => {
    const second = await rt.as(SHOPPER)<{ addressId: string }>('mall', 'saveAddress', {
      userName: '林小美',
      telNumber: '13800138000',
      provinceName: '上海市',
      cityName: '上海市',
      countyName: '静安区',
      detailInfo: '南京西路 1 号',
    });
    const comp = await open({ items: 'p-brow-1:1' });
    await tap(comp, '.address__current');
    expect(texts(comp, '.address-option__body .muted')).toEqual(['浙江省 杭州市 西湖区 文三路 100 号 2 幢 301', '上海市 上海市 静安区 南京西路 1 号']);
    await tap(comp, '.address-option__body', { 'data-id': second.ok ? second.data.addressId : '' });
    expect(text(comp, '.address__text')).toBe('上海市 上海市 静安区 南京西路 1 号');
    expect(comp.querySelector('.address__list')).toBeUndefined();
  });

  it('submits once with the session attribution, then pays through the simulated WeChat Pay and opens the result', async () => {
    mp.app.globalData.attribution = { inviteCode: 'AbC123', source: 'invite' };
    const comp = await open({ items: 'p-brow-1:1,p-lipstick-2:1' });
    mp.answer('showModal', { confirm: true, cancel: false });
    await submit(comp);
    const creates = mp.callsTo('mall', 'createOrder');
    expect(creates.map((c) => c.data)).toEqual([
      {
        items: [
          { skuId: 'p-brow-1', quantity: 1 },
          { skuId: 'p-lipstick-2', quantity: 1 },
        ],
        addressId: ADDRESS,
        source: { kind: 'invite', inviteCode: 'AbC123' },
      },
    ]);
    expect(creates[0].requestId).toMatch(/^r-/);
    const [order] = await rt.db.collection('orders').find({ userId: SHOPPER, createdAt: rt.clock.now() });
    // ¥148 reaches no coupon; shipping is free from ¥99
    expect(order.price).toEqual(expect.objectContaining({ goodsFen: 14800, payableFen: 14800 }));
    expect(order.source).toEqual({ kind: 'invite', inviteCode: 'AbC123' });

    // local mode: prepay, the simulator's confirm, then /dev/pay settles it through the signed notification
    expect(mp.callsTo('mall', 'prepay').map((c) => c.data)).toEqual([{ orderId: order._id }]);
    expect(mp.of('showModal')).toEqual([{ title: '模拟微信支付', content: '支付 ¥148.00？', confirmText: '支付' }]);
    expect(mp.callsTo('dev', 'pay').map((c) => [c.url, c.data])).toEqual([['http://127.0.0.1:8787/dev/pay', { orderId: order._id }]]);
    expect((await rt.db.collection('orders').get(order._id))!.status).toBe('paid');
    expect(mp.of('redirectTo')).toEqual([{ url: `/pages/pay-result/index?orderId=${order._id}&outcome=paid` }]);
  });

  it('sends one createOrder for a double tap', async () => {
    const comp = await open({ items: 'p-brow-1:1' });
    mp.answer('showModal', { confirm: false });
    submitButton(comp).dispatchEvent('tap');
    submitButton(comp).dispatchEvent('tap');
    await mp.settle();
    expect(mp.callsTo('mall', 'createOrder')).toHaveLength(1);
    expect(await orders()).toHaveLength(1);
    // the payment sheet closed: the order exists, so the page moves on to its result
    expect(mp.callsTo('dev', 'pay')).toHaveLength(0);
    expect(mp.of('redirectTo')).toEqual([{ url: expect.stringMatching(/^\/pages\/pay-result\/index\?orderId=.+&outcome=cancelled$/) }]);
  });

  it('ignores a second submit while the first is on the way, whatever the button shows', async () => {
    const comp = await open({ items: 'p-brow-1:1' });
    mp.answer('showModal', { confirm: false });
    void page(comp).onSubmit();
    void page(comp).onSubmit();
    await mp.settle();
    expect(mp.callsTo('mall', 'createOrder')).toHaveLength(1);
    expect(mp.of('redirectTo')).toHaveLength(1);
  });

  it('retries an attempt whose answer was lost with the same request id, and the server creates one order', async () => {
    const comp = await open({ items: 'p-brow-1:1' });
    // the first createOrder reaches the server, but its answer never comes back
    mp.intercept('mall', 'createOrder', async (call: BackendCall): Promise<Reply> => {
      await rt.call(call.fn, { action: call.action, data: call.data, requestId: call.requestId }, call.openid);
      return 'network';
    }, 1);
    await submit(comp);
    expect(mp.of('showToast')).toEqual([{ title: '网络不给力，请检查网络后重试', icon: 'none' }]);
    expect(mp.of('redirectTo')).toEqual([]);
    expect(await orders()).toHaveLength(1);

    mp.answer('showModal', { confirm: true });
    await submit(comp);
    const ids = mp.callsTo('mall', 'createOrder').map((c) => c.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    expect(await orders()).toHaveLength(0);
    const paid = await rt.db.collection('orders').find({ userId: SHOPPER, status: 'paid', createdAt: rt.clock.now() });
    expect(paid).toHaveLength(1);
  });

  it('shows the per-shopper limit on the line and, once bought, what is left of it', async () => {
    const first = await open({ items: 'p-gift-base-1:2' });
    expect(text(first, '.line__limit')).toBe('每人限购 2 件');
    mp.answer('showModal', { confirm: false });
    await submit(first);
    expect(await orders()).toHaveLength(1);
    const again = await open({ items: 'p-gift-base-1:1' });
    expect(text(again, '.line__limit')).toBe('每人限购 2 件，你已买满');
    expect(hasClass(again.querySelector('.line__limit'), 'line__limit--over')).toBe(true);
    await submit(again);
    expect(mp.callsTo('mall', 'createOrder')).toHaveLength(2);
    expect(mp.of('showToast').at(-1)).toEqual({ title: '底妆礼盒 每人限购 2 件，你已买满', icon: 'none' });
    expect(await orders()).toHaveLength(1);
  });

  it('says how many are left when stock runs out between opening checkout and submitting', async () => {
    const comp = await open({ items: 'p-brow-1:3' });
    expect(comp.querySelector('.line__stock')).toBeUndefined();
    await rt.db.collection('skus').update({ _id: 'p-brow-1' }, { $set: { stock: 0 } });
    await submit(comp);
    expect(mp.of('showToast')).toEqual([{ title: '自然眉笔 已售罄，请减少数量', icon: 'none' }]);
    expect(text(comp, '.line__stock')).toBe('已售罄');
    expect(await orders()).toHaveLength(0);
  });

  it('starts a new attempt after a refusal, once the shopper changes the order', async () => {
    await rt.db.collection('skus').update({ _id: 'p-brow-1' }, { $set: { stock: 1 } });
    const comp = await open({ items: 'p-brow-1:2' });
    // the page already says what is left, and the refusal names the line
    expect(text(comp, '.line__stock')).toBe('仅剩 1 件');
    await submit(comp);
    expect(mp.of('showToast')).toEqual([{ title: '自然眉笔 仅剩 1 件，请减少数量', icon: 'none' }]);
    await rt.db.collection('skus').update({ _id: 'p-brow-1' }, { $set: { stock: 5 } });
    mp.answer('showModal', { confirm: false });
    await submit(comp);
    const ids = mp.callsTo('mall', 'createOrder').map((c) => c.requestId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).not.toBe(ids[0]);
    expect(await orders()).toHaveLength(1);
  });

  it('orders the selected cart lines from the cart, which then lets them go', async () => {
    await rt.as(SHOPPER)('mall', 'addToCart', { skuId: 'p-brow-1', quantity: 1 });
    await rt.as(SHOPPER)('mall', 'addToCart', { skuId: 'p-lipbalm-1', quantity: 1 });
    const comp = await open({ items: 'p-brow-1:1', from: 'cart' });
    mp.answer('showModal', { confirm: false });
    await submit(comp);
    expect(mp.callsTo('mall', 'createOrder').map((c) => c.data)).toEqual([
      { items: [{ skuId: 'p-brow-1', quantity: 1 }], addressId: ADDRESS, source: { kind: 'organic' }, fromCart: true },
    ]);
    const cart = await rt.as(SHOPPER)<{ lines: Array<{ skuId: string }> }>('mall', 'getCart', {});
    expect(cart.ok && cart.data.lines.map((l) => l.skuId)).toEqual(['p-lipbalm-1']);
  });

  it('charges the live price for a line from tonight\'s live card and credits the live', async () => {
    rt.clock.set(DURING_LIVE);
    const comp = await open({ items: 'p-foundation-2:1', live: 'live-tonight', card: 'card-1' });
    const source = { kind: 'live_card', liveId: 'live-tonight', cardId: 'card-1' };
    expect(mp.callsTo('mall', 'previewOrder')[0].data).toEqual({ items: [{ skuId: 'p-foundation-2', quantity: 1 }], source, applySuggested: true });
    expect(texts(comp, '.line >>> .van-card__price')).toEqual(['¥129.00']);
    expect(texts(comp, '.line >>> .van-card__origin-price')).toEqual(['¥ 169.00']);
    mp.answer('showModal', { confirm: false });
    await submit(comp);
    expect((mp.callsTo('mall', 'createOrder')[0].data as { source: unknown }).source).toEqual(source);
    const [order] = await orders();
    expect(order.lines.map((l) => l.unitPriceFen)).toEqual([12900]);
  });

  it('shows the empty state for a checkout with nothing to buy, without calling the backend', async () => {
    const comp = await open({ items: 'p-brow-1:0' });
    expect(text(comp, '.checkout >>> .state__text')).toBe('没有要结算的商品');
    expect(mp.calls).toHaveLength(0);
    await tap(comp, '.checkout >>> .state__action');
    expect(mp.of('navigateBack')).toEqual([{ delta: 1 }]);
  });

  it('shows an error with retry when pricing fails', async () => {
    mp.intercept('mall', 'previewOrder', 'network', 1);
    const comp = await open({ items: 'p-brow-1:1' });
    expect(text(comp, '.checkout >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.checkout >>> .state__action');
    await mp.settle();
    expect(cell(comp, '.breakdown__payable')).toEqual(['¥59.00']);
    expect(cell(comp, '.breakdown__shipping')).toEqual(['¥10.00']);
  });
});
