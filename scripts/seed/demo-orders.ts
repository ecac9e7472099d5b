import { priceOrder } from '../../cloudfunctions/core/modules/orders/pricing';
import { orderLine } from '../../cloudfunctions/core/modules/orders/rules';
import { withSearchKeys } from '../../cloudfunctions/core/modules/orders/search';
import type { OrderSource, OrderStatus } from '../../typings/contract';
import { DAY, HOUR } from '../../cloudfunctions/core/kernel/time';
import type { Ports } from '../../cloudfunctions/core/ports';

/** Past orders so a newcomer sees order tabs, tracking and sales at once. */
export interface DemoOrder {
  id: string;
  userId: string;
  ageDays: number;
  status: Extract<OrderStatus, 'paid' | 'shipped' | 'completed'>;
  items: Array<[skuId: string, quantity: number]>;
  source?: OrderSource;
}

export const DEMO_ADDRESS = {
  userName: '林小美',
  telNumber: '13800138000',
  provinceName: '浙江省',
  cityName: '杭州市',
  countyName: '西湖区',
  detailInfo: '文三路 100 号 2 幢 301',
};

export async function seedDemoOrders(ports: Ports, orders: DemoOrder[], addressUser: string): Promise<void> {
  const { db } = ports;
  const now = ports.clock.now();
  await db.collection('addresses').insert({
    _id: `addr-${addressUser}`,
    userId: addressUser,
    ...DEMO_ADDRESS,
    createdAt: now - 120 * DAY,
  });
  await db.collection('users').update({ _id: addressUser }, { $set: { defaultAddressId: `addr-${addressUser}` } });
  for (const o of orders) {
    const lines = [];
    for (const [skuId, quantity] of o.items) {
      const sku = (await db.collection('skus').get(skuId))!;
      const product = (await db.collection('products').get(sku.productId))!;
      lines.push(orderLine(sku, product, quantity, null));
    }
    const createdAt = now - o.ageDays * DAY;
    const paidAt = createdAt + 2 * 60_000;
    const shipped = o.status !== 'paid';
    await db.collection('orders').insert(withSearchKeys({
      _id: o.id,
      userId: o.userId,
      status: o.status,
      lines,
      price: priceOrder(lines, []),
      address: DEMO_ADDRESS,
      couponId: null,
      source: o.source ?? { kind: 'organic' },
      createdAt,
      expiresAt: createdAt + 30 * 60_000,
      paidAt,
      shippedAt: shipped ? paidAt + 20 * HOUR : null,
      completedAt: o.status === 'completed' ? paidAt + 4 * DAY : null,
      closedAt: null,
      tracking: shipped ? { company: '顺丰速运', number: `SF${o.id.replace(/\D/g, '').padStart(10, '7')}` } : null,
      transactionId: `4200-demo-${o.id}`,
      paymentMethod: 'local',
      refund: null,
      stockReturnedAt: null,
      paidEffectsAt: paidAt,
    }));
  }
}
