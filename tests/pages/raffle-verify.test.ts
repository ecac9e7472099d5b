import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { hasClass, load, mount, page, tap, text, texts, unmountAll } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

type Verification = {
  seed: string;
  commitment: string;
  entryIds: string[];
  recomputed: string[];
  winners: Array<{ unit: number; entryId: string; nickname: string }>;
  valid: boolean;
};

describe('raffle verify page', () => {
  let rt: TestRuntime;
  let id: string;
  let published: Verification;
  beforeAll(() => {
    id = load('pages/raffle/verify/index');
  });
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime();
    useRuntime(rt);
    const r = await rt.as('demo-shopper')<Verification>('raffle', 'verify', { raffleId: 'raffle-past', slot: 1 });
    if (!r.ok) throw new Error(r.error.code);
    published = r.data;
  });
  afterEach(async () => {
    unmountAll();
    await rt.close();
  });

  async function open(options: Record<string, string> = { id: 'raffle-past', slot: '1' }) {
    const comp = mount(id);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }

  /** Serves the real verification with some of its public data changed. */
  function tamper(change: Partial<Verification>) {
    mp.intercept('raffle', 'verify', { ok: true, data: { ...published, ...change, valid: true, recomputed: published.recomputed } });
  }

  it("recomputes the seeded past draw's winners on the phone and reports a match", async () => {
    const comp = await open();
    expect(mp.callsTo('raffle', 'verify').map((c) => c.data)).toEqual([{ raffleId: 'raffle-past', slot: 1 }]);
    expect(text(comp, '.verdict__mark')).toBe('✓');
    expect(text(comp, '.verdict__text')).toBe('验证通过：种子与开奖前公布的承诺一致，中奖名单与按公开算法重新计算的结果完全相同');
    expect(text(comp, '.field__commitment')).toBe(published.commitment);
    expect(text(comp, '.field__seed')).toBe(published.seed);
    // SHA-256 of the seed computed here, not taken from the server
    expect(text(comp, '.field__digest')).toBe(published.commitment);
    expect(text(comp, '.check-seed')).toBe('✓ 与承诺值一致：种子在开奖前已确定');
    expect(texts(comp, '.unit__mark')).toEqual(['✓ 一致', '✓ 一致', '✓ 一致', '✓ 一致']);
    expect(texts(comp, '.unit__row').filter((_, i) => i % 2 === 1)).toEqual(published.winners.map((w) => `本机：${w.entryId}`));
    expect(text(comp, '.check-winners')).toBe('✓ 中奖名单与计算结果完全相同');
    expect(texts(comp, '.entry__id')).toEqual([...published.entryIds].sort());
    expect(comp.querySelectorAll('.entry--winner')).toHaveLength(4);
    expect(text(comp, '.step-entries .section-title')).toBe('3. 参与名单（12 个，按编号排序）');
  });

  it('reports a mismatch when the revealed seed is not the committed one', async () => {
    tamper({ seed: published.seed.replace(/^./, (c) => (c === '0' ? '1' : '0')) });
    const comp = await open();
    expect(text(comp, '.verdict__mark')).toBe('✗');
    expect(hasClass(comp.querySelector('.verdict'), 'verdict--bad')).toBe(true);
    expect(text(comp, '.verdict__text')).toBe('验证未通过：公布的种子与开奖前公布的承诺不一致');
    expect(text(comp, '.check-seed')).toBe('✗ 与承诺值不一致');
    // the winners recomputed from the wrong seed differ too
    expect(text(comp, '.check-winners')).toBe('✗ 中奖名单与计算结果不同');
  });

  it('reports a mismatch when the published winners do not follow from the seed', async () => {
    const loser = published.entryIds.find((e) => !published.winners.some((w) => w.entryId === e))!;
    tamper({ winners: published.winners.map((w, i) => (i === 2 ? { ...w, entryId: loser } : w)) });
    const comp = await open();
    expect(text(comp, '.verdict__text')).toBe('验证未通过：按公开算法重新计算的中奖名单与公布的不同');
    expect(text(comp, '.check-seed')).toBe('✓ 与承诺值一致：种子在开奖前已确定');
    expect(texts(comp, '.unit__mark')).toEqual(['✓ 一致', '✓ 一致', '✗ 不一致', '✓ 一致']);
  });

  it("reports a mismatch when an entry was slipped into the list after the draw", async () => {
    tamper({ entryIds: [...published.entryIds, '0000-slipped-in'] });
    const comp = await open();
    expect(text(comp, '.verdict__mark')).toBe('✗');
    expect(texts(comp, '.entry__id')[0]).toBe('0000-slipped-in');
  });

  it("highlights the shopper's own entry id in the list", async () => {
    const mine = [...published.entryIds].sort()[4];
    const comp = await open({ id: 'raffle-past', slot: '1', entry: mine });
    expect(text(comp, '.entries__mine')).toBe(`你的参与编号 ${mine} 在名单第 5 位`);
    expect(texts(comp, '.entry--mine .entry__id')).toEqual([mine]);
  });

  it('lists a big draw 100 entries at first, the rest on request', async () => {
    const many = Array.from({ length: 150 }, (_, i) => `e-${String(i).padStart(3, '0')}`);
    tamper({ entryIds: many });
    const comp = await open();
    expect(comp.querySelectorAll('.entry')).toHaveLength(100);
    await tap(comp, '.entries__all');
    expect(comp.querySelectorAll('.entry')).toHaveLength(150);
    expect(comp.querySelector('.entries__all')).toBeUndefined();
  });

  it('explains a draw that has not happened, an unknown raffle, and a failed read', async () => {
    const notDrawn = await open({ id: 'raffle-tonight' });
    expect(text(notDrawn, '.verify >>> .state__text')).toBe('本轮还没有开奖，开奖后即可验证');
    const unknown = await open({ id: 'raffle-past', slot: '9' });
    expect(text(unknown, '.verify >>> .state__text')).toBe('没有这一轮抽奖');

    mp.intercept('raffle', 'verify', 'network', 1);
    const failed = await open();
    expect(text(failed, '.verify >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(failed, '.verify >>> .state__action');
    await mp.settle();
    expect(text(failed, '.verdict__mark')).toBe('✓');
  });

  it('copies the seed for checking elsewhere', async () => {
    const comp = await open();
    await tap(comp, '.field__seed');
    expect(mp.of('setClipboardData')).toEqual([{ data: published.seed }]);
  });
});
