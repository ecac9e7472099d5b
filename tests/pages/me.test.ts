import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { load, mount, page, tap, text, texts, unmountAll } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';

describe('me page', () => {
  let rt: TestRuntime;
  let id: string;
  beforeAll(() => {
    id = load('pages/me/index');
  });
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime();
    useRuntime(rt);
  });
  afterEach(async () => {
    unmountAll();
    await rt.close();
  });

  async function open() {
    const comp = mount(id);
    page(comp).onShow();
    await mp.settle();
    return comp;
  }

  it('shows the dev identity and no staff entry for a shopper', async () => {
    const comp = await open();
    expect(text(comp, '.me__openid')).toBe('demo-shopper');
    expect(text(comp, '.switcher__option--active')).toBe('演示顾客');
    expect(comp.querySelector('.staff__entry')).toBeUndefined();
    expect(mp.callsTo('admin', 'whoami')).toHaveLength(1);
  });

  it('switches to the demo staff identity, stores it, and shows the staff entry', async () => {
    const comp = await open();
    await tap(comp, '.switcher__option', { 'data-openid': 'demo-staff' });
    await mp.settle();
    expect(JSON.parse(mp.storage.get('devOpenid')!)).toBe('demo-staff');
    expect(text(comp, '.me__openid')).toBe('demo-staff');
    expect(text(comp, '.staff__entry .muted')).toBe('店主 ›');
    expect(mp.callsTo('admin', 'whoami').map((c) => c.openid)).toEqual(['demo-shopper', 'demo-staff']);

    await tap(comp, '.staff__entry');
    expect(mp.of('navigateTo')).toEqual([{ url: '/admin/pages/index/index' }]);
  });

  it('ignores a tap on the identity already in use', async () => {
    const comp = await open();
    await tap(comp, '.switcher__option', { 'data-openid': 'demo-shopper' });
    await mp.settle();
    expect(mp.callsTo('admin', 'whoami')).toHaveLength(1);
  });

  it('accepts a custom openid, and refuses one that is not openid-shaped', async () => {
    const comp = await open();
    page(comp).onCustomInput({ detail: { value: 'not valid!' } });
    await tap(comp, '.switcher__apply');
    expect(text(comp, '.switcher__error')).toBe('只能包含字母、数字、- 和 _，最多 64 位');
    expect(mp.storage.has('devOpenid')).toBe(false);

    page(comp).onCustomInput({ detail: { value: ' tester_01 ' } });
    await tap(comp, '.switcher__apply');
    await mp.settle();
    expect(JSON.parse(mp.storage.get('devOpenid')!)).toBe('tester_01');
    expect(text(comp, '.me__openid')).toBe('tester_01');
    expect(comp.querySelector('.switcher__error')).toBeUndefined();
    expect(mp.callsTo('admin', 'whoami').at(-1)!.openid).toBe('tester_01');
  });

  it('opens the content feed', async () => {
    const comp = await open();
    await tap(comp, '.links__content');
    expect(mp.of('navigateTo')).toEqual([{ url: '/pages/content/index' }]);
  });

  it('opens my orders, all of them or one status from its shortcut', async () => {
    const comp = await open();
    expect(texts(comp, '.orders__shortcut >>> .van-grid-item__text')).toEqual(['待付款', '待发货', '待收货', '已完成', '退款/售后']);
    await tap(comp, '.orders__all >>> .van-cell');
    const shortcuts = comp.querySelectorAll('.orders__shortcut >>> .van-grid-item__content');
    shortcuts[0].dispatchEvent('tap');
    shortcuts[4].dispatchEvent('tap');
    await mp.settle();
    expect(mp.of('navigateTo')).toEqual([
      { url: '/pages/orders/index' },
      { url: '/pages/orders/index?status=created' },
      { url: '/pages/orders/index?status=refund' },
    ]);
    expect(mp.callsTo('mall')).toHaveLength(0);
  });

  it('hides the staff entry when the check fails on the network', async () => {
    mp.storage.set('devOpenid', JSON.stringify('demo-staff'));
    mp.intercept('admin', 'whoami', 'network', 1);
    const comp = await open();
    expect(comp.querySelector('.staff__entry')).toBeUndefined();
    page(comp).onShow();
    await mp.settle();
    expect(text(comp, '.staff__entry .muted')).toBe('店主 ›');
  });

  describe('profile', () => {
    // a 1×1 PNG, as chooseAvatar hands it over in a temporary file
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

    it('uploads the chosen avatar and shows it, also on the next visit', async () => {
      mp.tempFiles.set('wxfile://tmp_avatar.png', PNG);
      const comp = await open();
      expect(comp.querySelector('.member__avatar-image')).toBeUndefined();
      comp.querySelector('.member__avatar')!.dispatchEvent('chooseavatar', { detail: { avatarUrl: 'wxfile://tmp_avatar.png' } });
      await mp.settle();
      expect(mp.of('uploadFile')).toEqual([{ url: expect.stringMatching(/\/files\?purpose=avatar$/), filePath: 'wxfile://tmp_avatar.png', name: 'file' }]);
      expect(mp.callsTo('points', 'setProfile').map((c) => c.data)).toEqual([{ avatarFileId: expect.stringMatching(/^local:\/\/uploads\/avatar\//) }]);
      expect(comp.querySelector('.member__avatar-image')).toBeDefined();
      const src = page(comp).data.avatarUrl;
      expect(src).toMatch(/\/files\/uploads\/avatar\/[0-9a-f]{24}\.png$/);
      expect(mp.of('showToast').at(-1)).toMatchObject({ title: '头像已更新' });

      unmountAll();
      const again = await open();
      expect(again.querySelector('.member__avatar-image')).toBeDefined();
      expect(page(again).data.avatarUrl).toBe(src);
    });

    it('says why an avatar that is not an image is refused, and keeps the letter avatar', async () => {
      mp.tempFiles.set('wxfile://tmp_avatar.gif', Buffer.from('GIF89a but not really'));
      const comp = await open();
      comp.querySelector('.member__avatar')!.dispatchEvent('chooseavatar', { detail: { avatarUrl: 'wxfile://tmp_avatar.gif' } });
      await mp.settle();
      expect(mp.callsTo('points', 'setProfile')).toHaveLength(0);
      expect(mp.of('showToast').at(-1)).toMatchObject({ icon: 'none' });
      expect(comp.querySelector('.member__avatar-image')).toBeUndefined();
      expect(text(comp, '.member__avatar')).toBe('普');
    });

    it('keeps the nickname typed or picked in the nickname input, and ignores an unchanged one', async () => {
      const comp = await open();
      const before = text(comp, '.member__nickname');
      await tap(comp, '.member__nickname');
      const input = () => comp.querySelector('.member__nickname-input')!;
      input().dispatchEvent('blur', { detail: { value: before } });
      await mp.settle();
      expect(mp.callsTo('points', 'setProfile')).toHaveLength(0);

      await tap(comp, '.member__nickname');
      input().dispatchEvent('blur', { detail: { value: '  晚风  ' } });
      await mp.settle();
      expect(mp.callsTo('points', 'setProfile').map((c) => c.data)).toEqual([{ nickname: '晚风' }]);
      expect(text(comp, '.member__nickname')).toBe('晚风');
      expect(comp.querySelector('.member__nickname-input')).toBeUndefined();
      expect((await rt.as('demo-shopper')<{ nickname: string }>('points', 'profile', {})).ok).toBe(true);

      // one the content check refuses: told so, the name before kept
      await tap(comp, '.member__nickname');
      input().dispatchEvent('blur', { detail: { value: '加微信领红包' } });
      await mp.settle();
      expect(mp.of('showToast')).toEqual([{ title: '昵称未通过安全检测，请换一个', icon: 'none' }]);
      expect(text(comp, '.member__nickname')).toBe('晚风');
    });
  });

  describe('member centre', () => {
    it("shows the seeded shopper's tier, progress to the next tier, points and coupons", async () => {
      const comp = await open();
      expect(text(comp, '.member__tier')).toBe('普通会员');
      expect(text(comp, '.member__avatar')).toBe('普');
      // ¥664.00 of the ¥1,000.00 silver needs
      expect(text(comp, '.member__next')).toBe('再消费 ¥336.00 升级为银卡会员');
      expect(comp.querySelector('.member__fill')!.dom?.getAttribute('style')).toContain('width: 66%');
      expect(texts(comp, '.member__benefit')).toEqual(['每消费 1 元得 1 积分']);
      expect(text(comp, '.member__points .member__stat-value')).toBe('714');
      expect(text(comp, '.member__coupons .member__stat-value')).toBe('2');
      expect(mp.callsTo('points', 'balance')).toHaveLength(1);
      expect(mp.callsTo('coupons', 'listMine').map((c) => c.data)).toEqual([{ status: 'available', page: 1 }]);
    });

    it('opens the member pages from the shortcuts and the stats', async () => {
      const comp = await open();
      for (const key of ['points', 'coupons', 'coupon-center', 'rewards', 'reservations', 'raffles', 'favorites', 'history', 'reviews']) {
        comp.querySelector(`.member-links__${key}`)!.dispatchEvent('click');
      }
      await tap(comp, '.member__points');
      await tap(comp, '.member__coupons');
      expect(mp.of('navigateTo')).toEqual([
        { url: '/pages/points/index' },
        { url: '/pages/coupons/index' },
        { url: '/pages/coupon-center/index' },
        { url: '/pages/rewards/index' },
        { url: '/pages/reservations/index' },
        { url: '/pages/raffle/entries/index' },
        { url: '/pages/favorites/index' },
        { url: '/pages/history/index' },
        { url: '/pages/my-reviews/index' },
        { url: '/pages/points/index' },
        { url: '/pages/coupons/index' },
      ]);
    });

    it('shows a redeemed privilege beside the tier benefits', async () => {
      const redeemed = await rt.as('demo-shopper')('points', 'redeem', { rewardId: 'rw-live-priority' }, 'redeem-1');
      expect(redeemed.ok).toBe(true);
      const comp = await open();
      expect(text(comp, '.member__points .member__stat-value')).toBe('414');
      expect(texts(comp, '.member__privilege')[0]).toMatch(/^直播优先入场 · 至 \d{4}-\d{2}-\d{2}$/);
    });

    it('shows an error with a retry when the member data fails, keeping the rest of the page', async () => {
      mp.intercept('points', 'balance', 'network', 1);
      const comp = await open();
      expect(text(comp, '.member__error')).toBe('网络不给力，请检查网络后重试，点击重试');
      expect(text(comp, '.me__openid')).toBe('demo-shopper');
      await tap(comp, '.member__error');
      await mp.settle();
      expect(text(comp, '.member__tier')).toBe('普通会员');
    });

    it("reloads the member data for another identity, and shows the new member's wallet with the new-member coupon", async () => {
      const comp = await open();
      page(comp).onCustomInput({ detail: { value: 'new-member-1' } });
      await tap(comp, '.switcher__apply');
      await mp.settle();
      expect(text(comp, '.member__points .member__stat-value')).toBe('0');
      // given on their first call
      expect(text(comp, '.member__coupons .member__stat-value')).toBe('1');
      expect(mp.callsTo('points', 'balance').map((c) => c.openid)).toEqual(['demo-shopper', 'new-member-1']);
    });

    it('refreshes quietly on the next visit to the tab without a loading state', async () => {
      const comp = await open();
      await rt.as('demo-shopper')('points', 'redeem', { rewardId: 'rw-coupon-10' }, 'redeem-2');
      page(comp).onShow();
      expect(comp.querySelector('.member__note')).toBeUndefined();
      await mp.settle();
      expect(text(comp, '.member__points .member__stat-value')).toBe('214');
      expect(text(comp, '.member__coupons .member__stat-value')).toBe('3');
    });
  });
});
