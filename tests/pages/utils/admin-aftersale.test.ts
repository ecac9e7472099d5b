import { AFTER_SALE_STATES, type AfterSaleState, type StaffAfterSale } from '../../../typings/contract';
import {
  AFTER_SALE_STATE_TEXT,
  QUEUE_FILTERS,
  actionsFor,
  afterSaleRow,
  detailView,
  historyRows,
  queueEmptyText,
  refundRows,
  reshipFormError,
  returnAddressError,
  staffNoteError,
} from '../../../miniprogram/admin/utils/aftersale';

/** 2026-11-24 10:00 Asia/Shanghai */
const T = Date.UTC(2026, 10, 24, 2, 0, 0);
const MIN = 60_000;

const application = (over: Partial<StaffAfterSale> = {}): StaffAfterSale => ({
  _id: 'AS-1',
  orderId: 'order-1',
  skuId: 'p-brow-1',
  title: '自然眉笔',
  image: '/img/brow.png',
  specs: { 颜色: '灰棕' },
  kind: 'refund',
  quantity: 2,
  reason: '不想要了',
  note: '',
  photos: [],
  amountFen: 9800,
  state: 'requested',
  staffNote: '',
  returnAddress: null,
  returnTracking: null,
  reshipTracking: null,
  refund: null,
  history: [{ state: 'requested', at: T, by: 'shopper', note: '' }],
  createdAt: T,
  updatedAt: T,
  buyer: { nickname: '小*' },
  orderStatus: 'paid',
  defaultReturnAddress: null,
  ...over,
});

const owner = { refund: true, fulfil: true };
const cs = { refund: false, fulfil: true };
const nothing = { approve: false, reject: false, ask: false, receive: false, retry: false };

describe('staff after-sale wording', () => {
  it('names every state, and the queue tabs say what they hold', () => {
    expect(AFTER_SALE_STATES.filter((s) => !AFTER_SALE_STATE_TEXT[s])).toEqual([]);
    expect(QUEUE_FILTERS.map((f) => [f.queue, f.label])).toEqual([
      ['open', '待处理'],
      ['', '全部'],
      ['refunding', '退款中'],
      ['awaiting_return', '待寄回'],
      ['returning', '已寄回'],
      ['refunded', '已完成'],
      ['rejected', '已拒绝'],
    ]);
    expect([queueEmptyText('open'), queueEmptyText(''), queueEmptyText('returning'), queueEmptyText('exchanged')]).toEqual([
      '没有待处理的售后申请',
      '暂无售后申请',
      '没有已寄回的售后申请',
      '没有已换货的售后申请',
    ]);
  });

  it('makes a queue row of the line, the kind, the units, the amount, the buyer, the state and the time', () => {
    expect(afterSaleRow(application())).toEqual({
      _id: 'AS-1',
      image: '/img/brow.png',
      title: '自然眉笔',
      specText: '颜色：灰棕',
      kindText: '仅退款',
      quantityText: '×2',
      amountText: '¥98.00',
      buyerText: '小*',
      state: 'requested',
      stateText: '待处理',
      timeText: '2026-11-24 10:00',
    });
    expect(afterSaleRow(application({ kind: 'exchange', amountFen: 0, buyer: { nickname: '' } }))).toMatchObject({ kindText: '换货', amountText: '换货，不退款', buyerText: '未设置昵称' });
  });
});

describe('what staff may do, by state and role', () => {
  it.each<[AfterSaleState, typeof owner, Partial<typeof nothing>]>([
    ['requested', owner, { approve: true, reject: true, ask: true }],
    ['requested', cs, { reject: true, ask: true }],
    ['needs_info', owner, { reject: true }],
    ['returning', owner, { receive: true }],
    ['returning', cs, {}],
    ['refund_failed', owner, { retry: true }],
    ['refund_failed', cs, {}],
    ['awaiting_return', owner, {}],
    ['refunding', owner, {}],
    ['refunded', owner, {}],
    ['rejected', owner, {}],
    ['cancelled', owner, {}],
    ['exchanged', owner, {}],
    ['requested', { refund: false, fulfil: false }, {}],
  ])('%s for %p', (state, can, offered) => {
    expect(actionsFor(state, can)).toEqual({ ...nothing, ...offered });
  });
});

