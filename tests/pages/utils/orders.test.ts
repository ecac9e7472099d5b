import { canPay, ORDER_TABS, tabOf, timeline } from '../../../miniprogram/utils/orders';
import { formatDateTime } from '../../../miniprogram/utils/time';

const T = Date.UTC(2026, 10, 24, 2, 0, 0);

describe('order wording', () => {
  it('lets an order be paid only while created and inside its window', () => {
    expect(canPay({ status: 'created', expiresAt: T + 1 }, T)).toBe(true);
    expect(canPay({ status: 'created', expiresAt: T }, T)).toBe(false);
    expect(canPay({ status: 'paid', expiresAt: T + 1 }, T)).toBe(false);
  });

  it('finds a tab by key, falling back to all', () => {
    expect(ORDER_TABS.map((t) => t.key)).toEqual(['all', 'created', 'paid', 'shipped', 'completed', 'refund']);
    expect(tabOf('refund').statuses).toEqual(['refunding', 'refunded']);
    expect(tabOf('nope').key).toBe('all');
    expect(tabOf(undefined).key).toBe('all');
  });

  it('tells the timeline so far, and how an order closed', () => {
    const base = { createdAt: T, paidAt: null, shippedAt: null, completedAt: null, closedAt: null };
    expect(timeline({ ...base, status: 'created' })).toEqual([{ text: '提交订单', desc: '2026-11-24 10:00' }]);
    expect(timeline({ ...base, status: 'expired', closedAt: T + 30 * 60_000 }).map((s) => s.text)).toEqual(['提交订单', '超时未支付，订单关闭']);
    expect(timeline({ ...base, status: 'completed', paidAt: T + 1, shippedAt: T + 2, completedAt: T + 3 }).map((s) => s.text)).toEqual([
      '提交订单',
      '支付成功',
      '商家已发货',
      '确认收货',
    ]);
    expect(timeline({ ...base, status: 'refunded', paidAt: T + 60_000, closedAt: T + 120_000 })).toEqual([
      { text: '提交订单', desc: formatDateTime(T) },
      { text: '支付成功', desc: '2026-11-24 10:01' },
      { text: '已退款', desc: '2026-11-24 10:02' },
    ]);
  });
});
