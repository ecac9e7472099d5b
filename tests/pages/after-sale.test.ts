import { AFTER_SALE_KINDS, AFTER_SALE_STATES, MAX_AFTER_SALE_PHOTOS, type AfterSale } from '../../typings/contract/index';
import { actionsOf, KIND_TEXT, MAX_PHOTOS, STATE_NOTE, STATE_TEXT, stepsOf, unavailableReason } from '../../miniprogram/utils/aftersale';
import { formatDateTime } from '../../miniprogram/utils/time';
import { type TestRuntime } from '../helpers/runtime';
import { find, load, mount, page, tap, text, texts, tick, type Rendered, input } from './helpers/render';
import { freshRuntimeEach } from './helpers/fresh-runtime';
import { mp } from './helpers/wx';
import { pick, useChooseMedia } from './helpers/media';

const SHOPPER = 'demo-shopper';
const STAFF = 'demo-staff';
const RETURN_ADDRESS = { name: '售后仓', phone: '0571-88886666', address: '浙江省杭州市余杭区仓前街道 8 号' };




describe('after-sale pages', () => {
  let rt: TestRuntime;
  let applyId: string;
  let detailId: string;
  let listId: string;
  let orderId: string;
  let ordersId: string;

  beforeAll(() => {
    // miniprogram-simulate runs a shared component's Component() on its first require only: a fresh
    // module registry per page lets each register its own page-state, photo-picker and Vant widgets
    const fresh = (path: string) => {
      jest.resetModules();
      return load(path);
    };
    applyId = fresh('pages/after-sale/apply/index');
    detailId = fresh('pages/after-sale/detail/index');
    listId = fresh('pages/after-sale/list/index');
    orderId = fresh('pages/order/index');
    ordersId = fresh('pages/orders/index');
  });
  freshRuntimeEach((r) => {
    rt = r;
    useChooseMedia();
  });

  const as = (openid = SHOPPER) => rt.as(openid);

  /** A paid order of the shopper's: 2 × 自然眉笔 (¥49) and 1 × 润唇膏 (¥39). */
  async function paidOrder(): Promise<string> {
    const r = await as()<{ orderId: string }>('mall', 'createOrder', {
      items: [
        { skuId: 'p-brow-1', quantity: 2 },
        { skuId: 'p-lipbalm-1', quantity: 1 },
      ],
      addressId: `addr-${SHOPPER}`,
    });
    if (!r.ok) throw new Error(r.error.code);
    expect((await rt.devPay(r.data.orderId)).status).toBe(204);
    return r.data.orderId;
  }

  async function apply(data: Record<string, unknown>): Promise<AfterSale> {
    const r = await as()<AfterSale>('mall', 'applyAfterSale', data, `r-${Math.random().toString(36).slice(2)}`);
    if (!r.ok) throw new Error(r.error.code);
    return r.data;
  }

  async function staff<T = unknown>(action: string, data: Record<string, unknown>): Promise<T> {
    const r = await as(STAFF)<T>('admin', action, data);
    if (!r.ok) throw new Error(`${action}: ${r.error.code}`);
    return r.data;
  }

  async function open(id: string, options: Record<string, string>): Promise<Rendered> {
    const comp = mount(id);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }

  const openApply = (order: string, skuId: string) => open(applyId, { orderId: order, skuId });
  const openDetail = (id: string) => open(detailId, { id });
  const kinds = (comp: Rendered) => texts(comp, '.kind');
  const pickReason = (comp: Rendered, index: number) => comp.querySelector('.reason')!.dispatchEvent('change', { detail: { value: index } });
  const thumbs = (comp: Rendered, host = '.details__photos') => comp.querySelectorAll(`${host} >>> .photos__thumb`);
  /** Taps the picker's add tile and waits until what was picked is uploaded (uploads are not backend calls mp.settle waits for). */
  async function addPhotos(comp: Rendered, host = '.details__photos') {
    await tap(comp, `${host} >>> .photos__add`);
    const picker = comp.querySelector(host)!;
    for (let i = 0; i < 50 && (i === 0 || picker.instance.data.uploading); i++) await tick();
    expect(picker.instance.data.uploading).toBe(false);
    await mp.settle();
  }
  /** the thumbnails' files, as the picker shows them */
  const thumbPaths = (comp: Rendered, host = '.details__photos') => (comp.querySelector(host)!.instance.data.photos as Array<{ path: string }>).map((p) => p.path);
  const steps = (comp: Rendered) => texts(comp, '.timeline__steps >>> .van-step__title');

  describe('apply', () => {
    it('offers only 仅退款 on a paid order, and the refund of the units chosen', async () => {
      const order = await paidOrder();
      const comp = await openApply(order, 'p-brow-1');
      expect(mp.callsTo('mall', 'afterSaleOptions').map((c) => c.data)).toEqual([{ orderId: order, skuId: 'p-brow-1' }]);
      expect(text(comp, '.line__title')).toBe('自然眉笔');
      expect(text(comp, '.line__specs')).toBe('灰棕');
      expect(kinds(comp)).toEqual(['仅退款']);
      expect(text(comp, '.kind--active')).toBe('仅退款');
      expect(text(comp, '.amount__value')).toBe('¥49.00');

      await tap(comp, '.quantity__stepper >>> .van-stepper__plus');
      await mp.settle();
      expect(page(comp).data.quantity).toBe(2);
      expect(text(comp, '.amount__value')).toBe('¥98.00');
      // two units is all the line has
      await tap(comp, '.quantity__stepper >>> .van-stepper__plus');
      await mp.settle();
      expect(page(comp).data.quantity).toBe(2);
      expect(text(comp, '.amount__value')).toBe('¥98.00');

      await tap(comp, '.reason');
      expect(page(comp).data.reasons).toEqual(['不想要了', '拍错/多拍', '商家发货太慢', '地址填错了', '其他']);
      expect(text(comp, '.reason__value')).toBe('请选择 ›');
      pickReason(comp, 1);
      await mp.settle();
      expect(text(comp, '.reason__value')).toBe('拍错/多拍');
    });

    it('offers all three kinds on a shipped order; an exchange shows no refund and has its own reasons', async () => {
      const comp = await openApply('demo-order-2', 'p-serum-1');
      expect(kinds(comp)).toEqual(['仅退款', '退货退款', '换货']);
      expect(text(comp, '.amount__value')).toBe('¥299.00');
      pickReason(comp, 0);
      await mp.settle();

      await tap(comp, '.kind', { 'data-kind': 'exchange' });
      expect(text(comp, '.kind--active')).toBe('换货');
      expect(comp.querySelector('.amount')).toBeUndefined();
      expect(text(comp, '.exchange-note')).toBe('换货不退款，商家收到寄回的商品后为你寄出新的商品');
      expect(page(comp).data.reasons).toEqual(['尺码/色号不合适', '商品质量问题', '收到商品破损', '发错货', '其他']);
      // the reason picked for another kind does not carry over
      expect(text(comp, '.reason__value')).toBe('请选择 ›');
    });

    it('applies with a reason, a note and two photos, then opens the application', async () => {
      const order = await paidOrder();
      const comp = await openApply(order, 'p-brow-1');
      await tap(comp, '.quantity__stepper >>> .van-stepper__plus');
      pickReason(comp, 1);
      input(comp, '.details__note', '下单时多拍了一支');
      pick(['wxfile://tmp_1.png', 'wxfile://tmp_2.png']);
      await addPhotos(comp);
      expect(mp.of('chooseMedia')).toEqual([{ count: 6, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] }]);
      expect(mp.of('uploadFile').map((u) => (u as { filePath: string }).filePath)).toEqual(['wxfile://tmp_1.png', 'wxfile://tmp_2.png']);
      expect(thumbs(comp)).toHaveLength(2);
      expect(thumbPaths(comp)).toEqual(['wxfile://tmp_1.png', 'wxfile://tmp_2.png']);
      expect(text(comp, '.details__photos >>> .photos__count')).toBe('2/6');

      await tap(comp, '.actions__submit');
      await mp.settle();
      const calls = mp.callsTo('mall', 'applyAfterSale');
      expect(calls.map((c) => c.data)).toEqual([
        {
          orderId: order,
          skuId: 'p-brow-1',
          kind: 'refund',
          quantity: 2,
          reason: '拍错/多拍',
          note: '下单时多拍了一支',
          photos: [expect.stringMatching(/^local:\/\/uploads\/aftersale\//), expect.stringMatching(/^local:\/\/uploads\/aftersale\//)],
        },
      ]);
      expect(calls[0].requestId).toMatch(/^r-/);
      // 订单状态通知 asked in the same tap, and the accept recorded
      expect(mp.recorded.filter((r) => r.api === 'requestSubscribeMessage').map((r) => r.args)).toEqual([{ tmplIds: ['local-tpl-order-update'] }]);
      expect(mp.callsTo('live', 'recordConsents').map((c) => c.data)).toEqual([{ consents: { 'local-tpl-order-update': 'accept' } }]);
      const [saved] = await rt.db.collection('after_sales').find({ orderId: order }, { limit: 5 });
      expect(saved).toMatchObject({ state: 'requested', kind: 'refund', quantity: 2, amountFen: 9800, photos: (calls[0].data as { photos: string[] }).photos });
      expect(mp.of('redirectTo')).toEqual([{ url: `/pages/after-sale/detail/index?id=${saved._id}` }]);

      const detail = await openDetail(saved._id);
      expect(text(detail, '.status__text')).toBe('等待商家处理');
      expect(text(detail, '.info__kind')).toBe('仅退款');
      expect(text(detail, '.info__amount')).toBe('¥98.00');
      expect(text(detail, '.info__reason')).toBe('拍错/多拍');
      expect(text(detail, '.info__note')).toBe('下单时多拍了一支');
      const photos = detail.querySelectorAll('.info__photo');
      expect(photos).toHaveLength(2);
      const urls = (page(detail).data.sale as { photos: string[] }).photos;
      expect(urls).toHaveLength(2);
      expect(urls[0]).toMatch(/\/files\/uploads\/aftersale\/[0-9a-f]{24}\.png$/);
      photos[1].dispatchEvent('tap');
      await tick();
      expect(mp.of('previewImage')).toEqual([{ urls, current: urls[1] }]);
    });

    it('keeps the form until a reason is chosen', async () => {
      const order = await paidOrder();
      const comp = await openApply(order, 'p-lipbalm-1');
      await tap(comp, '.actions__submit');
      await mp.settle();
      expect(mp.of('showToast')).toEqual([{ title: '请选择申请原因', icon: 'none' }]);
      expect(mp.callsTo('mall', 'applyAfterSale')).toHaveLength(0);
      expect(mp.of('redirectTo')).toEqual([]);
    });

    it('sends one application for a double tap, and the button reads 提交中 meanwhile', async () => {
      const order = await paidOrder();
      const comp = await openApply(order, 'p-lipbalm-1');
      pickReason(comp, 0);
      let answer = () => undefined as void;
      const held = new Promise<void>((resolve) => (answer = resolve));
      mp.intercept('mall', 'applyAfterSale', async (call) => {
        await held;
        return (await rt.call(call.fn, { action: call.action, data: call.data, requestId: call.requestId }, call.openid)) as never;
      }, 1);
      await tap(comp, '.actions__submit');
      expect(text(comp, '.actions__submit')).toBe('提交中…');
      await tap(comp, '.actions__submit');
      answer();
      await mp.settle();
      expect(mp.callsTo('mall', 'applyAfterSale')).toHaveLength(1);
      expect(mp.of('redirectTo')).toHaveLength(1);
      expect(await rt.db.collection('after_sales').count({ orderId: order })).toBe(1);
    });

    it('retries an attempt that got no answer under the same request id', async () => {
      const order = await paidOrder();
      const comp = await openApply(order, 'p-lipbalm-1');
      pickReason(comp, 0);
      mp.intercept('mall', 'applyAfterSale', 'network', 1);
      await tap(comp, '.actions__submit');
      await mp.settle();
      expect(mp.of('showToast')).toEqual([{ title: '网络不给力，请检查网络后重试', icon: 'none' }]);
      expect(text(comp, '.actions__submit')).toBe('提交申请');
      await tap(comp, '.actions__submit');
      await mp.settle();
      const [first, second] = mp.callsTo('mall', 'applyAfterSale');
      expect(second.requestId).toBe(first.requestId);
      expect(mp.of('redirectTo')).toHaveLength(1);
    });

    it('removes a photo before sending, and says when an upload fails', async () => {
      const order = await paidOrder();
      const comp = await openApply(order, 'p-lipbalm-1');
      pick(['wxfile://a.png', 'wxfile://b.png']);
      await addPhotos(comp);
      const removes = comp.querySelectorAll('.details__photos >>> .photos__remove');
      removes[0].dispatchEvent('tap');
      await mp.settle();
      expect(thumbs(comp)).toHaveLength(1);
      expect(thumbPaths(comp)).toEqual(['wxfile://b.png']);

      // a file that is not an image is refused by the server; one that cannot be read fails the upload
      pick(['wxfile://c.gif'], { 'wxfile://c.gif': Buffer.from('GIF89a but not really') });
      await addPhotos(comp);
      expect(mp.of('chooseMedia').at(-1)).toMatchObject({ count: 5 });
      expect(mp.of('showToast').at(-1)).toEqual({ title: '图片无效：请上传 PNG、JPEG 或 WebP，且不超过大小限制', icon: 'none' });
      mp.answer('chooseMedia', { tempFiles: [{ tempFilePath: 'wxfile://gone.png' }] });
      await addPhotos(comp);
      expect(mp.of('showToast').at(-1)).toEqual({ title: '图片上传失败，请重试', icon: 'none' });
      expect(thumbs(comp)).toHaveLength(1);

      pickReason(comp, 0);
      await tap(comp, '.actions__submit');
      await mp.settle();
      const [call] = mp.callsTo('mall', 'applyAfterSale');
      expect((call.data as { photos: string[] }).photos).toHaveLength(1);
      expect(call.data).not.toHaveProperty('note');
    });

    it('says why a line received more than 7 days ago cannot be asked about', async () => {
      const comp = await openApply('demo-order-1', 'p-sponge-1');
      expect(text(comp, '.apply__unavailable >>> .state__text')).toBe('已超过收货后 7 天的售后期限');
      expect(comp.querySelector('.kinds')).toBeUndefined();
      expect(comp.querySelector('.actions__submit')).toBeUndefined();
      expect(comp.querySelector('.apply__unavailable >>> .state__action')).toBeUndefined();
    });

    it('offers the open application of a line instead of a second one', async () => {
      const order = await paidOrder();
      const open = await apply({ orderId: order, skuId: 'p-brow-1', kind: 'refund', quantity: 1, reason: '不想要了' });
      const comp = await openApply(order, 'p-brow-1');
      expect(text(comp, '.apply__unavailable >>> .state__text')).toBe('该商品已有进行中的售后申请');
      await tap(comp, '.apply__unavailable >>> .state__action');
      expect(mp.of('redirectTo')).toEqual([{ url: `/pages/after-sale/detail/index?id=${open._id}` }]);
    });

    it('when an application was made meanwhile, says so and offers it', async () => {
      const order = await paidOrder();
      const comp = await openApply(order, 'p-brow-1');
      pickReason(comp, 0);
      const other = await apply({ orderId: order, skuId: 'p-brow-1', kind: 'refund', quantity: 2, reason: '其他' });
      await tap(comp, '.actions__submit');
      await mp.settle();
      expect(mp.of('showToast')).toEqual([{ title: '该商品已有进行中的售后申请', icon: 'none' }]);
      expect(mp.of('redirectTo')).toEqual([]);
      expect(page(comp).data).toMatchObject({ state: 'unavailable', openId: other._id, submitting: false });
      expect(text(comp, '.apply__unavailable >>> .state__action')).toBe('查看进行中的申请');
      expect(await rt.db.collection('after_sales').count({ orderId: order })).toBe(1);
    });

    it('shows the error state and retries', async () => {
      mp.intercept('mall', 'afterSaleOptions', 'network', 1);
      const order = await paidOrder();
      const comp = await openApply(order, 'p-brow-1');
      expect(text(comp, '.apply >>> .state__text')).toBe('网络不给力，请检查网络后重试');
      await tap(comp, '.apply >>> .state__action');
      await mp.settle();
      expect(kinds(comp)).toEqual(['仅退款']);
    });
  });

  describe('detail', () => {
    it('shows the return address after staff approve a return, copies it, and takes the waybill', async () => {
      const sale = await apply({ orderId: 'demo-order-2', skuId: 'p-serum-1', kind: 'return', quantity: 1, reason: '商品质量问题', note: '瓶口漏液' });
      await staff('approveAfterSale', { afterSaleId: sale._id, returnAddress: RETURN_ADDRESS });
      const comp = await openDetail(sale._id);
      expect(mp.callsTo('mall', 'getAfterSale').map((c) => c.data)).toEqual([{ afterSaleId: sale._id }]);
      expect(text(comp, '.status__text')).toBe('待寄回商品');
      expect(text(comp, '.status__note')).toBe('商家已同意，请按下方地址寄回商品并填写运单号');
      expect(text(comp, '.return-address__head')).toBe('售后仓 0571-88886666');
      expect(text(comp, '.return-address__text')).toBe(RETURN_ADDRESS.address);
      await tap(comp, '.return-address__copy');
      expect(mp.of('setClipboardData')).toEqual([{ data: `售后仓 0571-88886666 ${RETURN_ADDRESS.address}` }]);
      expect(text(comp, '.actions__cancel')).toBe('撤销申请');

      // a waybill number that cannot be one is refused on the page
      input(comp, '.waybill__company', '顺丰速运');
      input(comp, '.waybill__number', 'SF1');
      await tap(comp, '.waybill__submit');
      await mp.settle();
      expect(mp.of('showToast')).toEqual([{ title: '请填写正确的运单号', icon: 'none' }]);
      expect(mp.callsTo('mall', 'submitReturnTracking')).toHaveLength(0);

      input(comp, '.waybill__number', 'SF1234567890');
      await tap(comp, '.waybill__submit');
      await mp.settle();
      const calls = mp.callsTo('mall', 'submitReturnTracking');
      expect(calls.map((c) => c.data)).toEqual([{ afterSaleId: sale._id, tracking: { company: '顺丰速运', number: 'SF1234567890' } }]);
      expect(calls[0].requestId).toMatch(/^r-/);
      expect(mp.of('showToast').at(-1)).toEqual({ title: '已提交运单号', icon: 'success' });
      expect(mp.callsTo('mall', 'getAfterSale')).toHaveLength(2);
      expect(text(comp, '.status__text')).toBe('商品寄回中');
      expect(text(comp, '.tracking__return')).toBe('寄回运单 顺丰速运 SF1234567890');
      expect(comp.querySelector('.waybill')).toBeUndefined();
      expect(comp.querySelector('.return-address')).toBeUndefined();
      expect(comp.querySelector('.actions__cancel')).toBeUndefined();
      const at = formatDateTime(rt.clock.now());
      expect(steps(comp)).toEqual([`提交申请${at} 瓶口漏液`, `商家同意，等待寄回${at}`, `已寄回商品${at} 顺丰速运 SF1234567890`]);
      expect((await rt.db.collection('after_sales').get(sale._id))!.state).toBe('returning');
    });

    it('shows an exchange through to the replacement: no refund amount, then its waybill', async () => {
      const sale = await apply({ orderId: 'demo-order-2', skuId: 'p-serum-1', kind: 'exchange', quantity: 1, reason: '发错货' });
      await staff('approveAfterSale', { afterSaleId: sale._id, returnAddress: RETURN_ADDRESS });
      await as()('mall', 'submitReturnTracking', { afterSaleId: sale._id, tracking: { company: '中通快递', number: 'ZT20261124' } }, 'r-send');
      await staff('receiveReturn', { afterSaleId: sale._id, reship: { company: '顺丰', number: 'SF9876543210' } });
      const comp = await openDetail(sale._id);
      expect(text(comp, '.status__text')).toBe('换货完成');
      expect(text(comp, '.info__kind')).toBe('换货');
      expect(comp.querySelector('.info__amount')).toBeUndefined();
      expect(comp.querySelector('.refund')).toBeUndefined();
      expect([text(comp, '.tracking__return'), text(comp, '.tracking__reship')]).toEqual(['寄回运单 中通快递 ZT20261124', '换货运单 顺丰速运 SF9876543210']);
      expect(comp.querySelector('.actions')).toBeUndefined();
    });

    it('cancels after asking', async () => {
      const order = await paidOrder();
      const sale = await apply({ orderId: order, skuId: 'p-brow-1', kind: 'refund', quantity: 1, reason: '不想要了' });
      const comp = await openDetail(sale._id);

      mp.answer('showModal', { confirm: false });
      await tap(comp, '.actions__cancel');
      await mp.settle();
      expect(mp.of('showModal')).toEqual([{ title: '撤销申请', content: '撤销后这次售后申请将关闭，确定撤销吗？', confirmText: '撤销申请', cancelText: '再想想' }]);
      expect(mp.callsTo('mall', 'cancelAfterSale')).toHaveLength(0);

      mp.answer('showModal', { confirm: true });
      await tap(comp, '.actions__cancel');
      await mp.settle();
      expect(mp.callsTo('mall', 'cancelAfterSale').map((c) => c.data)).toEqual([{ afterSaleId: sale._id }]);
      expect(text(comp, '.status__text')).toBe('已撤销');
      expect(comp.querySelector('.actions__cancel')).toBeUndefined();
      const at = formatDateTime(rt.clock.now());
      expect(steps(comp)).toEqual([`提交申请${at}`, `撤销申请${at}`]);
      expect((await rt.db.collection('after_sales').get(sale._id))!.state).toBe('cancelled');
      // the line is free for a new application
      const again = await openApply(order, 'p-brow-1');
      expect(kinds(again)).toEqual(['仅退款']);
    });

    it('says so when the shop moved the application meanwhile', async () => {
      const order = await paidOrder();
      const sale = await apply({ orderId: order, skuId: 'p-brow-1', kind: 'refund', quantity: 1, reason: '不想要了' });
      const comp = await openDetail(sale._id);
      await staff('rejectAfterSale', { afterSaleId: sale._id, note: '商品已打包发出' });
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.actions__cancel');
      await mp.settle();
      expect(mp.of('showToast')).toEqual([{ title: '售后状态已变化，请刷新后再试', icon: 'none' }]);
      expect(text(comp, '.status__text')).toBe('商家已拒绝');
      expect(text(comp, '.staff-note__text')).toBe('商品已打包发出');
      expect(comp.querySelector('.actions__cancel')).toBeUndefined();
    });

    it('shows the refund and the points taken back once the platform settles it', async () => {
      const order = await paidOrder();
      const sale = await apply({ orderId: order, skuId: 'p-brow-1', kind: 'refund', quantity: 1, reason: '不想要了' });
      await staff('approveAfterSale', { afterSaleId: sale._id });
      let comp = await openDetail(sale._id);
      expect(text(comp, '.status__text')).toBe('退款中');
      expect(comp.querySelector('.refund')).toBeUndefined();
      expect(comp.querySelector('.actions__cancel')).toBeUndefined();

      rt.clock.advance(60_000);
      await rt.devSettleRefunds({ outcome: 'SUCCESS', now: true });
      const settled = (await as()<AfterSale>('mall', 'getAfterSale', { afterSaleId: sale._id })) as { ok: true; data: AfterSale };
      expect(settled.data.refund).toMatchObject({ state: 'SUCCESS', amountFen: 4900 });
      expect(settled.data.refund!.points).toBeGreaterThan(0);
      comp = await openDetail(sale._id);
      expect(text(comp, '.status__text')).toBe('退款成功');
      expect(texts(comp, '.refund__row')).toEqual([
        '退款金额¥49.00',
        `扣回积分${settled.data.refund!.points} 积分`,
        `到账时间${formatDateTime(settled.data.refund!.settledAt!)}`,
      ]);
      expect(steps(comp)).toEqual([`提交申请${formatDateTime(sale.createdAt)}`, `商家同意退款${formatDateTime(sale.createdAt)}`, `退款成功${formatDateTime(rt.clock.now())}`]);
      await tap(comp, '.info__order');
      expect(mp.of('navigateTo')).toEqual([{ url: `/pages/order/index?id=${order}` }]);
    });

    it('shows what the shop asks for and takes the supplement', async () => {
      const order = await paidOrder();
      const sale = await apply({ orderId: order, skuId: 'p-brow-1', kind: 'refund', quantity: 1, reason: '其他', note: '颜色不对' });
      await staff('rejectAfterSale', { afterSaleId: sale._id, note: '请补充商品照片', ask: true });
      const comp = await openDetail(sale._id);
      expect(text(comp, '.status__text')).toBe('待补充资料');
      expect(text(comp, '.staff-note__text')).toBe('请补充商品照片');
      expect(text(comp, '.actions__cancel')).toBe('撤销申请');

      await tap(comp, '.supplement__submit');
      await mp.settle();
      expect(mp.of('showToast')).toEqual([{ title: '请填写说明或上传照片', icon: 'none' }]);
      expect(mp.callsTo('mall', 'supplementAfterSale')).toHaveLength(0);

      input(comp, '.supplement__note', '已拍照');
      pick(['wxfile://more.png']);
      await addPhotos(comp, '.supplement__photos');
      await tap(comp, '.supplement__submit');
      await mp.settle();
      expect(mp.callsTo('mall', 'supplementAfterSale').map((c) => c.data)).toEqual([
        { afterSaleId: sale._id, note: '已拍照', photos: [expect.stringMatching(/^local:\/\/uploads\/aftersale\//)] },
      ]);
      expect(text(comp, '.status__text')).toBe('等待商家处理');
      expect(comp.querySelector('.supplement')).toBeUndefined();
      expect(comp.querySelector('.staff-note')).toBeUndefined();
      expect(comp.querySelectorAll('.info__photo')).toHaveLength(1);
      expect(text(comp, '.info__note')).toBe('颜色不对 已拍照');
      const at = formatDateTime(rt.clock.now());
      expect(steps(comp)).toEqual([`提交申请${at} 颜色不对`, `商家要求补充资料${at} 请补充商品照片`, `已补充资料${at} 已拍照`]);
    });

    it("is not found for another shopper's application", async () => {
      const order = await paidOrder();
      const sale = await apply({ orderId: order, skuId: 'p-brow-1', kind: 'refund', quantity: 1, reason: '不想要了' });
      mp.storage.set('devOpenid', JSON.stringify('demo-other'));
      const comp = await openDetail(sale._id);
      expect(text(comp, '.after-sale >>> .state__text')).toBe('售后申请不存在');
    });
  });

  describe('order detail', () => {
    it('offers 申请售后 on every line of a paid order, none on an unpaid one', async () => {
      const unpaid = await as()<{ orderId: string }>('mall', 'createOrder', { items: [{ skuId: 'p-brow-1', quantity: 1 }], addressId: `addr-${SHOPPER}` });
      if (!unpaid.ok) throw new Error(unpaid.error.code);
      let comp = await open(orderId, { id: unpaid.data.orderId });
      expect(comp.querySelectorAll('.line__after-sale')).toHaveLength(0);

      const order = await paidOrder();
      comp = await open(orderId, { id: order });
      expect(texts(comp, '.line__after-sale')).toEqual(['申请售后', '申请售后']);
      expect(comp.querySelector('.breakdown__refunded')).toBeUndefined();
      await tap(comp, '.line__after-sale', { 'data-sku-id': 'p-lipbalm-1' });
      expect(mp.of('navigateTo')).toEqual([{ url: `/pages/after-sale/apply/index?orderId=${order}&skuId=p-lipbalm-1` }]);
    });

    it('shows what a partial refund returned under the sums', async () => {
      const order = await paidOrder();
      const sale = await apply({ orderId: order, skuId: 'p-brow-1', kind: 'refund', quantity: 1, reason: '不想要了' });
      await staff('approveAfterSale', { afterSaleId: sale._id });
      await rt.devSettleRefunds({ outcome: 'SUCCESS', now: true });
      const comp = await open(orderId, { id: order });
      expect(texts(comp, '.breakdown__refunded >>> .van-cell__title')).toEqual(['已退']);
      expect(texts(comp, '.breakdown__refunded >>> .van-cell__value')).toEqual(['¥49.00']);
      expect(text(comp, '.status__text')).toBe('待发货');
      expect(texts(comp, '.line__after-sale')).toHaveLength(2);
    });
  });

  describe('list', () => {
    it('says there is nothing yet, and leads to the orders', async () => {
      const comp = await open(listId, {});
      expect(mp.callsTo('mall', 'listAfterSales').map((c) => c.data)).toEqual([{ page: 1 }]);
      expect(text(comp, '.after-sales >>> .state__text')).toBe('暂无售后申请，可在订单详情中对商品申请售后');
      await tap(comp, '.after-sales >>> .state__action');
      expect(mp.of('navigateTo')).toEqual([{ url: '/pages/orders/index' }]);
    });

    it('lists the applications, the one that moved last first, and opens one', async () => {
      const order = await paidOrder();
      const refund = await apply({ orderId: order, skuId: 'p-brow-1', kind: 'refund', quantity: 2, reason: '不想要了' });
      rt.clock.advance(60_000);
      const exchange = await apply({ orderId: 'demo-order-2', skuId: 'p-serum-1', kind: 'exchange', quantity: 1, reason: '发错货' });
      const comp = await open(listId, {});
      expect(texts(comp, '.after-sale__title')).toEqual(['修护精华液', '自然眉笔']);
      expect(texts(comp, '.after-sale__kind')).toEqual(['换货', '仅退款']);
      expect(texts(comp, '.after-sale__state')).toEqual(['等待商家处理', '等待商家处理']);
      expect(texts(comp, '.after-sale__sum')).toEqual(['共 1 件', '共 2 件 退款 ¥98.00']);
      expect(page(comp).data.moreState).toBe('done');
      expect(find(comp, '.after-sale').map((n) => n.dom?.getAttribute('data-id'))).toEqual([exchange._id, refund._id]);

      await tap(comp, '.after-sale', { 'data-id': refund._id });
      expect(mp.of('navigateTo')).toEqual([{ url: `/pages/after-sale/detail/index?id=${refund._id}` }]);
    });
  });

  describe('orders list', () => {
    it('leads from the 退款/售后 tab to the applications', async () => {
      let comp = await open(ordersId, {});
      expect(comp.querySelector('.after-sales-entry')).toBeUndefined();
      comp = await open(ordersId, { status: 'refund' });
      await tap(comp, '.after-sales-entry');
      expect(mp.of('navigateTo')).toEqual([{ url: '/pages/after-sale/list/index' }]);
    });
  });
});

describe('after-sale texts and rules (utils/aftersale)', () => {
  it('names every kind and state of the contract, and explains every state', () => {
    expect(Object.keys(KIND_TEXT).sort()).toEqual([...AFTER_SALE_KINDS].sort());
    expect(Object.keys(STATE_TEXT).sort()).toEqual([...AFTER_SALE_STATES].sort());
    expect(AFTER_SALE_STATES.filter((s) => !STATE_NOTE[s])).toEqual([]);
    expect(MAX_PHOTOS).toBe(MAX_AFTER_SALE_PHOTOS);
  });

  it('lets the shopper cancel while requested, asked or awaiting the return; supplement when asked; send back when awaiting it', () => {
    const allowed = (key: 'cancel' | 'supplement' | 'sendBack') => AFTER_SALE_STATES.filter((s) => actionsOf(s)[key]);
    expect(allowed('cancel')).toEqual(['requested', 'needs_info', 'awaiting_return']);
    expect(allowed('supplement')).toEqual(['needs_info']);
    expect(allowed('sendBack')).toEqual(['awaiting_return']);
  });

  it('tells why a line allows nothing: an open application first, then nothing left, then the window after receipt', () => {
    const none = { kinds: [], maxQuantity: 1, deadline: null, openId: null };
    const now = Date.UTC(2026, 10, 24);
    expect(unavailableReason({ ...none, openId: 'AS-1', maxQuantity: 0 }, now)).toBe('该商品已有进行中的售后申请');
    expect(unavailableReason({ ...none, maxQuantity: 0, deadline: now - 1 }, now)).toBe('该商品已全部退款');
    expect(unavailableReason({ ...none, deadline: now - 1 }, now)).toBe('已超过收货后 7 天的售后期限');
    expect(unavailableReason({ ...none, deadline: now + 1 }, now)).toBe('当前订单状态不支持申请售后');
    expect(unavailableReason({ ...none, kinds: [{ kind: 'refund', reasons: [] }] }, now)).toBe('');
  });

  it('reads a requested step after the first as the supplement', () => {
    const at = Date.UTC(2026, 10, 24, 2, 0, 0);
    expect(
      stepsOf([
        { state: 'requested', at, by: 'shopper', note: '' },
        { state: 'needs_info', at, by: 'staff', note: '请补充照片' },
        { state: 'requested', at: at + 60_000, by: 'shopper', note: '' },
      ]),
    ).toEqual([
      { text: '提交申请', desc: '2026-11-24 10:00' },
      { text: '商家要求补充资料', desc: '2026-11-24 10:00 请补充照片' },
      { text: '已补充资料', desc: '2026-11-24 10:01' },
    ]);
  });
});