describe('the detail', () => {
  it('reads the history newest first, each step by what came before it', () => {
    const history = historyRows([
      { state: 'requested', at: T, by: 'shopper', note: '' },
      { state: 'needs_info', at: T + MIN, by: 'staff', note: '请补充破损处照片' },
      { state: 'requested', at: T + 2 * MIN, by: 'shopper', note: '已上传' },
      { state: 'awaiting_return', at: T + 3 * MIN, by: 'staff', note: '' },
      { state: 'returning', at: T + 4 * MIN, by: 'shopper', note: '中通快递 7312345678901' },
      { state: 'refunding', at: T + 5 * MIN, by: 'staff', note: '退货已收到' },
      { state: 'refund_failed', at: T + 6 * MIN, by: 'platform', note: '' },
      { state: 'refunding', at: T + 7 * MIN, by: 'staff', note: '重新退款' },
      { state: 'refunded', at: T + 8 * MIN, by: 'platform', note: '' },
    ]);
    expect(history.map((h) => [h.text, h.byText, h.note, h.time])).toEqual([
      ['退款成功', '微信支付', '', '2026-11-24 10:08'],
      ['商家重新发起退款', '商家', '重新退款', '2026-11-24 10:07'],
      ['退款失败，款项未退回', '微信支付', '', '2026-11-24 10:06'],
      ['商家确认收货，发起退款', '商家', '退货已收到', '2026-11-24 10:05'],
      ['买家已寄回商品', '买家', '中通快递 7312345678901', '2026-11-24 10:04'],
      ['商家同意，等待买家寄回', '商家', '', '2026-11-24 10:03'],
      ['买家补充了资料', '买家', '已上传', '2026-11-24 10:02'],
      ['商家请买家补充资料', '商家', '请补充破损处照片', '2026-11-24 10:01'],
      ['买家提交申请', '买家', '', '2026-11-24 10:00'],
    ]);
    expect(historyRows([{ state: 'refunding', at: T, by: 'staff', note: '' }])[0].text).toBe('商家同意退款');
  });

  it('shows the refund with the points it took back and when it arrived', () => {
    expect(refundRows(null)).toEqual([]);
    expect(refundRows({ state: 'PROCESSING', amountFen: 9800, points: 0, settledAt: null }).map((r) => [r.label, r.value])).toEqual([
      ['退款状态', '退款处理中'],
      ['退款金额', '¥98.00'],
    ]);
    expect(refundRows({ state: 'SUCCESS', amountFen: 9800, points: 98, settledAt: T + MIN }).map((r) => [r.label, r.value])).toEqual([
      ['退款状态', '退款成功'],
      ['退款金额', '¥98.00'],
      ['扣回积分', '98 积分'],
      ['到账时间', '2026-11-24 10:01'],
    ]);
    expect(refundRows({ state: 'CLOSED', amountFen: 9800, points: 0, settledAt: T }).at(-1)).toEqual({ key: 'settled', label: '关闭时间', value: '2026-11-24 10:00' });
  });

  it('words a rejected return with its reason, and an exchange without an amount', () => {
    const rejected = detailView(application({ kind: 'return', state: 'rejected', staffNote: '已超过 7 天', note: '盒子压坏了' }), owner);
    expect(rejected).toMatchObject({ stateText: '已拒绝', kindText: '退货退款', hint: '拒绝原因：已超过 7 天', hasActions: false, orderStatusText: '待发货' });
    expect(rejected.info.map((r) => r.label)).toEqual(['售后类型', '申请数量', '退款金额', '申请原因', '买家说明', '申请时间']);
    const exchange = detailView(
      application({ kind: 'exchange', amountFen: 0, state: 'exchanged', returnAddress: { name: '售后仓', phone: '021-55550000', address: '上海市青浦区华新镇 88 号' }, reshipTracking: { company: '顺丰速运', number: 'SF1234567890' } }),
      owner,
    );
    expect(exchange.info.map((r) => r.label)).toEqual(['售后类型', '申请数量', '申请原因', '申请时间']);
    expect(exchange).toMatchObject({ amountText: '换货，不退款', returnAddress: { contact: '售后仓 021-55550000', address: '上海市青浦区华新镇 88 号' }, reshipTracking: '顺丰速运 SF1234567890', returnTracking: '' });
    expect(detailView(application({ state: 'returning', kind: 'exchange' }), owner).hint).toBe('买家已寄回，收到商品后确认收货并寄出换货');
  });
});

describe('the forms', () => {
  const address = { name: '售后仓', phone: '021-55550000', address: '上海市青浦区华新镇 88 号' };

  it('checks a return address as the server takes it', () => {
    expect(returnAddressError(address)).toBe('');
    expect(returnAddressError({ ...address, name: '  ' })).toBe('请填写收件人');
    expect(returnAddressError({ ...address, name: '收'.repeat(21) })).toBe('收件人最多 20 个字');
    expect(returnAddressError({ ...address, phone: '12345' })).toBe('请填写正确的联系电话');
    expect(returnAddressError({ ...address, phone: '021#5555' })).toBe('请填写正确的联系电话');
    expect(returnAddressError({ ...address, address: ' 上海 ' })).toBe('请填写完整的退货地址');
    expect(returnAddressError({ ...address, address: '址'.repeat(121) })).toBe('退货地址最多 120 个字');
  });

  it('needs a reason to reject and a request to ask, at most 120 characters', () => {
    expect(staffNoteError('  ', false)).toBe('请填写拒绝原因');
    expect(staffNoteError('', true)).toBe('请填写需要买家补充的内容');
    expect(staffNoteError('字'.repeat(121), false)).toBe('最多 120 个字');
    expect(staffNoteError(' 已超过 7 天 ', false)).toBe('');
  });

  it('takes the replacement waybill from a listed carrier', () => {
    expect(reshipFormError('', 'SF1234567890')).toBe('请选择快递公司');
    expect(reshipFormError('某某物流', 'SF1234567890')).toBe('请从列表中选择快递公司');
    expect(reshipFormError('顺丰速运', 'SF12')).toBe('运单号为 6–32 位字母、数字或 -');
    expect(reshipFormError('顺丰速运', 'SF 1234567')).toBe('运单号为 6–32 位字母、数字或 -');
    expect(reshipFormError('顺丰速运', ' SF1234567890 ')).toBe('');
  });
});
