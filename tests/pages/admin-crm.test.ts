import { T0, testRuntime, type TestRuntime } from '../helpers/runtime';
import { find, load, mount, page, tap, text, texts, unmountAll, type Rendered } from './helpers/render';
import { makeStaff } from './helpers/staff';
import { mp, useRuntime } from './helpers/wx';

const input = (comp: Rendered, selector: string, value: string, attrs: Record<string, string> = {}) => {
  const nodes = find(comp, selector, attrs);
  if (nodes.length !== 1) throw new Error(`${nodes.length} nodes match ${selector}`);
  nodes[0].dispatchEvent('input', { detail: { value } });
};

describe('admin outreach screens', () => {
  let rt: TestRuntime;
  const ids: Record<string, string> = {};
  beforeAll(() => {
    // one registration of the shared page-state per page (see admin-operations.test.ts)
    for (const name of ['tags', 'sop', 'tasks', 'outbox', 'post-live']) {
      jest.resetModules();
      ids[name] = load(`admin/pages/${name}/index`);
    }
  });
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime();
    jest.useFakeTimers({ now: T0, doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask'] });
    useRuntime(rt);
  });
  afterEach(async () => {
    unmountAll();
    jest.useRealTimers();
    await rt.close();
  });

  async function open(name: string, openid = 'demo-staff', options: Record<string, string> = {}) {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(ids[name]);
    page(comp).onLoad(options);
    await mp.settle();
    page(comp).onShow?.();
    return comp;
  }

  describe('tag rules', () => {
    it('lists the rules with their readable text and shows who holds a tag', async () => {
      const comp = await open('tags');
      expect(texts(comp, '.rule__text')).toEqual(['interactions >= 5 AND watch_minutes >= 30', 'watch_minutes >= 30 AND cart_unpaid']);
      expect(texts(comp, '.rule__users')).toEqual(['7 人 ›', '0 人 ›']);
      await tap(comp, '.rule__users', { 'data-tag': 'core_fan' });
      await mp.settle();
      expect(texts(comp, '.user__name')).toHaveLength(7);
      expect(texts(comp, '.user__name')).toContain('雪梨');
    });

    it('builds a rule from conditions joined by AND, and saves it', async () => {
      const comp = await open('tags');
      input(comp, '.form__tag', 'big_spender', { 'data-field': 'tag' });
      input(comp, '.form__label', '高客单', { 'data-field': 'label' });
      page(comp).onFact({ currentTarget: { dataset: { index: 0 } }, detail: { value: 10 } });
      input(comp, '.condition__value', '3', { 'data-index': '0' });
      await tap(comp, '.form__add');
      page(comp).onFact({ currentTarget: { dataset: { index: 1 } }, detail: { value: 13 } });
      await tap(comp, '.condition__bool', { 'data-index': '1', 'data-value': 'false' });
      await tap(comp, '.form__submit');
      await mp.settle();
      expect(mp.callsTo('admin', 'saveTagRule').map((c) => c.data)).toEqual([
        {
          tag: 'big_spender',
          label: '高客单',
          ttlDays: 30,
          removeWhenFalse: false,
          expr: { op: 'all', of: [{ op: 'gte', fact: 'paid_orders', value: 3 }, { op: 'is', fact: 'cart_unpaid', value: false }] },
        },
      ]);
      expect(texts(comp, '.rule__label').some((l) => l.startsWith('高客单'))).toBe(true);
    });

    it('refuses a condition without a number, and deletes a rule after confirming', async () => {
      const comp = await open('tags');
      input(comp, '.form__tag', 'x_tag', { 'data-field': 'tag' });
      input(comp, '.form__label', 'X', { 'data-field': 'label' });
      await tap(comp, '.form__submit');
      expect(text(comp, '.form__error')).toBe('第 1 个条件：请填写数字');
      expect(mp.callsTo('admin', 'saveTagRule')).toEqual([]);

      mp.answer('showModal', { confirm: true });
      await tap(comp, '.rule__delete', { 'data-id': 'tag-core-fan' });
      await mp.settle();
      expect(mp.callsTo('admin', 'deleteTagRule').map((c) => c.data)).toEqual([{ ruleId: 'tag-core-fan' }]);
      expect(mp.of('showToast')).toEqual([{ title: '已删除，移除 7 个标签', icon: 'none' }]);
      expect(texts(comp, '.rule__text')).toEqual(['watch_minutes >= 30 AND cart_unpaid']);
    });
  });

  describe('SOP rules', () => {
    it('reads each rule as trigger, condition, action and timing, and turns one off', async () => {
      const comp = await open('sop');
      expect(texts(comp, '.rule__name')).toEqual(['加购 24 小时未付款提醒', '犹豫观众一对一跟进']);
      expect(texts(comp, '.rule__action')).toEqual(['→ 订阅消息「购物车提醒」：你加购的宝贝还在等你', '→ 店员跟进：看播 30 分钟以上且未付款：私聊跟进']);
      await tap(comp, '.rule__toggle', { 'data-id': 'sop-cart-unpaid-24h' });
      await mp.settle();
      expect(mp.callsTo('admin', 'saveSopRule')[0].data).toEqual(expect.objectContaining({ ruleId: 'sop-cart-unpaid-24h', enabled: false }));
      expect(texts(comp, '.rule__state')[0]).toBe('已停用');
    });

    it('creates a follow-up rule for new payers', async () => {
      const comp = await open('sop');
      input(comp, '.form__name', '首单回访', { 'data-field': 'name' });
      await tap(comp, '.form__trigger', { 'data-value': 'event' });
      await tap(comp, '.form__event', { 'data-value': 'order_paid' });
      input(comp, '.form__title', '电话回访新客', { 'data-field': 'title' });
      await tap(comp, '.form__submit');
      await mp.settle();
      expect(mp.callsTo('admin', 'saveSopRule').map((c) => c.data)).toEqual([
        { name: '首单回访', trigger: { kind: 'event', event: 'order_paid' }, action: { kind: 'staff_task', title: '电话回访新客' }, delayMinutes: 0, cooldownHours: 72 },
      ]);
      expect(texts(comp, '.rule__name')).toContain('首单回访');
    });
  });

  describe('follow-up tasks', () => {
    it('customer service completes an open task with a note', async () => {
      await makeStaff(rt, 'cs-1', 'cs');
      await rt.db.collection('staff_tasks').insert({ _id: 'task-1', title: '私聊跟进', userId: 'demo-shopper', ruleId: null, sopTaskId: 's-1', status: 'open', note: null, createdAt: T0, doneAt: null, doneBy: null });
      const comp = await open('tasks', 'cs-1');
      expect(texts(comp, '.task__title')).toEqual(['私聊跟进']);
      await tap(comp, '.task__start', { 'data-id': 'task-1' });
      input(comp, '.task__note', '已加微信');
      await tap(comp, '.task__confirm');
      await mp.settle();
      expect(mp.callsTo('admin', 'completeStaffTask').map((c) => c.data)).toEqual([{ taskId: 'task-1', note: '已加微信' }]);
      expect(text(comp, '.tasks >>> .state__text')).toBe('没有待跟进的任务');
      await tap(comp, '.task-filter', { 'data-filter': 'done' });
      await mp.settle();
      expect(text(comp, '.task__done')).toContain('由 cs-1 完成：已加微信');
    });
  });

  describe('outbox', () => {
    it('lists messages with why they were not sent, filtered by status', async () => {
      const live = await rt.db.collection('lives').get('live-past');
      rt.clock.set(live!.endAt + 3600_000);
      await rt.as('demo-staff')('admin', 'runPostLive', { liveId: 'live-past' });
      rt.clock.set(T0);
      const comp = await open('outbox');
      expect(texts(comp, '.message__status').length).toBeGreaterThan(0);
      expect(texts(comp, '.message__reason')[0]).toBe('免打扰时段');
      // who and why in staff's words, not raw ids and keys
      expect(texts(comp, '.message__who')[0]).toMatch(/^顾客 \S+ · 直播后跟进 live-past$/);
      await tap(comp, '.outbox-filter', { 'data-status': 'sent' });
      await mp.settle();
      expect(mp.callsTo('admin', 'listOutbox').pop()?.data).toEqual({ status: 'sent', page: 1 });
    });
  });

  describe('post-live job', () => {
    it('runs the job for a live that ended within 24 h and shows its segments', async () => {
      const live = await rt.db.collection('lives').get('live-past');
      rt.clock.set(live!.endAt + 3600_000);
      jest.setSystemTime(live!.endAt + 3600_000);
      const comp = await open('post-live');
      expect(text(comp, '.job__status')).toBe('未开始');
      expect(text(comp, '.job__processed')).toBe('已处理 0 / 最多 74 人');
      await tap(comp, '.job__run');
      await mp.settle();
      expect(mp.callsTo('admin', 'runPostLive').map((c) => c.data)).toEqual([{ liveId: 'live-past' }]);
      expect(text(comp, '.job__status')).toBe('已完成');
      expect(texts(comp, '.job__segment .job__count')).toEqual(['30', '7', '2']);
      expect(find(comp, '.job__run')).toHaveLength(0);
    });

    it('polls while the job runs, and stops when hidden or detached', async () => {
      const running = (processed: number) => ({
        ok: true as const,
        data: { liveId: 'live-past', status: 'running', processed, audienceUpTo: 74, segments: { nonBuyers: 0, firstTime: 0, repeat: 0 }, messages: { sent: 0, skipped: 0, deferred: 0, failed: 0, pending: 0 }, windowEndsAt: T0 + 3600_000, startedAt: T0, updatedAt: T0, finishedAt: null, runs: 1 },
      });
      let processed = 10;
      mp.intercept('admin', 'postLiveProgress', () => running((processed += 10)));
      const comp = await open('post-live');
      expect(text(comp, '.job__processed')).toBe('已处理 20 / 最多 74 人');
      jest.advanceTimersByTime(3000);
      await mp.settle();
      expect(text(comp, '.job__processed')).toBe('已处理 30 / 最多 74 人');
      page(comp).onHide();
      jest.advanceTimersByTime(9000);
      await mp.settle();
      expect(mp.callsTo('admin', 'postLiveProgress')).toHaveLength(2);
      page(comp).onShow();
      jest.advanceTimersByTime(3000);
      await mp.settle();
      expect(mp.callsTo('admin', 'postLiveProgress')).toHaveLength(3);
      unmountAll();
      jest.advanceTimersByTime(9000);
      await mp.settle();
      expect(mp.callsTo('admin', 'postLiveProgress')).toHaveLength(3);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('shows a shopper NOT_STAFF as an error', async () => {
      const comp = await open('post-live', 'demo-shopper');
      expect(text(comp, '.post-live >>> .state__text')).toBe('仅限店员使用');
    });
  });
});
