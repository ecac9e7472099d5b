import type { LiveMetrics } from '../../typings/contract';
import { PAST_LIVE } from '../../scripts/seed/raffles';
import { seedDemoShop } from '../../scripts/seed/seed';
import { testRuntime, type TestRuntime } from '../helpers/runtime';

describe('the demo shop a newcomer sees', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(() => rt.close());

  it('last week’s live shows non-zero numbers on every metric', async () => {
    const r = await rt.as('demo-staff')<LiveMetrics>('admin', 'liveMetrics', { liveId: PAST_LIVE });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const m = r.data;
    expect(m.privateDomainReservationShare.value).toBeGreaterThan(0);
    expect(m.newWecomFriends).toBeGreaterThan(0);
    expect(m.privateDomainOrderShare.value).toBeGreaterThan(0);
    expect(m.liveProductRepurchaseRate.value).toBeGreaterThan(0);
    expect(m.retention7d.value).toBeGreaterThan(0);
    expect(m.clv30.liveAcquired.averageFen).toBeGreaterThan(0);
    expect(m.funnel.every((s) => s.users > 0)).toBe(true);
    expect(m.orders.paid).toBeGreaterThan(0);
  });

  it('tonight’s live has cards, and the seed runs once', async () => {
    const lives = await rt.as('demo-shopper')<{ items: Array<{ _id: string; cardCount: number }> }>('live', 'list', {});
    expect(lives.ok && lives.data.items.find((l) => l._id === 'live-tonight')?.cardCount).toBe(6);
    expect(await seedDemoShop(rt.ports)).toEqual({ seeded: false });
  });
});
