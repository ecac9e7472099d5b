import type { MyReview, Review } from '../../typings/contract';
import type { TestRuntime } from '../helpers/runtime';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { find, hasClass, load, mount, page, tap, text, texts, tick, unmountAll, type Rendered, input, doubleTap } from './helpers/render';
import { makeStaff } from './helpers/staff';
import { mp, type Reply } from './helpers/wx';
import { PNG } from './helpers/media';

/** The staff review (评价) queue: reviews by state with their content checks, and showing, hiding and replying. */

const SHOPPER = 'demo-shopper';
const STAFF = 'demo-staff';
/** the local content check sends text with 私聊 or 返现 to staff */
const FLAGGED = '一般般，私聊我给你说';

type Res<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
const ok = <T>(r: Res<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
};

const dataOf = (action: string) => mp.callsTo('admin', action).map((c) => c.data);

describe('admin review screen', () => {
  let rt: TestRuntime;
  freshRuntimeEach((r) => (rt = r));

  let id = '';
  beforeAll(() => {
    id = load('admin/pages/reviews/index');
  });

  /** A received order of one of each SKU, as the shopper confirms it after staff ship it. */
  async function receivedOrder(skuIds: string[]): Promise<string> {
    const created = ok(await rt.as(SHOPPER)<{ orderId: string }>('mall', 'createOrder', { items: skuIds.map((skuId) => ({ skuId, quantity: 1 })), addressId: 'addr-demo-shopper' }));
    expect((await rt.devPay(created.orderId)).status).toBe(204);
    ok(await rt.as(STAFF)('admin', 'shipOrder', { orderId: created.orderId, company: '顺丰速运', trackingNumber: 'SF1234567890' }));
    ok(await rt.as(SHOPPER)('mall', 'confirmReceipt', { orderId: created.orderId }));
    return created.orderId;
  }

  /** The shopper's review of one line, a minute after the previous one (newest first on the screen). */
  async function review(orderId: string, skuId: string, extra: { rating?: number; text?: string; photos?: string[]; anonymous?: boolean } = {}): Promise<MyReview> {
    rt.clock.advance(60_000);
    return ok(await rt.as(SHOPPER)<MyReview>('mall', 'submitReview', { orderId, skuId, rating: 3, text: FLAGGED, ...extra }));
  }

  /** A flagged review of a received lip balm: waiting for staff. */
  async function pendingReview(): Promise<MyReview> {
    const r = await review(await receivedOrder(['p-lipbalm-1']), 'p-lipbalm-1');
    expect(r.state).toBe('pending');
    return r;
  }

  const photo = () => {
    const saved = rt.storage.save('review', PNG);
    if (!saved.ok) throw new Error('upload refused');
    return saved.fileId;
  };

  /** What any shopper sees on the product's page. */
  const shopperSees = async (productId: string) => ok(await rt.as('someone')<{ items: Review[]; total: number }>('mall', 'listReviews', { productId }));

  async function open(openid = STAFF, options: Record<string, string> = {}) {
    mp.storage.set('devOpenid', JSON.stringify(openid));
    const comp = mount(id);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }

  async function toTab(comp: Rendered, state: string) {
    await tap(comp, '.review-tab', { 'data-state': state });
    await mp.settle();
  }

  const buttons = (comp: Rendered) => texts(comp, '.review__actions .btn-small');

  describe('the queue', () => {
    it('opens on 待审核 with each review in full: product, stars, text, author, time, checks; the tabs narrow it', async () => {
      const orderId = await receivedOrder(['p-lipbalm-1', 'p-brow-1', 'p-serum-1']);
      const flagged = await review(orderId, 'p-lipbalm-1');
      await review(orderId, 'p-brow-1', { rating: 5, text: '颜色自然，很好上手' });
      const photos = [photo(), photo(), photo()];
      rt.safetysim.verdicts.set(await rt.ports.storage.url(photos[2]), 'review');
      const withPhotos = await review(orderId, 'p-serum-1', { rating: 4, text: '', photos, anonymous: true });
      expect(withPhotos.state).toBe('checking');

      const comp = await open();
      expect(texts(comp, '.review-tab')).toEqual(['待审核', '已展示', '已隐藏', '检测中', '未通过', '全部']);
      expect(hasClass(find(comp, '.review-tab', { 'data-state': 'pending' })[0], 'chip--on')).toBe(true);
      expect(dataOf('staffListReviews')).toEqual([{ state: 'pending', page: 1 }]);
      expect(find(comp, '.review')).toHaveLength(1);
      expect(find(comp, '.review', { 'data-id': flagged._id })).toHaveLength(1);
      expect(text(comp, '.review__title')).toBe('润唇膏');
      expect(text(comp, '.review__spec')).toBe('规格：4g');
      expect(text(comp, '.review__state')).toBe('待审核');
      expect(text(comp, '.review__stars')).toBe('★★★☆☆');
      expect(text(comp, '.review__text')).toBe(FLAGGED);
      expect(text(comp, '.review__author')).toBe(flagged.author);
      expect(flagged.author).toMatch(/\*/);
      expect(text(comp, '.review__time')).toBe('2026-11-24 10:01');
      expect(texts(comp, '.review__check')).toEqual(['文字 需人工审核']);
      expect(find(comp, '.review__photo')).toHaveLength(0);
      expect(find(comp, '.review__reply')).toHaveLength(0);
      expect(buttons(comp)).toEqual(['回复', '隐藏', '展示']);

      await toTab(comp, 'visible');
      expect(dataOf('staffListReviews').at(-1)).toEqual({ state: 'visible', page: 1 });
      expect(texts(comp, '.review__title')).toEqual(['自然眉笔']);
      expect(text(comp, '.review__stars')).toBe('★★★★★');
      expect(texts(comp, '.review__check')).toEqual(['文字 通过']);
      expect(buttons(comp)).toEqual(['回复', '隐藏']);

      await toTab(comp, 'checking');
      expect(texts(comp, '.review__title')).toEqual(['修护精华液']);
      expect(text(comp, '.review__author')).toBe('匿名用户');
      expect(find(comp, '.review__text')).toHaveLength(0);
      expect(texts(comp, '.review__check')).toEqual(['图片 3 张检测中']);
      // a verdict that never comes must not keep it from being shown
      expect(buttons(comp)).toEqual(['回复', '展示']);
      expect(find(comp, '.review__photo')).toHaveLength(3);
      const urls = (page(comp).data.rows as Array<{ photos: string[] }>)[0].photos;
      expect(urls[1]).toMatch(/^http:\/\/.+\/files\/uploads\/review\//);
      await tap(comp, '.review__photo', { 'data-index': '1' });
      expect(mp.of('previewImage')).toEqual([{ current: urls[1], urls }]);

      await toTab(comp, '');
      expect(dataOf('staffListReviews').at(-1)).toEqual({ page: 1 });
      // newest first
      expect(texts(comp, '.review__state')).toEqual(['检测中', '已展示', '待审核']);

      await toTab(comp, 'rejected');
      expect(find(comp, '.review')).toHaveLength(0);
      expect(text(comp, '.reviews >>> .state__text')).toBe('暂无评价');
      // the same tab again asks nothing
      const asked = mp.callsTo('admin', 'staffListReviews').length;
      await toTab(comp, 'rejected');
      expect(mp.callsTo('admin', 'staffListReviews')).toHaveLength(asked);

      // the photos' verdicts: one wants a person, so the review joins 待审核
      expect(await rt.devMediaChecks()).toBe(3);
      await toTab(comp, 'pending');
      expect(texts(comp, '.review__title')).toEqual(['修护精华液', '润唇膏']);
      expect(texts(comp, '.review__check')).toEqual(['图片 2 张通过 · 1 张需人工审核', '文字 需人工审核']);
    });

    it('reads 20 at a time and the rest at the bottom, from where the list stands after a card left it', async () => {
      const skus = ['p-foundation', 'p-powder', 'p-lipstick', 'p-cushion', 'p-eyeshadow', 'p-mascara', 'p-brow', 'p-blush', 'p-serum', 'p-cream', 'p-toner', 'p-cleanser', 'p-sunscreen', 'p-mask', 'p-eyecream', 'p-essence', 'p-candle', 'p-diffuser', 'p-shampoo', 'p-conditioner', 'p-lipbalm'].map((p) => `${p}-1`);
      const orderId = await receivedOrder(skus);
      const reviews: MyReview[] = [];
      for (const skuId of skus) reviews.push(await review(orderId, skuId));
      const oldest = reviews[0]._id;

      const comp = await open();
      expect(find(comp, '.review')).toHaveLength(20);
      expect(find(comp, '.review', { 'data-id': oldest })).toHaveLength(0);
      expect(text(comp, '.more')).toBe('加载更多');

      // one shown: the server's second page now starts one further on
      const newest = reviews[20]._id;
      await tap(comp, '.review__show', { 'data-id': newest });
      await mp.settle();
      expect(find(comp, '.review')).toHaveLength(19);
      page(comp).onReachBottom();
      await mp.settle();
      expect(dataOf('staffListReviews').at(-1)).toEqual({ state: 'pending', page: 1 });
      expect(find(comp, '.review')).toHaveLength(20);
      expect(find(comp, '.review', { 'data-id': oldest })).toHaveLength(1);
      expect(find(comp, '.more')).toHaveLength(0);
      // nothing more to read
      const asked = mp.callsTo('admin', 'staffListReviews').length;
      page(comp).onReachBottom();
      await mp.settle();
      expect(mp.callsTo('admin', 'staffListReviews')).toHaveLength(asked);

      await toTab(comp, '');
      expect(find(comp, '.review')).toHaveLength(20);
      page(comp).onReachBottom();
      await mp.settle();
      expect(dataOf('staffListReviews').at(-1)).toEqual({ page: 2 });
      expect(find(comp, '.review')).toHaveLength(21);
    });

    it('shows an empty queue, a failed load with a retry, and a shopper the way back', async () => {
      const empty = await open();
      expect(text(empty, '.reviews >>> .state__text')).toBe('暂无评价');
      unmountAll();

      mp.intercept('admin', 'staffListReviews', 'network', 1);
      const comp = await open();
      expect(text(comp, '.reviews >>> .state__text')).toBe('网络不给力，请检查网络后重试');
      expect(text(comp, '.reviews >>> .state__action')).toBe('重试');
      const r = await pendingReview();
      await tap(comp, '.reviews >>> .state__action');
      await mp.settle();
      expect(find(comp, '.review', { 'data-id': r._id })).toHaveLength(1);
      unmountAll();

      const shopper = await open(SHOPPER);
      expect(text(shopper, '.reviews >>> .state__text')).toBe('仅限店员使用');
      await tap(shopper, '.reviews >>> .state__action');
      expect(mp.of('navigateBack')).toEqual([{ delta: 1 }]);
    });
  });

  describe('moderation', () => {
    it('shows a pending review: it leaves 待审核 and shoppers see it; hidden, it leaves their page again', async () => {
      const r = await pendingReview();
      expect((await shopperSees('p-lipbalm')).total).toBe(0);
      const comp = await open();
      await tap(comp, '.review__show');
      await mp.settle();
      expect(mp.callsTo('admin', 'moderateReview').map((c) => [c.data, typeof c.requestId])).toEqual([[{ reviewId: r._id, action: 'show' }, 'string']]);
      expect(mp.of('showToast')).toEqual([{ title: '已展示', icon: 'success' }]);
      expect(find(comp, '.review')).toHaveLength(0);
      expect(text(comp, '.reviews >>> .state__text')).toBe('暂无评价');
      expect(await shopperSees('p-lipbalm')).toMatchObject({ total: 1, items: [{ _id: r._id, text: FLAGGED, rating: 3 }] });

      await toTab(comp, 'visible');
      expect(texts(comp, '.review__state')).toEqual(['已展示']);
      expect(buttons(comp)).toEqual(['回复', '隐藏']);
      await tap(comp, '.review__hide');
      await mp.settle();
      expect(dataOf('moderateReview').at(-1)).toEqual({ reviewId: r._id, action: 'hide' });
      expect(mp.of('showToast').at(-1)).toEqual({ title: '已隐藏', icon: 'success' });
      expect(find(comp, '.review')).toHaveLength(0);
      expect((await shopperSees('p-lipbalm')).total).toBe(0);

      await toTab(comp, 'hidden');
      expect(texts(comp, '.review__state')).toEqual(['已隐藏']);
      expect(buttons(comp)).toEqual(['回复', '展示']);
      expect((await rt.db.collection('reviews').get(r._id))!.state).toBe('hidden');
    });

    it('hides a pending review at once; on 全部 the card stays, as the server answered it', async () => {
      const r = await pendingReview();
      const comp = await open(STAFF, { state: '' });
      expect(dataOf('staffListReviews')).toEqual([{ page: 1 }]);
      await tap(comp, '.review__hide');
      await mp.settle();
      expect(dataOf('moderateReview')).toEqual([{ reviewId: r._id, action: 'hide' }]);
      expect(texts(comp, '.review__state')).toEqual(['已隐藏']);
      expect(buttons(comp)).toEqual(['回复', '展示']);
      expect((await shopperSees('p-lipbalm')).total).toBe(0);
    });

    it('replies under a review, edits the reply and takes it down; shoppers see it', async () => {
      const r = await pendingReview();
      ok(await rt.as(STAFF)('admin', 'moderateReview', { reviewId: r._id, action: 'show' }));
      const comp = await open(STAFF, { state: 'visible' });
      expect(texts(comp, '.review__title')).toEqual(['润唇膏']);

      await tap(comp, '.review__reply-start');
      expect(find(comp, '.review__reply-input')).toHaveLength(1);
      expect(find(comp, '.review__hide')).toHaveLength(0);
      await tap(comp, '.review__reply-save');
      expect(mp.of('showToast')).toEqual([{ title: '请填写回复内容', icon: 'none' }]);
      input(comp, '.review__reply-input', '谢'.repeat(201));
      await tick();
      expect(text(comp, '.review__count')).toBe('201/200');
      await tap(comp, '.review__reply-save');
      expect(mp.of('showToast').at(-1)).toEqual({ title: '回复不能超过 200 字', icon: 'none' });
      // cancelled: nothing sent
      input(comp, '.review__reply-input', '随便写写');
      await tap(comp, '.review__reply-cancel');
      expect(find(comp, '.review__reply-input')).toHaveLength(0);
      expect(buttons(comp)).toEqual(['回复', '隐藏']);
      expect(mp.callsTo('admin', 'moderateReview')).toEqual([]);

      await tap(comp, '.review__reply-start');
      input(comp, '.review__reply-input', ' 感谢反馈，我们会改进 ');
      await tap(comp, '.review__reply-save');
      await mp.settle();
      expect(dataOf('moderateReview')).toEqual([{ reviewId: r._id, reply: '感谢反馈，我们会改进' }]);
      expect(mp.of('showToast').at(-1)).toEqual({ title: '回复已保存', icon: 'success' });
      expect(text(comp, '.review__reply')).toBe('商家回复：感谢反馈，我们会改进');
      expect(find(comp, '.review__reply-input')).toHaveLength(0);
      expect(buttons(comp)).toEqual(['修改回复', '隐藏']);
      expect(await shopperSees('p-lipbalm')).toMatchObject({ total: 1, items: [{ _id: r._id, reply: '感谢反馈，我们会改进' }] });

      // 修改回复 starts from the reply
      await tap(comp, '.review__reply-start');
      expect(page(comp).data.replyText).toBe('感谢反馈，我们会改进');
      input(comp, '.review__reply-input', '感谢反馈，已为你补发小样');
      await tap(comp, '.review__reply-save');
      await mp.settle();
      expect(text(comp, '.review__reply')).toBe('商家回复：感谢反馈，已为你补发小样');
      expect((await shopperSees('p-lipbalm')).items[0].reply).toBe('感谢反馈，已为你补发小样');

      // emptied: the reply is taken down
      await tap(comp, '.review__reply-start');
      input(comp, '.review__reply-input', '');
      await tap(comp, '.review__reply-save');
      await mp.settle();
      expect(dataOf('moderateReview').at(-1)).toEqual({ reviewId: r._id, reply: '' });
      expect(mp.of('showToast').at(-1)).toEqual({ title: '回复已删除', icon: 'success' });
      expect(find(comp, '.review__reply')).toHaveLength(0);
      expect(buttons(comp)).toEqual(['回复', '隐藏']);
      expect((await shopperSees('p-lipbalm')).items[0].reply).toBe('');
    });

    it('lets customer service read the queue but offers no moves', async () => {
      await makeStaff(rt, 'cs-1', 'cs');
      const r = await pendingReview();
      const comp = await open('cs-1');
      expect(find(comp, '.review', { 'data-id': r._id })).toHaveLength(1);
      expect(texts(comp, '.review__check')).toEqual(['文字 需人工审核']);
      expect(find(comp, '.review__actions')).toHaveLength(0);
      expect(find(comp, '.review .btn-small')).toHaveLength(0);
      // the server refuses it all the same
      expect(await rt.as('cs-1')('admin', 'moderateReview', { reviewId: r._id, action: 'show' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('sends one move for a double tap, the button disabled while it is on its way', async () => {
      const r = await pendingReview();
      const comp = await open();
      // the move held on its way until the test lets it through to the server
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      mp.intercept('admin', 'moderateReview', async (call) => {
        await held;
        return (await mp.backend!(call)) as Reply;
      });
      doubleTap(comp, '.review__show');
      await tick();
      expect(hasClass(find(comp, '.review__show')[0], 'btn-disabled')).toBe(true);
      expect(hasClass(find(comp, '.review__hide')[0], 'btn-disabled')).toBe(true);
      // another card's move waits too
      await tap(comp, '.review__reply-start');
      expect(find(comp, '.review__reply-input')).toHaveLength(0);
      release();
      await mp.settle();
      expect(dataOf('moderateReview')).toEqual([{ reviewId: r._id, action: 'show' }]);
      expect(find(comp, '.review')).toHaveLength(0);
      expect(page(comp).data.busyId).toBe('');
    });

    it('says why a move failed; a retry after a lost answer sends the same request id', async () => {
      const r = await pendingReview();
      const comp = await open();
      mp.intercept('admin', 'moderateReview', 'network', 1);
      await tap(comp, '.review__show');
      await mp.settle();
      expect(mp.of('showToast')).toEqual([{ title: '网络不给力，请检查网络后重试', icon: 'none' }]);
      expect(find(comp, '.review', { 'data-id': r._id })).toHaveLength(1);
      expect(hasClass(find(comp, '.review__show')[0], 'btn-disabled')).toBe(false);

      await tap(comp, '.review__show');
      await mp.settle();
      const calls = mp.callsTo('admin', 'moderateReview');
      expect(calls).toHaveLength(2);
      expect(calls[1].requestId).toBe(calls[0].requestId);
      expect(find(comp, '.review')).toHaveLength(0);
      expect((await rt.db.collection('reviews').get(r._id))!.state).toBe('visible');

      // a new move is a new request
      await toTab(comp, 'visible');
      await tap(comp, '.review__hide');
      await mp.settle();
      expect(mp.callsTo('admin', 'moderateReview')[2].requestId).not.toBe(calls[0].requestId);
      expect(find(comp, '.review')).toHaveLength(0);
    });

    it('shows a refusal and keeps the card: a role lowered while the screen was open', async () => {
      await makeStaff(rt, 'op-1', 'operator');
      const r = await pendingReview();
      const comp = await open('op-1');
      expect(buttons(comp)).toEqual(['回复', '隐藏', '展示']);
      ok(await rt.as(STAFF)('admin', 'setStaffRole', { openid: 'op-1', role: 'cs' }));
      await tap(comp, '.review__show');
      await mp.settle();
      expect(mp.of('showToast')).toEqual([{ title: '你的角色无权进行此操作', icon: 'none' }]);
      expect(find(comp, '.review', { 'data-id': r._id })).toHaveLength(1);
      expect(hasClass(find(comp, '.review__show')[0], 'btn-disabled')).toBe(false);
      expect((await rt.db.collection('reviews').get(r._id))!.state).toBe('pending');
    });
  });

  describe('评价积分规则', () => {
    it('is read only when opened, saved by marketing staff, and read only for 客服', async () => {
      const comp = await open();
      expect(mp.callsTo('admin', 'getReviewRule')).toHaveLength(0);
      await tap(comp, '.rule__head');
      await mp.settle();
      expect(text(comp, '.rule__head')).toContain('写满 10 个字的评价得 10 积分');
      input(comp, '.rule__points', '101');
      await tap(comp, '.rule__save');
      expect(text(comp, '.rule__error')).toBe('积分为 0–100，0 为不送');
      expect(mp.callsTo('admin', 'setReviewRule')).toHaveLength(0);
      input(comp, '.rule__points', '20');
      input(comp, '.rule__min-chars', '0');
      await tap(comp, '.rule__save');
      await mp.settle();
      expect(mp.callsTo('admin', 'setReviewRule').map((c) => c.data)).toEqual([{ points: 20, minChars: 0 }]);
      expect(text(comp, '.rule__head')).toContain('评价即得 20 积分');
      const saved = await rt.as(STAFF)<{ points: number }>('admin', 'getReviewRule', {});
      expect(saved.ok && saved.data.points).toBe(20);

      await makeStaff(rt, 'cs-7', 'cs');
      const cs = await open('cs-7');
      await tap(cs, '.rule__head');
      await mp.settle();
      expect(text(cs, '.rule__head')).toContain('评价即得 20 积分');
      expect(find(cs, '.rule__save')).toHaveLength(0);
    });
  });
});
