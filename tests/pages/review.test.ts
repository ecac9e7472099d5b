import { REVIEW_POINTS, type MyReview } from '../../typings/contract/index';
import { type TestRuntime } from '../helpers/runtime';
import { load, mount, page, tap, text, texts, tick, type Rendered, input } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { mp } from './helpers/wx';
import { PNG, pick, useChooseMedia } from './helpers/media';
import { DEV_OPENID_KEY } from '../../miniprogram/services/identity';

const SHOPPER = 'demo-shopper';
const OTHER = 'review-other';
const STAFF = 'demo-staff';
const FEELING = '质地很滋润，涂上一整天都不干，会回购';



const toasts = () => (mp.of('showToast') as Array<{ title: string }>).map((t) => t.title);

describe('review pages', () => {
  let rt: TestRuntime;
  const ids: Record<string, string> = {};

  beforeAll(() => {
    // a fresh module registry per page lets each register its own page-state, photo-picker and Vant widgets
    for (const name of ['review', 'reviews', 'my-reviews', 'product', 'order']) {
      jest.resetModules();
      ids[name] = load(`pages/${name}/index`);
    }
  });
  freshRuntimeEach((r) => {
    rt = r;
    useChooseMedia();
  });

  const as = (openid = SHOPPER) => rt.as(openid);
  async function must<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: { code: string } }>): Promise<T> {
    const r = await p;
    if (!r.ok) throw new Error(r.error.code);
    return r.data;
  }

  /** 2 × 自然眉笔 and 1 × 润唇膏, paid, shipped and (unless told) received. */
  async function order(openid = SHOPPER, receive = true): Promise<string> {
    if (openid !== SHOPPER) {
      await must(as(openid)('mall', 'saveAddress', { userName: '钱七', telNumber: '13800005555', provinceName: '江苏省', cityName: '南京市', countyName: '鼓楼区', detailInfo: '中山路 5 号' }));
    }
    const addressId = openid === SHOPPER ? `addr-${SHOPPER}` : (await must(as(openid)<{ items: Array<{ _id: string }> }>('mall', 'listAddresses', {}))).items[0]._id;
    const { orderId } = await must(
      as(openid)<{ orderId: string }>('mall', 'createOrder', {
        items: [
          { skuId: 'p-brow-1', quantity: 2 },
          { skuId: 'p-lipbalm-1', quantity: 1 },
        ],
        addressId,
      }),
    );
    expect((await rt.devPay(orderId)).status).toBe(204);
    await must(as(STAFF)('admin', 'shipOrder', { orderId, company: '顺丰速运', trackingNumber: 'SF1234567890' }));
    if (receive) await must(as(openid)('mall', 'confirmReceipt', { orderId }));
    return orderId;
  }

  async function open(name: string, options: Record<string, string>): Promise<Rendered> {
    const comp = mount(ids[name]);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }

  async function addPhoto(comp: Rendered, path: string) {
    pick([path]);
    await tap(comp, '.form__photos >>> .photos__add');
    const picker = comp.querySelector('.form__photos')!;
    for (let i = 0; i < 50 && (i === 0 || picker.instance.data.uploading); i++) await tick();
    expect(picker.instance.data.uploading).toBe(false);
    await mp.settle();
  }

  const review = (data: Record<string, unknown>, openid = SHOPPER) => must(as(openid)<MyReview>('mall', 'submitReview', data, `rv-${Math.random().toString(36).slice(2)}`));

  describe('评价晒单', () => {
    it('reviews each line in turn: stars, text, a photo and 匿名, then the done state', async () => {
      const orderId = await order();
      const comp = await open('review', { orderId });
      expect(mp.callsTo('mall', 'reviewableLines').map((c) => c.data)).toEqual([{ orderId }]);
      expect(texts(comp, '.line__title')).toEqual(['自然眉笔', '润唇膏']);
      expect(page(comp).data.active).toBe('p-brow-1');
      expect(comp.querySelectorAll('.star--on')).toHaveLength(5);
      expect(text(comp, '.rating__text')).toBe('非常好');
      expect(text(comp, '.line--active .line__title')).toBe('自然眉笔');
      expect(texts(comp, '.line__badge')).toEqual(['去评价 ›']);
      // the shop's 评价积分 rule, as the server gives it
      expect(text(comp, '.form__meta')).toContain(`写满 10 个字的评价得 ${REVIEW_POINTS} 积分`);

      await tap(comp, '.star', { 'data-rating': '4' });
      expect(comp.querySelectorAll('.star--on')).toHaveLength(4);
      expect(text(comp, '.rating__text')).toBe('好');
      input(comp, '.form__text', FEELING);
      await addPhoto(comp, 'wxfile://tmp/brow.png');
      expect(comp.querySelectorAll('.form__photos >>> .photos__thumb')).toHaveLength(1);
      await tap(comp, '.anonymous');
      expect(page(comp).data.anonymous).toBe(true);

      // a double tap sends one review
      comp.querySelector('.form__submit')!.dispatchEvent('tap');
      comp.querySelector('.form__submit')!.dispatchEvent('tap');
      await mp.settle();
      const sent = mp.callsTo('mall', 'submitReview');
      expect(sent).toHaveLength(1);
      expect(sent[0].data).toEqual({ orderId, skuId: 'p-brow-1', rating: 4, text: FEELING, photos: [expect.stringMatching(/^local:\/\/uploads\/review\//)], anonymous: true });
      expect(toasts()).toContain(`评价成功，获得 ${REVIEW_POINTS} 积分`);
      // a photo is with the content check: the author is told it waits
      expect(text(comp, '.notice')).toBe('图片审核中，通过后展示给其他顾客');
      expect(texts(comp, '.line__badge')).toEqual(['已评价']);
      expect(page(comp).data.active).toBe('p-lipbalm-1');
      // the next line's form starts afresh
      expect(comp.querySelectorAll('.star--on')).toHaveLength(5);
      expect(page(comp).data.text).toBe('');
      expect(comp.querySelectorAll('.form__photos >>> .photos__thumb')).toHaveLength(0);

      // nothing written: nothing sent
      await tap(comp, '.form__submit');
      expect(mp.callsTo('mall', 'submitReview')).toHaveLength(1);
      expect(toasts()).toContain('写几句使用感受或添加图片吧');

      input(comp, '.form__text', '好用');
      await tap(comp, '.form__submit');
      expect(mp.callsTo('mall', 'submitReview')).toHaveLength(2);
      // under ten characters: no points
      expect(toasts()).toContain('评价成功');
      expect(text(comp, '.done__title')).toBe('感谢你的评价');
      expect(comp.querySelector('.form')).toBeUndefined();
      expect(texts(comp, '.line__badge')).toEqual(['已评价', '已评价']);

      await tap(comp, '.done__mine');
      expect(mp.of('redirectTo')).toEqual([{ url: '/pages/my-reviews/index' }]);
    });

    it('opens on the line it was asked for, skips reviewed ones, and switches lines on a tap', async () => {
      const orderId = await order();
      await review({ orderId, skuId: 'p-brow-1', rating: 5, text: FEELING });
      const comp = await open('review', { orderId, skuId: 'p-brow-1' });
      expect(page(comp).data.active).toBe('p-lipbalm-1');
      expect(texts(comp, '.line__badge')).toEqual(['已评价']);
      // a tap on a reviewed line does nothing
      await tap(comp, '.line__head', { 'data-sku-id': 'p-brow-1' });
      expect(page(comp).data.active).toBe('p-lipbalm-1');
    });

    it('says why an order not yet received cannot be reviewed', async () => {
      const orderId = await order(SHOPPER, false);
      const comp = await open('review', { orderId });
      expect(text(comp, '.review-page >>> .state__text')).toBe('确认收货后才能评价这件商品');
      expect(comp.querySelector('.form')).toBeUndefined();
      // another shopper's order is not theirs to review
      const mine = await order();
      wx.setStorageSync(DEV_OPENID_KEY, OTHER);
      const stranger = await open('review', { orderId: mine });
      expect(text(stranger, '.review-page >>> .state__text')).toBe('订单不存在');
      expect(stranger.querySelector('.form')).toBeUndefined();
      expect(mp.callsTo('mall', 'reviewableLines').at(-1)!.openid).toBe(OTHER);
    });

    it('keeps what was written when the text is refused or the network fails, and retries once', async () => {
      const orderId = await order();
      const comp = await open('review', { orderId });
      input(comp, '.form__text', '想要更便宜的请加微信 abc123');
      await tap(comp, '.form__submit');
      expect(toasts()).toContain('评价内容未通过安全检测，请修改后再提交');
      expect(page(comp).data.active).toBe('p-brow-1');
      expect(page(comp).data.text).toBe('想要更便宜的请加微信 abc123');

      input(comp, '.form__text', FEELING);
      mp.intercept('mall', 'submitReview', 'network', 1);
      await tap(comp, '.form__submit');
      expect(page(comp).data.active).toBe('p-brow-1');
      await tap(comp, '.form__submit');
      const attempts = mp.callsTo('mall', 'submitReview');
      // the retry after the network failure is the same attempt
      expect(attempts).toHaveLength(3);
      expect(attempts[2].requestId).toBe(attempts[1].requestId);
      expect(attempts[1].requestId).not.toBe(attempts[0].requestId);
      expect(page(comp).data.active).toBe('p-lipbalm-1');
    });

    it('shows an error with a retry when the lines cannot be read', async () => {
      const orderId = await order();
      mp.intercept('mall', 'reviewableLines', 'network', 1);
      const comp = await open('review', { orderId });
      expect(page(comp).data.state).toBe('error');
      await tap(comp, '.review-page >>> .state__action');
      expect(page(comp).data.state).toBe('ready');
      expect(texts(comp, '.line__title')).toEqual(['自然眉笔', '润唇膏']);
    });
  });

  describe('商品评价 and the product page', () => {
    /** A visible text review by the shopper, an anonymous one with a checked photo by another, and a reply. */
    async function reviewed(): Promise<{ plain: MyReview; withPhoto: MyReview }> {
      const plain = await review({ orderId: await order(), skuId: 'p-lipbalm-1', rating: 5, text: FEELING });
      const other = await order(OTHER);
      rt.clock.advance(60_000);
      const upload = rt.storage.save('review', PNG);
      if (!upload.ok) throw new Error(upload.reason);
      const withPhoto = await review({ orderId: other, skuId: 'p-lipbalm-1', rating: 3, text: '一般般，颜色偏淡', photos: [upload.fileId], anonymous: true }, OTHER);
      expect(withPhoto.state).toBe('checking');
      expect(await rt.devMediaChecks()).toBe(1);
      await must(as(STAFF)('admin', 'moderateReview', { reviewId: plain._id, reply: '感谢支持，欢迎再来' }));
      return { plain, withPhoto };
    }

    it('lists the visible reviews, newest first, all or with photos, with the shop reply', async () => {
      await reviewed();
      const comp = await open('reviews', { productId: 'p-lipbalm' });
      expect(mp.callsTo('mall', 'listReviews').map((c) => c.data)).toEqual([{ productId: 'p-lipbalm', page: 1 }]);
      expect(texts(comp, '.filter')).toEqual(['全部 2', '有图 1']);
      expect(text(comp, '.filters__summary')).toBe('4.0 分 · 共 2 条评价');
      expect(texts(comp, '.review__author')).toEqual(['匿名用户', expect.stringMatching(/^.\*+$/)]);
      expect(texts(comp, '.review__stars')).toEqual(['★★★☆☆', '★★★★★']);
      expect(texts(comp, '.review__reply')).toEqual(['商家回复：感谢支持，欢迎再来']);
      expect(comp.querySelectorAll('.review__photo')).toHaveLength(1);

      await tap(comp, '.filter', { 'data-filter': 'photos' });
      expect(mp.callsTo('mall', 'listReviews').map((c) => c.data).at(-1)).toEqual({ productId: 'p-lipbalm', page: 1, withPhotos: true });
      expect(texts(comp, '.review__text')).toEqual(['一般般，颜色偏淡']);
      await tap(comp, '.review__photo');
      expect(mp.of('previewImage')).toHaveLength(1);
    });

    it('says so when a product has no reviews', async () => {
      const comp = await open('reviews', { productId: 'p-foundation' });
      expect(text(comp, '.reviews-page >>> .state__text')).toBe('暂无评价，买过的顾客确认收货后可以评价');
      expect(texts(comp, '.filter')).toEqual(['全部 0', '有图 0']);
    });

    it('the product page reads its reviews once, on the first scroll, and opens the rest', async () => {
      await reviewed();
      const comp = await open('product', { id: 'p-lipbalm' });
      expect(mp.callsTo('mall', 'listReviews')).toHaveLength(0);
      expect(text(comp, '.reviews-preview__empty')).toBe('评价加载中…');
      page(comp).onPageScroll({ scrollTop: 40 });
      page(comp).onPageScroll({ scrollTop: 80 });
      await mp.settle();
      page(comp).onReachBottom();
      await mp.settle();
      expect(mp.callsTo('mall', 'listReviews').map((c) => c.data)).toEqual([{ productId: 'p-lipbalm', page: 1 }]);
      expect(text(comp, '.reviews-preview__title')).toBe('商品评价 (2)');
      expect(comp.querySelectorAll('.reviews-preview__item')).toHaveLength(2);
      await tap(comp, '.reviews-preview__head');
      expect(mp.of('navigateTo')).toEqual([{ url: '/pages/reviews/index?productId=p-lipbalm' }]);
    });

    it('the product page offers a retry when its reviews fail to load', async () => {
      mp.intercept('mall', 'listReviews', 'network', 1);
      const comp = await open('product', { id: 'p-foundation' });
      page(comp).onPageScroll({ scrollTop: 40 });
      await mp.settle();
      expect(text(comp, '.reviews-preview__retry')).toBe('评价加载失败，点击重试');
      await tap(comp, '.reviews-preview__retry');
      expect(text(comp, '.reviews-preview__empty')).toBe('暂无评价');
    });
  });

  describe('我的评价 and the order page', () => {
    it('lists the shopper own reviews with where each stands and its points; nobody else sees them', async () => {
      const orderId = await order();
      await review({ orderId, skuId: 'p-lipbalm-1', rating: 5, text: FEELING });
      rt.clock.advance(60_000);
      await review({ orderId, skuId: 'p-brow-1', rating: 4, text: '颜色自然，但是有点私聊才知道的小瑕疵' });
      const comp = await open('my-reviews', {});
      expect(texts(comp, '.mine__title')).toEqual(['自然眉笔', '润唇膏']);
      expect(texts(comp, '.mine__state')).toEqual(['审核中', '已展示']);
      expect(texts(comp, '.mine__note')).toEqual(['评价审核中，通过后展示给其他顾客']);
      expect(texts(comp, '.mine__points')).toEqual([`+${REVIEW_POINTS} 积分`, `+${REVIEW_POINTS} 积分`]);
      comp.querySelectorAll('.mine__product')[0].dispatchEvent('tap');
      await tick();
      expect(mp.of('navigateTo')).toEqual([{ url: `/pages/order/index?id=${orderId}` }]);

      const theirs = await must(as(OTHER)<{ items: MyReview[] }>('mall', 'myReviews', {}));
      expect(theirs.items).toEqual([]);
    });

    it('says so when there are no reviews yet', async () => {
      const comp = await open('my-reviews', {});
      expect(text(comp, '.my-reviews >>> .state__text')).toBe('还没有评价，确认收货后可以评价买到的商品');
      await tap(comp, '.my-reviews >>> .state__action');
      expect(mp.of('navigateTo')).toEqual([{ url: '/pages/orders/index' }]);
    });

    it('a received order offers 评价晒单 and 再次购买; one on its way offers neither', async () => {
      const shipped = await order(SHOPPER, false);
      const onWay = await open('order', { id: shipped });
      expect(onWay.querySelector('.actions__review')).toBeUndefined();
      expect(onWay.querySelector('.actions__again')).toBeUndefined();
      expect(onWay.querySelector('.actions__confirm')).toBeDefined();
      const received = await order();
      const comp = await open('order', { id: received });
      await tap(comp, '.actions__review');
      await tap(comp, '.actions__again');
      expect(mp.of('navigateTo')).toEqual([
        { url: `/pages/review/index?orderId=${received}` },
        { url: `/pages/checkout/index?items=${encodeURIComponent('p-brow-1:2,p-lipbalm-1:1')}` },
      ]);
    });

    it('a cancelled order offers 再次购买 alone', async () => {
      const { orderId } = await must(as()<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: 'p-lipbalm-1', quantity: 3 }], addressId: `addr-${SHOPPER}` }));
      await must(as()('mall', 'cancelOrder', { orderId }));
      const comp = await open('order', { id: orderId });
      expect(comp.querySelector('.actions__review')).toBeUndefined();
      await tap(comp, '.actions__again');
      expect(mp.of('navigateTo')).toEqual([{ url: `/pages/checkout/index?items=${encodeURIComponent('p-lipbalm-1:3')}` }]);
    });
  });
});
