import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';
import { awardPoints } from '../../cloudfunctions/core/modules/points/ledger';
import { find, load, mount, page, tap, text, texts, unmountAll, type Rendered } from './helpers/render';
import { makeStaff } from './helpers/staff';
import { mp, useRuntime } from './helpers/wx';

const input = (comp: Rendered, selector: string, value: string) => {
  const nodes = find(comp, selector);
  if (nodes.length !== 1) throw new Error(`${nodes.length} nodes match ${selector}`);
  nodes[0].dispatchEvent('input', { detail: { value } });
};

describe('admin: shipping product rewards', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('admin/pages/redemptions/index');
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

  async function open(openid: string) {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(id);
    page(comp).onLoad({});
    await mp.settle();
    return comp;
  }

  async function redeemLipbalm(openid: string) {
    await awardPoints(rt.db, { userId: openid, key: `test:${openid}`, amount: 2000, ref: null, label: 'test', now: T0 });
    const address = await rt.as(openid)<{ addressId: string }>('mall', 'saveAddress', {
      userName: '周八',
      telNumber: '13500001111',
      provinceName: '江苏省',
      cityName: '南京市',
      countyName: '鼓楼区',
      detailInfo: '中山路 8 号',
    });
    const r = await rt.as(openid)<{ redemptionId: string }>('points', 'redeem', { rewardId: 'rw-lipbalm', addressId: address.ok ? address.data.addressId : '' });
    if (!r.ok) throw new Error(r.error.code);
    return r.data.redemptionId;
  }

  it('customer service ships a redeemed product once with its tracking number', async () => {
    const redemptionId = await redeemLipbalm('winner');
    await makeStaff(rt, 'cs-1', 'cs');
    const comp = await open('cs-1');
    expect(texts(comp, '.redemption__title')).toEqual(['润唇膏 4g · 1200 积分']);
    expect(text(comp, '.redemption__address')).toBe('江苏省南京市鼓楼区 中山路 8 号');
    await tap(comp, '.redemption__start', { 'data-id': redemptionId });
    input(comp, '.redemption__number', 'SF9876543210');
    await tap(comp, '.redemption__confirm');
    await mp.settle();
    expect(mp.callsTo('admin', 'shipRedemption').map((c) => c.data)).toEqual([{ redemptionId, company: '顺丰速运', trackingNumber: 'SF9876543210' }]);
    expect(text(comp, '.redemptions >>> .state__text')).toBe('没有待发货的兑换');
    await tap(comp, '.redemption-filter', { 'data-filter': 'shipped' });
    await mp.settle();
    expect(text(comp, '.redemption__tracking')).toBe('顺丰速运 SF9876543210');
  });

  it('refuses an empty tracking number without calling the server', async () => {
    const redemptionId = await redeemLipbalm('winner-2');
    const comp = await open('demo-staff');
    await tap(comp, '.redemption__start', { 'data-id': redemptionId });
    await tap(comp, '.redemption__confirm');
    expect(mp.callsTo('admin', 'shipRedemption')).toEqual([]);
    expect(mp.of('showToast')).toEqual([expect.objectContaining({ title: '请填写快递公司和运单号' })]);
  });

  it('shows a shopper the staff-only state', async () => {
    const comp = await open('demo-shopper');
    expect(find(comp, '.redemption')).toHaveLength(0);
    expect(text(comp, '.redemptions >>> .state__text')).not.toBe('');
  });
});
