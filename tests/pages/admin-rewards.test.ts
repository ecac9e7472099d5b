import type { StaffReward } from '../../typings/contract';
import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { find, hasClass, input, load, mount, page, tap, text, texts, tick, unmountAll, type Rendered } from './helpers/render';
import { makeStaff } from './helpers/staff';
import { mp, useRuntime } from './helpers/wx';

const toasts = () => mp.of('showToast') as Array<{ title: string; icon?: string }>;

describe('admin rewards screen', () => {
  let rt: TestRuntime;
  let id = '';
  beforeAll(() => {
    jest.resetModules();
    id = load('admin/pages/rewards/index');
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

  async function open(openid = 'demo-staff') {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(id);
    page(comp).onLoad({});
    await mp.settle();
    return comp;
  }
  const reward = (rewardId: string) => rt.db.collection('rewards').get(rewardId);
  const rowIndex = (comp: Rendered, rewardId: string) => find(comp, '.reward').findIndex((n) => n.dom?.getAttribute('data-id') === rewardId);

  it('lists the rewards with what each gives, its points and stock, and whether it is offered', async () => {
    const comp = await open();
    expect(texts(comp, '.reward__title')).toEqual(['10 元无门槛券', '直播优先入场 30 天', '润唇膏 4g']);
    expect(texts(comp, '.reward__gives')).toEqual(['优惠券「积分兑换 10 元无门槛券（可叠加）」', '直播优先入场 30 天', '润唇膏 4g']);
    expect(texts(comp, '.reward__stock')).toEqual(['500 积分 · 库存 1000 · 已兑 0', '300 积分 · 库存 500 · 已兑 0', '1200 积分 · 库存 100 · 已兑 0']);
    expect(texts(comp, '.reward__status')).toEqual(['兑换中', '兑换中', '兑换中']);
    expect(texts(comp, '.reward__toggle')).toEqual(['停止兑换', '停止兑换', '停止兑换']);
    expect(find(comp, '.reward__edit')).toHaveLength(3);
    expect(find(comp, '.rewards__new')).toHaveLength(1);
    expect(find(comp, '.note')).toHaveLength(0);
  });

  it('edits a reward\'s name and points; the server has them and the row shows them', async () => {
    const comp = await open();
    await tap(comp, '.reward__edit', { 'data-id': 'rw-lipbalm' });
    expect(find(comp, '.edit')).toHaveLength(1);
    expect(page(comp).data.edit).toEqual(expect.objectContaining({ rewardId: 'rw-lipbalm', title: '润唇膏 4g', pointsCost: '1200', stockAdd: '' }));
    input(comp, '.edit__title', '润唇膏 4g（限定）');
    input(comp, '.edit__cost', '900');
    input(comp, '.edit__stock', '50');
    await tap(comp, '.edit__save');
    await mp.settle();
    expect(mp.callsTo('admin', 'updateReward').map((c) => c.data)).toEqual([{ rewardId: 'rw-lipbalm', title: '润唇膏 4g（限定）', pointsCost: 900, stock: { mode: 'add', quantity: 50 } }]);
    expect(await reward('rw-lipbalm')).toMatchObject({ title: '润唇膏 4g（限定）', pointsCost: 900, stock: 150 });
    expect(toasts().at(-1)).toEqual({ title: '已保存', icon: 'success' });
    expect(find(comp, '.edit')).toHaveLength(0);
    expect(texts(comp, '.reward__title')[2]).toBe('润唇膏 4g（限定）');
    expect(texts(comp, '.reward__stock')[2]).toBe('900 积分 · 库存 150 · 已兑 0');
  });

  it('taking more stock than there is shows the server\'s refusal and changes nothing', async () => {
    const comp = await open();
    await tap(comp, '.reward__edit', { 'data-id': 'rw-lipbalm' });
    input(comp, '.edit__title', '不该改名');
    input(comp, '.edit__stock', '-1000');
    await tap(comp, '.edit__save');
    await mp.settle();
    expect(mp.callsTo('admin', 'updateReward')).toHaveLength(1);
    expect(toasts()).toEqual([{ title: '库存不能小于 0', icon: 'none' }]);
    expect(await reward('rw-lipbalm')).toMatchObject({ title: '润唇膏 4g', pointsCost: 1200, stock: 100 });
    // the edit stays open to correct; the row is unchanged
    expect(find(comp, '.edit')).toHaveLength(1);
    expect(page(comp).data.saving).toBe(false);
    expect(texts(comp, '.reward__title')[2]).toBe('润唇膏 4g');
    await tap(comp, '.edit__cancel');
    expect(find(comp, '.edit')).toHaveLength(0);
  });

  it('checks an edit before sending it', async () => {
    const comp = await open();
    await tap(comp, '.reward__edit', { 'data-id': 'rw-coupon-10' });
    input(comp, '.edit__title', '   ');
    await tap(comp, '.edit__save');
    expect(text(comp, '.edit__error')).toBe('名称 1–40 个字');
    input(comp, '.edit__title', '券');
    await tick();
    expect(page(comp).data.edit).toEqual(expect.objectContaining({ title: '券', error: '' }));
    expect(find(comp, '.edit__error')).toHaveLength(0);
    input(comp, '.edit__cost', '0');
    await tap(comp, '.edit__save');
    expect(text(comp, '.edit__error')).toBe('所需积分请填 1 以上的整数');
    input(comp, '.edit__cost', '10');
    for (const bad of ['0', '1.5', '十']) {
      input(comp, '.edit__stock', bad);
      await tap(comp, '.edit__save');
      expect(text(comp, '.edit__error')).toBe('库存增减请填整数，如 50 或 -10');
    }
    expect(mp.callsTo('admin', 'updateReward')).toEqual([]);
  });

  it('stops a reward and resumes it', async () => {
    const comp = await open();
    await tap(comp, '.reward__toggle', { 'data-id': 'rw-live-priority' });
    await mp.settle();
    expect(mp.callsTo('admin', 'updateReward').map((c) => c.data)).toEqual([{ rewardId: 'rw-live-priority', status: 'off' }]);
    expect((await reward('rw-live-priority'))?.status).toBe('off');
    expect(toasts().at(-1)).toEqual({ title: '已停止兑换', icon: 'success' });
    const i = rowIndex(comp, 'rw-live-priority');
    expect(texts(comp, '.reward__status')[i]).toBe('已停兑');
    expect(hasClass(find(comp, '.reward__status')[i], 'reward__status--off')).toBe(true);
    expect(texts(comp, '.reward__toggle')[i]).toBe('恢复兑换');
    const shopper = await rt.as('window-shopper')<{ items: Array<{ _id: string }> }>('points', 'listRewards', {});
    expect(shopper.ok && shopper.data.items.map((r) => r._id)).toEqual(['rw-coupon-10', 'rw-lipbalm']);

    await tap(comp, '.reward__toggle', { 'data-id': 'rw-live-priority' });
    await mp.settle();
    expect(mp.callsTo('admin', 'updateReward').map((c) => c.data)[1]).toEqual({ rewardId: 'rw-live-priority', status: 'on' });
    expect((await reward('rw-live-priority'))?.status).toBe('on');
    expect(toasts().at(-1)).toEqual({ title: '已恢复兑换', icon: 'success' });
    expect(texts(comp, '.reward__status')[i]).toBe('兑换中');
    expect(texts(comp, '.reward__toggle')[i]).toBe('停止兑换');
  });

  it('creates a coupon reward picked from the templates, named after the coupon', async () => {
    const comp = await open();
    await tap(comp, '.rewards__new');
    await mp.settle();
    expect(find(comp, '.new')).toHaveLength(1);
    expect(find(comp, '.rewards__new')).toHaveLength(0);
    expect(hasClass(find(comp, '.new__kind', { 'data-kind': 'coupon' })[0], 'chip--on')).toBe(true);
    await tap(comp, '.new__coupon >>> .picker__option', { 'data-id': 'tpl-reward-10' });
    expect(page(comp).data.creating).toEqual(expect.objectContaining({ templateId: 'tpl-reward-10', title: '积分兑换 10 元无门槛券（可叠加）' }));
    expect(find(comp, '.new__coupon >>> .picker__option--on')).toHaveLength(1);
    input(comp, '.new__cost', '800');
    input(comp, '.new__stock', '30');
    await tap(comp, '.new__save');
    await mp.settle();
    expect(mp.callsTo('admin', 'createReward').map((c) => c.data)).toEqual([
      { title: '积分兑换 10 元无门槛券（可叠加）', kind: 'coupon', pointsCost: 800, stock: 30, couponTemplateId: 'tpl-reward-10' },
    ]);
    const [made] = await rt.db.collection('rewards').find({ pointsCost: 800 });
    expect(made).toMatchObject({ kind: 'coupon', couponTemplateId: 'tpl-reward-10', stock: 30, status: 'on', title: '积分兑换 10 元无门槛券（可叠加）' });
    expect(toasts().at(-1)).toEqual({ title: '已上架', icon: 'success' });
    expect(find(comp, '.new')).toHaveLength(0);
    expect(texts(comp, '.reward__title')).toContain('积分兑换 10 元无门槛券（可叠加）');
    expect(texts(comp, '.reward__title')).toHaveLength(4);
  });

  it('a name typed first is kept when a coupon is picked', async () => {
    const comp = await open();
    await tap(comp, '.rewards__new');
    await mp.settle();
    input(comp, '.new__title', '我的券');
    await tap(comp, '.new__coupon >>> .picker__option', { 'data-id': 'tpl-reward-10' });
    expect(page(comp).data.creating).toEqual(expect.objectContaining({ templateId: 'tpl-reward-10', title: '我的券' }));
  });

  it('creates a 直播优先入场 reward for a number of days', async () => {
    const comp = await open();
    await tap(comp, '.rewards__new');
    await tap(comp, '.new__kind', { 'data-kind': 'privilege' });
    expect(find(comp, '.new__coupon')).toHaveLength(0);
    input(comp, '.new__days', '7');
    input(comp, '.new__title', '优先入场 7 天');
    input(comp, '.new__cost', '120');
    input(comp, '.new__stock', '50');
    await tap(comp, '.new__save');
    await mp.settle();
    expect(mp.callsTo('admin', 'createReward').map((c) => c.data)).toEqual([
      { title: '优先入场 7 天', kind: 'privilege', pointsCost: 120, stock: 50, privilege: 'live_priority', privilegeDays: 7 },
    ]);
    const [made] = await rt.db.collection('rewards').find({ title: '优先入场 7 天' });
    expect(made).toMatchObject({ kind: 'privilege', privilege: { kind: 'live_priority', days: 7 }, couponTemplateId: null, stock: 50, pointsCost: 120 });
    const i = texts(comp, '.reward__title').indexOf('优先入场 7 天');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(texts(comp, '.reward__gives')[i]).toBe('直播优先入场 7 天');
    const listed = await rt.as('demo-staff')<{ items: StaffReward[] }>('admin', 'listStaffRewards', {});
    expect(listed.ok && listed.data.items.find((r) => r.rewardId === made!._id)?.gives).toBe('直播优先入场 7 天');
  });

  it('checks a new reward before sending it', async () => {
    const comp = await open();
    await tap(comp, '.rewards__new');
    await mp.settle();
    await tap(comp, '.new__save');
    expect(text(comp, '.new__error')).toBe('名称 1–40 个字');
    input(comp, '.new__title', '券');
    await tick();
    expect(page(comp).data.creating).toEqual(expect.objectContaining({ title: '券', error: '' }));
    expect(find(comp, '.new__error')).toHaveLength(0);
    await tap(comp, '.new__save');
    expect(text(comp, '.new__error')).toBe('所需积分请填 1 以上的整数');
    input(comp, '.new__cost', '10');
    input(comp, '.new__stock', '-1');
    await tap(comp, '.new__save');
    expect(text(comp, '.new__error')).toBe('库存请填 0 或正整数');
    input(comp, '.new__stock', '5');
    await tap(comp, '.new__save');
    expect(text(comp, '.new__error')).toBe('请选择兑换的优惠券');
    await tap(comp, '.new__kind', { 'data-kind': 'privilege' });
    input(comp, '.new__days', '400');
    await tap(comp, '.new__save');
    expect(text(comp, '.new__error')).toBe('有效天数 1–366');
    expect(mp.callsTo('admin', 'createReward')).toEqual([]);
    await tap(comp, '.new__cancel');
    expect(find(comp, '.new')).toHaveLength(0);
  });

  it('customer service sees the rewards but none of the controls', async () => {
    await makeStaff(rt, 'cs-1', 'cs');
    const comp = await open('cs-1');
    expect(texts(comp, '.reward__title')).toEqual(['10 元无门槛券', '直播优先入场 30 天', '润唇膏 4g']);
    expect(text(comp, '.note')).toBe('你的角色只能查看积分商城');
    expect(find(comp, '.reward__edit')).toHaveLength(0);
    expect(find(comp, '.reward__toggle')).toHaveLength(0);
    expect(find(comp, '.rewards__new')).toHaveLength(0);
    // even called directly, the handlers do nothing
    page(comp).onEdit({ currentTarget: { dataset: { id: 'rw-lipbalm' } } });
    page(comp).onNew();
    await page(comp).onToggle({ currentTarget: { dataset: { id: 'rw-lipbalm' } } });
    expect(page(comp).data.edit).toBeNull();
    expect(page(comp).data.creating).toBeNull();
    expect(mp.callsTo('admin', 'updateReward')).toEqual([]);
  });
});
