import { PendingCalls } from '../helpers/pending';
import { define, mount, page, tap, text, texts, unmountAll, type Rendered } from '../helpers/render';
import { mp } from '../helpers/wx';

interface Item {
  _id: string;
  n: number;
}

interface Page {
  items: Item[];
  total: number;
}

interface Rule {
  ruleId: string;
  name: string;
}

// The behaviour modules as this test uses them, loaded after the render helpers: they call
// Behavior() as they load, which miniprogram-simulate installs (tsconfig.json checks their types).
const { staffListBehavior, staffPageBehavior } = require('../../../miniprogram/admin/behaviors/staff-page') as {
  staffPageBehavior: string;
  staffListBehavior(options: { list: string; row: (item: Item) => Item }): string;
};
const { crmRulesBehavior } = require('../../../miniprogram/admin/behaviors/crm-rules') as {
  crmRulesBehavior(source: { list(): Promise<Rule[]>; row(rule: Rule): string }): string;
};

const items = (from: number, to: number): Item[] => Array.from({ length: to - from + 1 }, (_, i) => ({ _id: `i${from + i}`, n: from + i }));
const labels = (from: number, to: number): string[] => items(from, to).map((i) => `#${i.n}`);

const STATE = `
<view class="state">{{state}}</view>
<view class="error">{{errorMessage}}</view>
<view wx:if="{{state === 'error' || state === 'denied'}}" class="retry" bindtap="onRetry">重试</view>
`;

const call = (comp: Rendered) => page(comp) as unknown as Record<string, (...args: unknown[]) => unknown> & { data: Record<string, unknown> };

