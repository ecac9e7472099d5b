import type { MyPrize, Tier } from '../../../typings/contract/index';
import { preselect } from '../../../miniprogram/components/address-sheet/utils';
import { couponCard, discountText, faceText, scopeText, useTarget } from '../../../miniprogram/pages/coupons/utils';
import { enterAction, actionText } from '../../../miniprogram/pages/raffle/utils';
import { dayOf, expiringText, ledgerRow, privilegeText, tierBenefits, tierView } from '../../../miniprogram/utils/member';
import { prizeStatusText, prizesText, shortHex } from '../../../miniprogram/utils/raffle-text';

/** 2026-12-31 24:00 Shanghai */
const END_2026 = Date.UTC(2026, 11, 31, 16, 0, 0);

const tier = (id: Tier['id'], name: string, over: Partial<Tier> = {}): Tier => ({
  id,
  name,
  minSpendFen: 0,
  pointsPercent: 100,
  memberPrice: false,
  priorityAccess: false,
  ...over,
});

describe('member wording', () => {
  it('reads the progress to the next tier, and the top tier', () => {
    const silver = tier('silver', '银卡会员', { minSpendFen: 100000, pointsPercent: 120, memberPrice: true });
    expect(tierView({ tier: tier('regular', '普通会员'), nextTier: silver, progress: { spendFen: 66400, targetFen: 100000, percent: 66 } })).toEqual({
      tierId: 'regular',
      tierName: '普通会员',
      percent: 66,
      progressText: '再消费 ¥336.00 升级为银卡会员',
      spendText: '近 12 个月消费 ¥664.00',
      benefits: ['每消费 1 元得 1 积分'],
    });
    const diamond = tier('diamond', '钻石会员', { pointsPercent: 200, memberPrice: true, priorityAccess: true });
    const top = tierView({ tier: diamond, nextTier: null, progress: { spendFen: 900000, targetFen: null, percent: 100 } });
    expect(top.progressText).toBe('已是最高等级');
    expect(top.percent).toBe(100);
    expect(top.benefits).toEqual(['积分 2 倍', '会员价', '直播优先入场']);
    expect(tierBenefits(tier('gold', '金卡会员', { pointsPercent: 150, memberPrice: true, priorityAccess: true }))).toEqual(['积分 1.5 倍', '会员价', '直播优先入场']);
  });

  it('reads an end-of-day instant as that day', () => {
    expect(dayOf(END_2026)).toBe('2026-12-31');
    expect(expiringText({ points: 120, at: END_2026 })).toBe('120 积分将于 2026-12-31 过期');
    expect(expiringText(null)).toBe('');
    expect(privilegeText({ kind: 'live_priority', until: END_2026 })).toBe('直播优先入场 · 至 2026-12-31');
  });

  it('signs ledger entries', () => {
    expect(ledgerRow({ _id: 'a', delta: 138, source: 'order', ref: 'o', label: '购物得积分', createdAt: END_2026 })).toMatchObject({ deltaText: '+138', gain: true });
    expect(ledgerRow({ _id: 'b', delta: -500, source: 'redeem', ref: null, label: '兑换', createdAt: END_2026 })).toMatchObject({ deltaText: '-500', gain: false });
  });
});

