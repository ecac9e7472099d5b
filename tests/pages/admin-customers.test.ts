import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { find, input, load, mount, page, tap, text, texts, unmountAll, type Rendered } from './helpers/render';
import { makeStaff } from './helpers/staff';
import { mp, useRuntime } from './helpers/wx';

const SHOPPER = 'demo-shopper';
const toasts = () => mp.of('showToast') as Array<{ title: string; icon?: string }>;

describe('admin customers', () => {
  let rt: TestRuntime;
  let listId = '';
  let profileId = '';
  beforeAll(() => {
    // a fresh module registry per page lets each register its own page-state
    jest.resetModules();
    listId = load('admin/pages/customers/index');
    jest.resetModules();
    profileId = load('admin/pages/customer/index');
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

  async function open(id: string, options: Record<string, string>, openid = 'demo-staff'): Promise<Rendered> {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(id);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }
  const balance = async (userId: string) => (await rt.db.collection('member_accounts').get(userId))?.points ?? 0;

  describe('the list', () => {
    it('shows customers most recently seen first, masked, with spend and points; a row opens the profile', async () => {
      const users = await rt.db.collection('users').find({}, { sort: [['lastSeenAt', 'desc']] });
      const comp = await open(listId, {});
      expect(text(comp, '.customers__total')).toBe(`共 ${users.length} 位顾客`);
      expect(find(comp, '.customer')).toHaveLength(20);
      expect(texts(comp, '.customer__name').every((n) => n.includes('*'))).toBe(true);
      await tap(comp, '.customer', { 'data-id': users[0]._id });
      expect(mp.of('navigateTo')).toEqual([{ url: `/admin/pages/customer/index?id=${users[0]._id}` }]);
    });

    it('searches by nickname and by phone tail, and clears the search', async () => {
      const comp = await open(listId, {});
      input(comp, '.search__input', '小美');
      await tap(comp, '.search__go');
      await mp.settle();
      expect(mp.callsTo('admin', 'listCustomers').at(-1)?.data).toEqual({ q: '小美', page: 1 });
      const shopper = find(comp, '.customer', { 'data-id': SHOPPER });
      expect(shopper).toHaveLength(1);
      expect(text(comp, '.search__summary')).toBe('搜索“小美”');

      const address = (await rt.db.collection('addresses').get(`addr-${SHOPPER}`))!;
      input(comp, '.search__input', address.telNumber.slice(-4));
      await tap(comp, '.search__go');
      await mp.settle();
      expect(find(comp, '.customer').map((n) => n.dom?.getAttribute('data-id'))).toEqual([SHOPPER]);
      expect(text(comp, '.customer__spend')).toMatch(/^3 单 · 实付 ¥\d+\.\d\d · \d+ 积分$/);

      await tap(comp, '.search__clear');
      await mp.settle();
      expect(mp.callsTo('admin', 'listCustomers').at(-1)?.data).toEqual({ page: 1 });
      expect(find(comp, '.customer')).toHaveLength(20);
    });

    it('filters by a rule tag and says when nobody matches', async () => {
      await rt.as('demo-staff')('admin', 'saveTagRule', { tag: 'buyer', label: '买过的人', expr: { op: 'gte', fact: 'paid_orders', value: 1 }, ttlDays: 30 });
      await rt.runTimer('sop', 'sweepTags');
      const held = await rt.db.collection('user_tags').count({ tag: 'buyer' });
      const comp = await open(listId, {});
      await tap(comp, '.tag-filter', { 'data-tag': 'buyer' });
      await mp.settle();
      expect(text(comp, '.customers__total')).toBe(`共 ${held} 位顾客`);
      expect(texts(comp, '.customer__tag').every((t) => t.length > 0)).toBe(true);
      expect(texts(comp, '.customer__tags')[0]).toContain('买过的人');
      input(comp, '.search__input', '无此人');
      await tap(comp, '.search__go');
      await mp.settle();
      expect(text(comp, '.customers >>> .state__text')).toBe('没有符合条件的顾客');
    });

    it('exports what the list shows as CSV, then sends the file to a chat or copies its link', async () => {
      const comp = await open(listId, {});
      await tap(comp, '.tag-filter', { 'data-tag': 'hesitant_viewer' });
      await mp.settle();
      await tap(comp, '.customers__export >>> .export__start');
      await mp.settle();
      expect(mp.callsTo('admin', 'startExport').map((c) => c.data)).toEqual([{ kind: 'customers', tag: 'hesitant_viewer' }]);
      const total = await rt.db.collection('user_tags').count({ tag: 'hesitant_viewer' });
      expect(text(comp, '.customers__export >>> .export__file')).toMatch(new RegExp(`^已导出 ${total} 行 · customers-\\d{8}-[0-9a-f]{16}\\.csv$`));
      mp.answer('downloadFile', { statusCode: 200, tempFilePath: 'wxfile://tmp/customers.csv' });
      await tap(comp, '.customers__export >>> .export__send');
      await mp.settle();
      const [exp] = await rt.db.collection('exports').find({});
      expect(mp.of('downloadFile')).toEqual([{ url: expect.stringContaining(`/files/exports/${exp.fileName}`) }]);
      expect(mp.of('shareFileMessage')).toEqual([{ filePath: 'wxfile://tmp/customers.csv', fileName: exp.fileName }]);
      await tap(comp, '.customers__export >>> .export__copy');
      expect(mp.of('setClipboardData')).toEqual([{ data: expect.stringContaining(exp.fileName) }]);
    });

    it('an export cut off by the network is taken up where it stopped', async () => {
      const base = (await rt.db.collection('users').get(SHOPPER))!;
      for (let i = 0; i < 600; i++) await rt.db.collection('users').insert({ ...base, _id: `bulk-${i}`, openid: `bulk-${i}`, nickname: `顾客${i}`, createdAt: base.createdAt - i - 1 });
      const comp = await open(listId, {});
      mp.intercept('admin', 'exportStep', 'network', 1);
      await tap(comp, '.customers__export >>> .export__start');
      await mp.settle();
      expect(find(comp, '.customers__export >>> .export__retry')).toHaveLength(1);
      await tap(comp, '.customers__export >>> .export__retry');
      await mp.settle();
      const users = await rt.db.collection('users').count({});
      expect(text(comp, '.customers__export >>> .export__file')).toContain(`已导出 ${users} 行`);
      expect(mp.callsTo('admin', 'startExport')).toHaveLength(1);
      const [exp] = await rt.db.collection('exports').find({});
      expect(exp).toMatchObject({ status: 'done', rows: users });
    });

    it('customer service has no export', async () => {
      await makeStaff(rt, 'cs-1', 'cs');
      const comp = await open(listId, {}, 'cs-1');
      expect(find(comp, '.customer').length).toBeGreaterThan(0);
      expect(find(comp, '.customers__export')).toHaveLength(0);
    });

    it('a shopper is told the screen is for staff', async () => {
      const comp = await open(listId, {}, SHOPPER);
      expect(find(comp, '.customer')).toHaveLength(0);
      expect(mp.callsTo('admin', 'listCustomers').every((c) => c.openid === SHOPPER)).toBe(true);
      expect(find(comp, '.customers >>> .state__action')).toHaveLength(1);
    });
  });

  describe('the profile', () => {
    it('shows spend, orders, points, tags, consents; an order opens its staff detail', async () => {
      const comp = await open(profileId, { id: SHOPPER });
      expect(text(comp, '.head__name')).toBe('小*');
      expect(text(comp, '.spend__orders')).toBe('3');
      expect(texts(comp, '.order__status')).toEqual(['待发货', '已发货', '已完成']);
      expect(text(comp, '.points__balance')).toBe(String(await balance(SHOPPER)));
      expect(texts(comp, '.entry__label')[0]).toBe('购物得积分');
      expect(texts(comp, '.consent__credits').every((c) => c === '未授权')).toBe(true);
      expect(text(comp, '.tags__empty')).toBe('还没有标签');
      await tap(comp, '.order', { 'data-id': 'demo-order-3' });
      expect(mp.of('navigateTo')).toEqual([{ url: '/admin/pages/order-detail/index?id=demo-order-3' }]);
    });

    it('adds a rule\'s tag with one tap and a new key typed in, and removes a manual tag after confirming', async () => {
      await rt.as('demo-staff')('admin', 'saveTagRule', { tag: 'core_fan', label: '核心粉丝', expr: { op: 'gte', fact: 'watch_minutes', value: 600 }, ttlDays: 30 });
      const comp = await open(profileId, { id: SHOPPER });
      expect(texts(comp, '.tag-option')).toContain('+ 核心粉丝');
      await tap(comp, '.tag-option', { 'data-tag': 'core_fan' });
      await mp.settle();
      expect(texts(comp, '.tag__label')).toEqual(['核心粉丝']);
      expect(texts(comp, '.tag-option')).not.toContain('+ 核心粉丝');

      input(comp, '.tag-new__input', 'Bad Key');
      await tap(comp, '.tag-new__add');
      expect(toasts().at(-1)?.title).toBe('标签键用小写字母开头，只含小写字母、数字和 _');
      input(comp, '.tag-new__input', 'vip_care');
      await tap(comp, '.tag-new__add');
      await mp.settle();
      expect(texts(comp, '.tag__label')).toEqual(['核心粉丝', 'vip_care']);
      expect(mp.callsTo('admin', 'addCustomerTag').map((c) => c.data)).toEqual([
        { userId: SHOPPER, tag: 'core_fan' },
        { userId: SHOPPER, tag: 'vip_care' },
      ]);

      mp.answer('showModal', { confirm: false });
      await tap(comp, '.tag__remove', { 'data-tag': 'vip_care' });
      await mp.settle();
      expect(mp.callsTo('admin', 'removeCustomerTag')).toEqual([]);
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.tag__remove', { 'data-tag': 'vip_care' });
      await mp.settle();
      expect(texts(comp, '.tag__label')).toEqual(['核心粉丝']);
      expect(await rt.db.collection('user_tags').get(`${SHOPPER}:vip_care`)).toBeNull();
    });

    it('adds points with a reason after confirming; the ledger shows it', async () => {
      const before = await balance(SHOPPER);
      const comp = await open(profileId, { id: SHOPPER });
      await tap(comp, '.adjust__submit');
      expect(text(comp, '.adjust__error')).toBe('请填写积分数（正整数）');
      input(comp, '.adjust__amount', '200');
      await tap(comp, '.adjust__submit');
      expect(text(comp, '.adjust__error')).toBe('请填写调整原因');
      input(comp, '.adjust__reason', '直播间口误补发');
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.adjust__submit');
      await mp.settle();
      expect((mp.of('showModal') as Array<{ title: string }>).at(-1)?.title).toBe('给 小* 补发 200 积分？');
      expect(mp.callsTo('admin', 'adjustPoints').map((c) => c.data)).toEqual([{ userId: SHOPPER, delta: 200, reason: '直播间口误补发' }]);
      expect(await balance(SHOPPER)).toBe(before + 200);
      expect(text(comp, '.points__balance')).toBe(String(before + 200));
      expect(texts(comp, '.entry__label')[0]).toBe('店铺补发：直播间口误补发');
      expect(texts(comp, '.entry__delta')[0]).toBe('+200');
    });

    it('a deduction larger than the balance is refused and changes nothing', async () => {
      const before = await balance(SHOPPER);
      const comp = await open(profileId, { id: SHOPPER });
      await tap(comp, '.adjust__sign', { 'data-sign': '-1' });
      input(comp, '.adjust__amount', String(before + 1));
      input(comp, '.adjust__reason', '误发回收');
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.adjust__submit');
      await mp.settle();
      expect(toasts().at(-1)?.title).toBe('扣减的积分多于顾客现有积分');
      expect(await balance(SHOPPER)).toBe(before);
    });

    it('a retry after a lost answer sends the same request id, so the points are added once', async () => {
      const before = await balance(SHOPPER);
      const comp = await open(profileId, { id: SHOPPER });
      input(comp, '.adjust__amount', '50');
      input(comp, '.adjust__reason', '补发');
      // the first call reaches the server, its answer is lost on the way back
      mp.intercept('admin', 'adjustPoints', async (call) => {
        await rt.as('demo-staff')('admin', 'adjustPoints', call.data, call.requestId);
        return 'network' as const;
      }, 1);
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.adjust__submit');
      await mp.settle();
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.adjust__submit');
      await mp.settle();
      const calls = mp.callsTo('admin', 'adjustPoints');
      expect(calls).toHaveLength(2);
      expect(calls[1].requestId).toBe(calls[0].requestId);
      expect(await balance(SHOPPER)).toBe(before + 50);
    });

    it('customer service reads the profile without the tag and points controls', async () => {
      await makeStaff(rt, 'cs-1', 'cs');
      const comp = await open(profileId, { id: SHOPPER }, 'cs-1');
      expect(text(comp, '.head__name')).toBe('小*');
      for (const hidden of ['.adjust', '.tag-new', '.tag-option', '.tag__remove']) expect(find(comp, hidden)).toHaveLength(0);
      expect(mp.callsTo('admin', 'listTagRules')).toEqual([]);
    });

    it('an unknown customer is an error with retry', async () => {
      const comp = await open(profileId, { id: 'nobody-here' });
      expect(text(comp, '.customer >>> .state__text')).toBe('顾客不存在');
    });
  });
});
