import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { find, hasClass, load, mount, page, tap, text, texts, unmountAll, type Rendered } from './helpers/render';
import { makeStaff } from './helpers/staff';
import { mp, useRuntime } from './helpers/wx';

const input = (comp: Rendered, selector: string, value: string, attrs: Record<string, string> = {}) => {
  const nodes = find(comp, selector, attrs);
  if (nodes.length !== 1) throw new Error(`${nodes.length} nodes match ${selector}`);
  nodes[0].dispatchEvent('input', { detail: { value } });
};

describe('admin operations', () => {
  let rt: TestRuntime;
  const ids: Record<string, string> = {};
  beforeAll(() => {
    // miniprogram-simulate runs a shared component's Component() on its first require only; a
    // fresh module registry per page lets every page here register its own page-state.
    for (const name of ['products', 'audit', 'orders', 'staff', 'accept-invite', 'index']) {
      jest.resetModules();
      ids[name] = load(`admin/pages/${name}/index`);
    }
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

  async function open(name: string, openid: string, options: Record<string, string> = {}) {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(ids[name]);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }

  describe('products and the audit trail', () => {
    it("an operator's price change reaches the server and shows in the audit trail with before and after", async () => {
      await makeStaff(rt, 'op-1', 'operator');
      rt.clock.advance(60_000);
      const comp = await open('products', 'op-1');
      expect(text(comp, '.product__title')).toBe('口红三支礼盒');
      await tap(comp, '.sku__price', { 'data-product': '0', 'data-sku': '0' });
      expect(page(comp).data.editing).toEqual(expect.objectContaining({ skuId: 'p-gift-lip-1', field: 'price', value: '249.00' }));
      input(comp, '.edit__input', '229.9');
      await tap(comp, '.edit__save');
      await mp.settle();
      expect(mp.callsTo('admin', 'updateSku').map((c) => c.data)).toEqual([{ skuId: 'p-gift-lip-1', priceFen: 22990 }]);
      expect(texts(comp, '.sku__price')[0]).toBe('¥229.90');
      expect(find(comp, '.edit')).toHaveLength(0);
      const server = await rt.as('demo-staff')<{ items: Array<{ skus: Array<{ _id: string; priceFen: number }> }> }>('admin', 'listStaffProducts', { keyword: '口红三支礼盒' });
      expect(server.ok && server.data.items[0].skus[0].priceFen).toBe(22990);

      unmountAll();
      const audit = await open('audit', 'demo-staff');
      expect(text(audit, '.entry__action')).toBe('admin.updateSku');
      expect(text(audit, '.entry__who')).toBe('op-1（运营） · 商品规格 p-gift-lip-1');
      input(audit, '.filter__entity', 'sku');
      await tap(audit, '.filter__go');
      await mp.settle();
      expect(mp.callsTo('admin', 'listAudit').pop()?.data).toEqual({ entity: 'sku', page: 1 });
      expect(texts(audit, '.entry__action')).toEqual(['admin.updateSku']);
      expect(texts(audit, '.entry__change')).toEqual(['priceFen: 24900 → 22990']);
      await tap(audit, '.entry', { 'data-index': '0' });
      expect(JSON.parse(text(audit, '.entry__before')).priceFen).toBe(24900);
      expect(JSON.parse(text(audit, '.entry__after')).priceFen).toBe(22990);
    });

    it('shows a staff write that was interrupted mid-way as of unknown outcome, with what it was asked', async () => {
      // a trail holding only the interrupted write (not the seed's setting up of the shop)
      await rt.db.collection('audit').remove({});
      await rt.db.collection('audit_intents').insert({
        _id: 'intent-1',
        actor: 'demo-staff',
        role: 'owner',
        fn: 'admin',
        action: 'adjustStock',
        input: { skuId: 'p-toner-1', mode: 'add', quantity: 5 },
        createdAt: rt.clock.now() - 120_000,
      });
      expect(await rt.runTimer('admin', 'repairAudits')).toEqual({ ok: true, data: { repaired: 1 } });
      const audit = await open('audit', 'demo-staff');
      expect(text(audit, '.entry__action')).toBe('admin.adjustStock');
      expect(text(audit, '.entry__outcome')).toBe('结果未确认：操作中途中断，修改前后未知。请求内容 {"skuId":"p-toner-1","mode":"add","quantity":5}');
      expect(texts(audit, '.entry__change')).toEqual([]);
    });

    it('refuses a bad price without calling the server, and adjusts stock by adding', async () => {
      const comp = await open('products', 'demo-staff');
      await tap(comp, '.sku__price', { 'data-product': '0', 'data-sku': '0' });
      input(comp, '.edit__input', '12.345');
      await tap(comp, '.edit__save');
      expect(text(comp, '.edit__error')).toBe('请输入大于 0 的价格，最多两位小数');
      expect(mp.callsTo('admin', 'updateSku')).toEqual([]);

      await tap(comp, '.sku__stock', { 'data-product': '0', 'data-sku': '0' });
      await tap(comp, '.edit__mode', { 'data-mode': 'add' });
      input(comp, '.edit__input', '-20');
      await tap(comp, '.edit__save');
      await mp.settle();
      expect(mp.callsTo('admin', 'adjustStock').map((c) => c.data)).toEqual([{ skuId: 'p-gift-lip-1', mode: 'add', quantity: -20 }]);
      expect(texts(comp, '.sku__stock')[0]).toBe('库存 100');

      await tap(comp, '.sku__stock', { 'data-product': '0', 'data-sku': '0' });
      await tap(comp, '.edit__mode', { 'data-mode': 'add' });
      input(comp, '.edit__input', '-500');
      await tap(comp, '.edit__save');
      await mp.settle();
      expect(mp.of('showToast').pop()).toEqual({ title: '库存不能小于 0', icon: 'none' });
      expect(texts(comp, '.sku__stock')[0]).toBe('库存 100');
    });

    it('sets and removes a SKU\'s per-shopper limit, refusing a bad number without calling the server', async () => {
      const comp = await open('products', 'demo-staff');
      expect(texts(comp, '.sku__limit')[0]).toBe('不限购');
      await tap(comp, '.sku__limit', { 'data-product': '0', 'data-sku': '0' });
      expect(page(comp).data.editing).toEqual(expect.objectContaining({ skuId: 'p-gift-lip-1', field: 'limit', value: '' }));
      input(comp, '.edit__input', '1.5');
      await tap(comp, '.edit__save');
      expect(text(comp, '.edit__error')).toBe('请输入 1–999 的整数，留空或 0 为不限购');
      expect(mp.callsTo('admin', 'updateSku')).toEqual([]);
      input(comp, '.edit__input', '3');
      await tap(comp, '.edit__save');
      await mp.settle();
      expect(mp.callsTo('admin', 'updateSku').map((c) => c.data)).toEqual([{ skuId: 'p-gift-lip-1', perUserLimit: 3 }]);
      expect(texts(comp, '.sku__limit')[0]).toBe('限购 3');
      expect((await rt.db.collection('skus').get('p-gift-lip-1'))!.perUserLimit).toBe(3);
      await tap(comp, '.sku__limit', { 'data-product': '0', 'data-sku': '0' });
      expect(page(comp).data.editing).toEqual(expect.objectContaining({ value: '3' }));
      input(comp, '.edit__input', '');
      await tap(comp, '.edit__save');
      await mp.settle();
      expect(texts(comp, '.sku__limit')[0]).toBe('不限购');
      expect((await rt.db.collection('skus').get('p-gift-lip-1'))!.perUserLimit).toBeUndefined();
    });

    it('takes a product off sale', async () => {
      const comp = await open('products', 'demo-staff');
      await tap(comp, '.product__toggle', { 'data-index': '0' });
      await mp.settle();
      expect(mp.callsTo('admin', 'updateProduct').map((c) => c.data)).toEqual([{ productId: 'p-gift-lip', status: 'off_shelf' }]);
      expect(texts(comp, '.product__status')[0]).toBe('已下架');
      expect(texts(comp, '.product__toggle')[0]).toBe('上架');
    });

    it('shows customer service the list without edit controls, and the audit trail as forbidden', async () => {
      await makeStaff(rt, 'cs-1', 'cs');
      const comp = await open('products', 'cs-1');
      expect(find(comp, '.product__toggle')).toHaveLength(0);
      await tap(comp, '.sku__price', { 'data-product': '0', 'data-sku': '0' });
      expect(find(comp, '.edit')).toHaveLength(0);
      unmountAll();
      const audit = await open('audit', 'cs-1');
      expect(text(audit, '.audit >>> .state__text')).toBe('你的角色无权进行此操作');
      await tap(audit, '.audit >>> .state__action');
      expect(mp.of('navigateBack')).toEqual([{ delta: 1 }]);
    });

    it('shows NOT_STAFF as an error state to a shopper', async () => {
      const comp = await open('products', 'demo-shopper');
      expect(text(comp, '.products >>> .state__text')).toBe('仅限店员使用');
      expect(text(comp, '.products >>> .state__action')).toBe('返回');
    });
  });

  describe('orders', () => {
    it('filters by status and ships a paid order with its tracking number', async () => {
      const comp = await open('orders', 'demo-staff');
      await tap(comp, '.status-filter', { 'data-status': 'paid' });
      await mp.settle();
      expect(mp.callsTo('admin', 'listAllOrders').pop()?.data).toEqual({ status: 'paid', page: 1 });
      expect(texts(comp, '.order__line-title')).toEqual(['丝绒哑光口红', '润唇膏']);
      expect(text(comp, '.order__payable')).toBe('¥138.00');

      await tap(comp, '.order__ship', { 'data-index': '0' });
      await tap(comp, '.ship__confirm');
      expect(text(comp, '.ship__error')).toBe('请选择快递公司');
      input(comp, '.ship__company', '顺丰速运', { 'data-field': 'company' });
      input(comp, '.ship__tracking', 'SF1234567890', { 'data-field': 'trackingNumber' });
      await tap(comp, '.ship__confirm');
      await mp.settle();
      expect(mp.callsTo('admin', 'shipOrder').map((c) => c.data)).toEqual([{ orderId: 'demo-order-3', company: '顺丰速运', trackingNumber: 'SF1234567890' }]);
      expect(text(comp, '.order__status')).toBe('已发货');
      expect(find(comp, '.order__ship')).toHaveLength(0);
    });

    it('refunds only after the confirmation, and not for customer service', async () => {
      const comp = await open('orders', 'demo-staff');
      await tap(comp, '.status-filter', { 'data-status': 'paid' });
      await mp.settle();
      mp.answer('showModal', { confirm: false });
      await tap(comp, '.order__refund', { 'data-index': '0' });
      await mp.settle();
      expect(mp.callsTo('admin', 'refundOrder')).toEqual([]);
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.order__refund', { 'data-index': '0' });
      await mp.settle();
      expect(mp.of('showModal')[1]).toEqual(expect.objectContaining({ title: '确认退款', confirmText: '退款' }));
      expect(mp.callsTo('admin', 'refundOrder').map((c) => c.data)).toEqual([{ orderId: 'demo-order-3', reason: '商家后台退款' }]);
      expect(['退款中', '已退款']).toContain(text(comp, '.order__status'));

      unmountAll();
      await makeStaff(rt, 'cs-2', 'cs');
      const cs = await open('orders', 'cs-2');
      await tap(cs, '.status-filter', { 'data-status': 'shipped' });
      await mp.settle();
      expect(find(cs, '.order__refund')).toHaveLength(0);
    });

    it("filters by live: last week's live orders", async () => {
      const comp = await open('orders', 'demo-staff');
      await tap(comp, '.live-filter', { 'data-id': 'live-past' });
      await mp.settle();
      expect(mp.callsTo('admin', 'listAllOrders').pop()?.data).toEqual({ liveId: 'live-past', page: 1 });
      expect(find(comp, '.order')).toHaveLength(10);
      expect(find(comp, '.more')).toHaveLength(0);
    });
  });

  describe('staff', () => {
    it('invites with a one-time code that a new member accepts on the accept page', async () => {
      const comp = await open('staff', 'demo-staff');
      expect(texts(comp, '.member__name')).toEqual(['店长阿宁（我）']);
      await tap(comp, '.invite__role', { 'data-role': 'cs' });
      await tap(comp, '.invite__make');
      await mp.settle();
      const code = text(comp, '.invitation__code');
      expect(code).toMatch(/^[A-Za-z0-9]{8,16}$/);
      expect(text(comp, '.invitation__hint')).toContain('客服');
      await tap(comp, '.invitation__copy');
      expect(mp.of('setClipboardData')).toEqual([{ data: code }]);
      expect(page(comp).onShareAppMessage()).toEqual({ title: '邀请你成为店铺客服', path: `/admin/pages/accept-invite/index?code=${code}` });

      unmountAll();
      const accept = await open('accept-invite', 'new-cs', { code });
      await tap(accept, '.accept__submit');
      await mp.settle();
      expect(text(accept, '.accept__role')).toBe('你已成为店铺客服');
      await tap(accept, '.accept__open');
      expect(mp.of('redirectTo')).toEqual([{ url: '/admin/pages/index/index' }]);

      unmountAll();
      const again = await open('accept-invite', 'someone-else', { code });
      await tap(again, '.accept__submit');
      await mp.settle();
      expect(text(again, '.accept__error')).toBe('邀请码无效、已过期或已被使用');
    });

    it('changes a role and removes a member after confirming; the last owner stays', async () => {
      await makeStaff(rt, 'op-2', 'operator');
      const comp = await open('staff', 'demo-staff');
      const index = String(texts(comp, '.member__name').findIndex((n) => !n.includes('（我）')));
      await tap(comp, '.member__set-role', { 'data-index': index, 'data-role': 'cs' });
      await mp.settle();
      expect(mp.callsTo('admin', 'setStaffRole').map((c) => c.data)).toEqual([{ openid: 'op-2', role: 'cs' }]);
      expect(texts(comp, '.member__role')[Number(index)]).toBe('客服');

      const me = String(texts(comp, '.member__name').findIndex((n) => n.includes('（我）')));
      await tap(comp, '.member__set-role', { 'data-index': me, 'data-role': 'cs' });
      await mp.settle();
      expect(mp.of('showToast').pop()).toEqual({ title: '至少要保留一位店主', icon: 'none' });

      mp.answer('showModal', { confirm: true });
      await tap(comp, '.member__remove', { 'data-index': index });
      await mp.settle();
      expect(mp.callsTo('admin', 'removeStaff').map((c) => c.data)).toEqual([{ openid: 'op-2' }]);
      expect(texts(comp, '.member__name')).toEqual(['店长阿宁（我）']);
    });

    it('tells a staff member who accepts again that they are staff already', async () => {
      const invite = await rt.as('demo-staff')<{ code: string }>('admin', 'inviteStaff', { role: 'operator' });
      const comp = await open('accept-invite', 'demo-staff', { code: invite.ok ? invite.data.code : '' });
      await tap(comp, '.accept__submit');
      await mp.settle();
      expect(text(comp, '.accept__error')).toBe('你已经是店员了，可直接进入店铺管理');
      expect(find(comp, '.accept__link')).toHaveLength(1);
      expect(hasClass(find(comp, '.accept__submit')[0], 'btn-disabled')).toBe(false);
    });
  });

  describe('admin home by role', () => {
    const titles = (comp: Rendered) => texts(comp, '.admin__tool-title');

    it('shows the owner every screen, in groups', async () => {
      const comp = await open('index', 'demo-staff');
      expect(titles(comp)).toEqual(['数据看板', '订单', '售后', '评价', '积分兑换发货', '商品与库存', '分类管理', '首页轮播', '直播管理', '直播控制台', '优惠券模板', '邀请有礼', '积分商城', '抽奖', '邀请关系', '顾客', '标签规则', 'SOP 规则', '跟进任务', '消息发件箱', '直播后跟进', '售后与收货设置', '店员管理', '操作记录']);
      await tap(comp, '.admin__dashboard');
      expect(mp.of('navigateTo')).toEqual([{ url: '/admin/pages/dashboard/index' }]);
    });

    it('hides from customer service the screens its role cannot use', async () => {
      await makeStaff(rt, 'cs-3', 'cs');
      const comp = await open('index', 'cs-3');
      expect(text(comp, '.admin__role')).toBe('客服');
      expect(titles(comp)).toEqual(['数据看板', '订单', '售后', '评价', '积分兑换发货', '直播管理', '邀请关系', '顾客', '跟进任务', '消息发件箱']);
      for (const hidden of ['.admin__products', '.admin__live-console', '.admin__audit', '.admin__staff', '.admin__coupons', '.admin__raffles']) expect(find(comp, hidden)).toHaveLength(0);
    });

    it('banks new-order alerts from the home, one per accepted prompt, for staff who ship', async () => {
      const comp = await open('index', 'demo-staff');
      expect(mp.callsTo('admin', 'orderAlertSettings')).toHaveLength(1);
      expect(text(comp, '.alert__title')).toBe('新订单提醒');
      expect(text(comp, '.alert__text')).toContain('未开启');
      expect(text(comp, '.alert__action')).toBe('开启提醒');

      await tap(comp, '.alert__action');
      await mp.settle();
      expect(mp.of('requestSubscribeMessage')).toEqual([{ tmplIds: ['local-tpl-new-order'] }]);
      expect(mp.callsTo('live', 'recordConsents').map((c) => c.data)).toEqual([{ consents: { 'local-tpl-new-order': 'accept' } }]);
      expect(text(comp, '.alert__text')).toContain('还可提醒 1 笔订单');
      expect(text(comp, '.alert__action')).toBe('再开启一次');
      expect((mp.of('showToast') as Array<{ title: string }>).at(-1)!.title).toBe('已开启，有新订单时会提醒你');

      // declined in the dialog: nothing banked
      mp.subscribeAnswer = 'reject';
      await tap(comp, '.alert__action');
      await mp.settle();
      expect(mp.callsTo('live', 'recordConsents')).toHaveLength(1);
      expect((mp.of('showToast') as Array<{ title: string }>).at(-1)!.title).toBe('你取消了本次提醒');
      expect(text(comp, '.alert__text')).toContain('还可提醒 1 笔订单');
      // the count is the server's
      const held = await rt.as('demo-staff')<{ credits: number }>('admin', 'orderAlertSettings', {});
      expect(held.ok && held.data.credits).toBe(1);
    });

    it('leaves the alert card out when its count cannot be read', async () => {
      mp.intercept('admin', 'orderAlertSettings', 'network', 1);
      const comp = await open('index', 'demo-staff');
      expect(titles(comp)).toContain('订单');
      expect(find(comp, '.alert')).toHaveLength(0);
    });

    it('shows an operator everything but staff management', async () => {
      await makeStaff(rt, 'op-3', 'operator');
      const comp = await open('index', 'op-3');
      expect(titles(comp)).not.toContain('店员管理');
      expect(titles(comp)).toContain('操作记录');
      expect(titles(comp)).toContain('商品与库存');
    });
  });
});