describe('staff screens', () => {
  afterEach(() => unmountAll());
  beforeEach(() => mp.reset());

  describe('staffPageBehavior', () => {
    let api: PendingCalls<void, string[]>;
    let id: string;
    beforeAll(() => {
      id = define({
        template: `${STATE}<view wx:for="{{names}}" wx:key="*this" class="row">{{item}}</view>`,
        behaviors: [staffPageBehavior],
        data: { names: [] },
        methods: {
          load(this: { loadScreen(read: () => Promise<string[]>, view: (names: string[]) => Record<string, unknown>): Promise<void> }) {
            return this.loadScreen(() => api.call(), (names) => ({ names }));
          },
        },
      });
    });
    beforeEach(() => {
      api = new PendingCalls();
    });

    it('shows loading, then the data of the newest load only', async () => {
      const comp = mount(id);
      void call(comp).load();
      void call(comp).load();
      void call(comp).load();
      expect(text(comp, '.state')).toBe('loading');
      await api.answer(2, ['新']);
      await api.answer(0, ['旧']);
      await api.fail(1);
      expect(text(comp, '.state')).toBe('ready');
      expect(texts(comp, '.row')).toEqual(['新']);
    });

    it('shows a failure with a retry that loads again', async () => {
      const comp = mount(id);
      void call(comp).load();
      await api.fail(0);
      expect([text(comp, '.state'), text(comp, '.error')]).toEqual(['error', '网络不给力，请检查网络后重试']);
      await tap(comp, '.retry');
      expect(text(comp, '.state')).toBe('loading');
      await api.answer(1, ['店员']);
      expect(texts(comp, '.row')).toEqual(['店员']);
      expect(mp.of('navigateBack')).toEqual([]);
    });

    it('is denied for a refusal, and its retry goes back instead of asking again', async () => {
      const comp = mount(id);
      void call(comp).load();
      await api.fail(0, 'FORBIDDEN');
      expect([text(comp, '.state'), text(comp, '.error')]).toEqual(['denied', '你的角色无权进行此操作']);
      await tap(comp, '.retry');
      expect(mp.of('navigateBack')).toEqual([{ delta: 1 }]);
      expect(api.asked).toHaveLength(1);
    });
  });

  describe('staffListBehavior', () => {
    let api: PendingCalls<number, Page>;
    let id: string;
    beforeAll(() => {
      id = define({
        template: `${STATE}<view wx:for="{{items}}" wx:key="_id" class="row">#{{item.n}}</view><view class="total">{{total}}</view><view wx:if="{{items.length < total}}" class="more" bindtap="onMore">{{listing ? '加载中…' : '加载更多'}}</view>`,
        behaviors: [staffListBehavior({ list: 'items', row: (i) => i })],
        data: { items: [] },
        methods: {
          load(this: { loadScreen(read: () => Promise<Page>, view: (p: Page) => Record<string, unknown>): Promise<void>; firstPageView(p: Page): Record<string, unknown> }) {
            return this.loadScreen(() => api.call(1), (list) => this.firstPageView(list));
          },
          fetchList: (p: number) => api.call(p),
        },
      });
    });
    beforeEach(() => {
      api = new PendingCalls();
    });

    async function loaded(total = 25) {
      const comp = mount(id);
      void call(comp).load();
      await api.answer(0, { items: items(1, 10), total });
      return comp;
    }

    it('shows the first page with the total, and more to load', async () => {
      const comp = await loaded();
      expect([text(comp, '.state'), text(comp, '.total'), text(comp, '.more')]).toEqual(['ready', '25', '加载更多']);
      expect(texts(comp, '.row')).toEqual(labels(1, 10));
      expect(call(comp).data.page).toBe(1);
    });

    it('appends the next pages on "more", one at a time, until all are shown', async () => {
      const comp = await loaded();
      await tap(comp, '.more');
      expect(text(comp, '.more')).toBe('加载中…');
      await tap(comp, '.more');
      expect(api.asked).toEqual([1, 2]);
      await api.answer(1, { items: items(11, 20), total: 25 });
      expect(texts(comp, '.row')).toEqual(labels(1, 20));
      await tap(comp, '.more');
      await api.answer(2, { items: items(21, 25), total: 25 });
      expect(texts(comp, '.row')).toEqual(labels(1, 25));
      expect(comp.querySelectorAll('.more')).toHaveLength(0);
      await call(comp).onMore();
      expect(api.asked).toEqual([1, 2, 3]);
      expect(call(comp).data.page).toBe(3);
    });

    it('says when a page fails and lets "more" try the same page again', async () => {
      const comp = await loaded();
      await tap(comp, '.more');
      await api.fail(1);
      expect(mp.of('showToast')).toEqual([{ title: '网络不给力，请检查网络后重试', icon: 'none' }]);
      expect(text(comp, '.more')).toBe('加载更多');
      await tap(comp, '.more');
      expect(api.asked).toEqual([1, 2, 2]);
    });

    it('reloads the first page for new filters around a screen that stays ready, dropping older answers', async () => {
      const comp = await loaded();
      await tap(comp, '.more');
      void call(comp).reloadList();
      void call(comp).reloadList();
      expect(text(comp, '.state')).toBe('ready');
      await api.answer(3, { items: items(1, 3), total: 3 });
      await api.answer(2, { items: items(1, 10), total: 25 });
      await api.answer(1, { items: items(11, 20), total: 25 });
      expect(texts(comp, '.row')).toEqual(labels(1, 3));
      expect([text(comp, '.total'), call(comp).data.page, call(comp).data.listing]).toEqual(['3', 1, false]);
    });

    it('says when the reload fails, keeping the list shown', async () => {
      const comp = await loaded();
      void call(comp).reloadList();
      await api.fail(1);
      expect(texts(comp, '.row')).toEqual(labels(1, 10));
      expect(call(comp).data.listing).toBe(false);
      expect(mp.of('showToast')).toEqual([{ title: '网络不给力，请检查网络后重试', icon: 'none' }]);
    });
  });

  describe('crmRulesBehavior', () => {
    let rules: PendingCalls<void, Rule[]>;
    let access: 'owner' | 'customer_service';
    let id: string;
    beforeAll(() => {
      id = define({
        template: `${STATE}<view wx:for="{{rules}}" wx:key="*this" class="row">{{item}}</view><view class="busy">{{busy}}</view><view class="form">{{form.name}}</view><view class="form-error">{{formError}}</view>`,
        behaviors: [crmRulesBehavior({ list: () => rules.call(), row: (r) => r.name })],
        data: { form: { name: '' } },
      });
    });
    beforeEach(() => {
      rules = new PendingCalls();
      access = 'owner';
      mp.intercept('admin', 'whoami', () => ({ ok: true, data: { openid: 'staff-1', role: access } }));
    });

    async function loaded() {
      const comp = mount(id);
      void call(comp).load();
      await rules.answer(0, [
        { ruleId: 'r1', name: '未付款提醒' },
        { ruleId: 'r2', name: '高意向' },
      ]);
      await mp.settle();
      return comp;
    }

    it('loads the rules and whether the staff may change them', async () => {
      const comp = await loaded();
      expect(texts(comp, '.row')).toEqual(['未付款提醒', '高意向']);
      expect(call(comp).data.canWrite).toBe(true);
      expect(call(comp).editableRule('r2')).toEqual({ ruleId: 'r2', name: '高意向' });
      expect(call(comp).editableRule('nope')).toBeUndefined();
    });

    it('offers no rule to change without crm.write', async () => {
      access = 'customer_service';
      const comp = await loaded();
      expect(call(comp).data.canWrite).toBe(false);
      expect(call(comp).editableRule('r1')).toBeUndefined();
    });

    it('writes a change, reads the rules again and shows what comes after; busy meanwhile', async () => {
      const comp = await loaded();
      const write = new PendingCalls<void, { untagged: number }>();
      const done = call(comp).changeRules(() => write.call(), () => ({ form: { name: '' } }));
      expect(text(comp, '.busy')).toBe('true');
      expect(call(comp).editableRule('r1')).toBeUndefined();
      await write.answer(0, { untagged: 3 });
      await rules.answer(1, [{ ruleId: 'r2', name: '高意向' }]);
      await expect(done).resolves.toEqual({ ok: true, answer: { untagged: 3 } });
      expect(texts(comp, '.row')).toEqual(['高意向']);
      expect(text(comp, '.busy')).toBe('false');
      expect(call(comp).editableRule('r1')).toBeUndefined();
    });

    it('says when a change fails and is ready for the next', async () => {
      const comp = await loaded();
      const write = new PendingCalls<void, unknown>();
      const done = call(comp).changeRules(() => write.call());
      await write.fail(0, 'INTERNAL');
      await expect(done).resolves.toEqual({ ok: false });
      expect(mp.of('showToast')).toEqual([{ title: '服务开小差了，请稍后重试', icon: 'none' }]);
      expect(text(comp, '.busy')).toBe('false');
      expect(rules.asked).toHaveLength(1);
    });

    it('fills the form from a text field and clears its error', async () => {
      const comp = await loaded();
      page(comp).setData({ formError: '请填写' });
      void call(comp).onInput({ detail: { value: '新规则' }, currentTarget: { dataset: { field: 'name' } } });
      expect([text(comp, '.form'), text(comp, '.form-error')]).toEqual(['新规则', '']);
    });
  });
});