describe('coupon wording and "use now"', () => {
  it('shows the amount off in yuan or the discount', () => {
    expect(faceText({ kind: 'no_threshold', valueFen: 5000 })).toBe('¥50.00');
    expect(faceText({ kind: 'threshold', tiers: [{ thresholdFen: 19900, valueFen: 3000 }, { thresholdFen: 39900, valueFen: 8000 }] })).toBe('¥80.00');
    expect(faceText({ kind: 'discount', percentOff: 15, capFen: 3000, thresholdFen: 0 })).toBe('8.5折');
    expect(discountText(20)).toBe('8折');
  });

  it('goes to the one product, the first category, or home', () => {
    expect(useTarget({ productIds: ['p-powder'], categoryIds: [] })).toBe('/pages/product/index?id=p-powder');
    expect(useTarget({ productIds: [], categoryIds: ['cat-skincare', 'cat-makeup'] })).toBe('/pages/category/index?id=cat-skincare');
    expect(useTarget({ productIds: ['p-a', 'p-b'], categoryIds: ['cat-base'] })).toBe('/pages/category/index?id=cat-base');
    expect(useTarget({ productIds: ['p-a', 'p-b'], categoryIds: [] })).toBe('/pages/product/index?id=p-a');
    expect(useTarget({ productIds: [], categoryIds: [] })).toBe('/pages/home/index');
    expect(scopeText({ productIds: [], categoryIds: ['c'] })).toBe('指定分类可用');
  });

  it('marks a locked coupon as held by its order, not usable', () => {
    const card = couponCard({
      _id: 'c1',
      templateId: 't',
      title: '满 199 减 30',
      rule: { kind: 'threshold', tiers: [{ thresholdFen: 19900, valueFen: 3000 }] },
      scope: { productIds: [], categoryIds: [] },
      stackable: false,
      status: 'locked',
      validFrom: END_2026 - 86400000 * 30,
      validTo: END_2026 - 1,
      claimedAt: 0,
      usedAt: null,
      orderId: 'o-1',
      source: 'claim',
    });
    expect(card).toMatchObject({ usable: false, orderId: 'o-1', stateText: '待支付订单占用中', validText: '2026-12-02 至 2026-12-31' });
  });
});

describe('raffle wording', () => {
  const prize = (over: Partial<MyPrize>): MyPrize => ({
    prizeId: 'p',
    kind: 'goods',
    title: '润唇膏',
    status: 'pending',
    claimBy: null,
    orderId: null,
    orderStatus: null,
    couponId: null,
    points: null,
    privilege: null,
    ...over,
  });

  it('says where a prize stands', () => {
    expect(prizeStatusText(prize({ status: 'awaiting_address', claimBy: END_2026 }))).toBe('请在 2027-01-01 00:00 前填写收货地址');
    expect(prizeStatusText(prize({ status: 'ordered', orderStatus: 'shipped' }))).toBe('已下单 · 待收货');
    expect(prizeStatusText(prize({ status: 'forfeited' }))).toBe('超过领奖期限，奖品已失效');
    expect(prizeStatusText(prize({ kind: 'points', status: 'granted', points: 200 }))).toBe('200 积分已到账');
    expect(prizeStatusText(prize({ kind: 'privilege', status: 'granted', privilege: { kind: 'new_product_trial', until: END_2026 } }))).toBe('新品试用资格已生效，至 2026-12-31');
    expect(prizesText([{ title: 'A', stock: 1 }, { title: 'B', stock: 3 }])).toBe('A ×1 · B ×3');
  });

  it('turns the view into the enter button state', () => {
    expect(enterAction({ myEntry: null, block: null })).toBe('enter');
    expect(enterAction({ myEntry: { entryId: 'e', slot: 1, createdAt: 0, result: 'pending', prize: null }, block: null })).toBe('entered');
    expect(enterAction({ myEntry: null, block: 'already_won' })).toBe('already_won');
    expect(actionText('not_eligible', 'group_join')).toBe('加入粉丝群或通过直播添加客服企业微信后才能参与抽奖');
    expect(actionText('enter', 'reservation')).toBe('');
  });

  it('shortens long hex', () => {
    expect(shortHex('0123456789abcdef0123')).toBe('01234567…cdef0123');
    expect(shortHex('abc')).toBe('abc');
  });
});

describe('address sheet preselection', () => {
  const a = (id: string, isDefault = false) => ({ _id: id, name: 'n', tel: 't', text: 'x', isDefault });
  it('keeps the wanted address, else the default, else the first, else none', () => {
    expect(preselect([a('1'), a('2', true)], '1')).toBe('1');
    expect(preselect([a('1'), a('2', true)], 'gone')).toBe('2');
    expect(preselect([a('1'), a('2')], '')).toBe('1');
    expect(preselect([], 'x')).toBe('');
  });
});
