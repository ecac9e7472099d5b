import { testRuntime, type TestRuntime } from '../helpers/runtime';
import { installCanvas, until, type FakeCanvas } from './helpers/canvas';
import { load, mount, page, tap, text, unmountAll } from './helpers/render';
import { mp, useRuntime } from './helpers/wx';
import { agreeInPopup, newPrivacyUser, popupShown, refuseInPopup } from './helpers/privacy';
import { coverCrop, drawPoster, isAuthDenied, posterLayout, wrapText } from '../../miniprogram/pages/poster/utils';

const TONIGHT = 'live-tonight';
const TITLE = '底妆专场：粉底液 + 散粉直播间专享价';

describe('share poster page', () => {
  let rt: TestRuntime;
  let id: string;
  let canvases: Map<string, FakeCanvas>;
  let code: string;
  beforeAll(() => {
    id = load('pages/poster/index');
  });
  beforeEach(async () => {
    mp.reset();
    rt = await testRuntime();
    useRuntime(rt);
    canvases = installCanvas();
    const made = await rt.as('demo-shopper')<{ code: string }>('referral', 'myCode', { liveId: TONIGHT });
    if (!made.ok) throw new Error('no code');
    code = made.data.code;
  });
  afterEach(async () => {
    unmountAll();
    await rt.close();
  });

  async function open(options: Record<string, string>) {
    const comp = mount(id);
    page(comp).onLoad(options);
    await mp.settle();
    return comp;
  }

  const drawn = () => canvases.get('#poster');

  it("composes the live's cover, title, live price and the code's QR on the 2D canvas", async () => {
    const comp = await open({ code });
    await until(() => page(comp).data.drawState === 'drawn');
    const canvas = drawn()!;
    // sized for the pixel ratio, drawn in CSS pixels
    expect([canvas.width, canvas.height]).toEqual([600, 960]);
    expect(canvas.ctx.of('scale')).toEqual([[2, 2]]);

    const qrSrc = `http://127.0.0.1:8787/codes/qr.png?scene=c%3D${code}&page=pages%2Flive%2Fdetail%2Findex`;
    const images = canvas.ctx.of('drawImage').map(([image]) => (image as { src: string }).src);
    expect(images).toEqual(['http://127.0.0.1:8787/assets/banner/live.svg', qrSrc]);
    const layout = posterLayout(300, 480);
    expect(canvas.ctx.of('drawImage')[1].slice(1)).toEqual([layout.qr.x, layout.qr.y, layout.qr.width, layout.qr.height]);
    const texts = canvas.ctx.of('fillText').map(([t]) => t);
    expect(texts).toEqual([TITLE, '直播价 ¥69.00 起', expect.stringMatching(/开播$/), '长按识别小程序码']);
    expect(text(comp, '.poster__title')).toBe(TITLE);
    // the sharer's own code is read, never offered for binding
    expect(mp.callsTo('referral', 'bind')).toEqual([]);
  });

  it('reads the code from a wxacode scene', async () => {
    const comp = await open({ scene: encodeURIComponent(`c=${code}`) });
    await until(() => page(comp).data.drawState === 'drawn');
    expect(mp.callsTo('referral', 'poster').map((c) => c.data)).toEqual([{ code }]);
  });

  it('draws without the cover when it does not load, but needs the QR', async () => {
    canvases = installCanvas({ failImages: (src) => src.includes('/assets/') });
    const comp = await open({ code });
    await until(() => page(comp).data.drawState === 'drawn');
    expect(drawn()!.ctx.of('drawImage')).toHaveLength(1);

    unmountAll();
    canvases = installCanvas({ failImages: (src) => src.includes('/codes/qr.png') });
    const broken = await open({ code });
    await until(() => page(broken).data.drawState === 'error');
    expect(text(broken, '.poster__redraw')).toBe('海报生成失败，点此重试');
    await tap(broken, '.poster__save');
    expect(mp.of('canvasToTempFilePath')).toEqual([]);
  });

  it('saves the canvas to the album', async () => {
    const comp = await open({ code });
    await until(() => page(comp).data.drawState === 'drawn');
    await tap(comp, '.poster__save');
    await until(() => mp.of('showToast').length > 0);
    expect(mp.of('canvasToTempFilePath')).toEqual([expect.objectContaining({ canvas: drawn(), fileType: 'png' })]);
    expect(mp.of('saveImageToPhotosAlbum')).toEqual([{ filePath: 'wxfile://tmp/poster.png' }]);
    expect(mp.of('showToast')).toEqual([{ title: '已保存到相册', icon: 'success' }]);
    expect(page(comp).data.saving).toBe(false);
  });

  it('when the album permission was refused, offers the settings page and saves once it is allowed', async () => {
    const comp = await open({ code });
    await until(() => page(comp).data.drawState === 'drawn');
    mp.answer('saveImageToPhotosAlbum', { fail: 'saveImageToPhotosAlbum:fail auth deny' });
    mp.answer('showModal', { confirm: true });
    mp.answer('openSetting', { authSetting: { 'scope.writePhotosAlbum': true } });
    await tap(comp, '.poster__save');
    await until(() => mp.of('showToast').length > 0);
    expect(mp.of('showModal')).toEqual([expect.objectContaining({ title: '需要相册权限', confirmText: '去设置' })]);
    expect(mp.of('openSetting')).toHaveLength(1);
    expect(mp.of('saveImageToPhotosAlbum')).toHaveLength(2);
    expect(mp.of('showToast')).toEqual([{ title: '已保存到相册', icon: 'success' }]);
  });

  describe('a new user who has not agreed to the privacy policy', () => {
    beforeEach(() => newPrivacyUser());

    it('agrees in the pop-up the save brings up, and the poster is saved', async () => {
      const comp = await open({ code });
      await until(() => page(comp).data.drawState === 'drawn');
      await tap(comp, '.poster__save');
      await until(() => popupShown(comp));
      expect(mp.of('needPrivacyAuthorization')).toEqual([{ referrer: 'saveImageToPhotosAlbum' }]);
      await agreeInPopup(comp);
      await until(() => mp.of('showToast').length > 0);
      expect(mp.of('showToast')).toEqual([{ title: '已保存到相册', icon: 'success' }]);
    });

    it('refusing says the policy was not agreed, and agreeing on the second ask saves it', async () => {
      const comp = await open({ code });
      await until(() => page(comp).data.drawState === 'drawn');
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.poster__save');
      await until(() => popupShown(comp));
      await refuseInPopup(comp);
      await until(() => mp.of('needPrivacyAuthorization').length === 2);
      expect(mp.of('showModal')).toEqual([expect.objectContaining({ title: '未同意隐私保护指引', confirmText: '去同意' })]);
      expect(mp.of('openSetting')).toEqual([]);
      await agreeInPopup(comp);
      await until(() => mp.of('showToast').length > 0);
      expect(mp.of('saveImageToPhotosAlbum')).toHaveLength(2);
      expect(mp.of('showToast')).toEqual([{ title: '已保存到相册', icon: 'success' }]);
    });

    it('refusing twice says the poster was not saved, never 保存失败', async () => {
      const comp = await open({ code });
      await until(() => page(comp).data.drawState === 'drawn');
      mp.answer('showModal', { confirm: true });
      await tap(comp, '.poster__save');
      await until(() => popupShown(comp));
      await refuseInPopup(comp);
      await until(() => popupShown(comp));
      await refuseInPopup(comp);
      await until(() => mp.of('showToast').length > 0);
      expect(mp.of('showToast')).toEqual([{ title: '未同意隐私保护指引，海报未保存', icon: 'none' }]);
      expect(page(comp).data.saving).toBe(false);
    });
  });

  it('declining the settings prompt saves nothing and says nothing more; leaving it off says so', async () => {
    const comp = await open({ code });
    await until(() => page(comp).data.drawState === 'drawn');
    mp.answer('saveImageToPhotosAlbum', { fail: 'saveImageToPhotosAlbum:fail auth denied' });
    mp.answer('showModal', { confirm: false });
    await tap(comp, '.poster__save');
    await until(() => page(comp).data.saving === false && mp.of('showModal').length === 1);
    expect(mp.of('openSetting')).toEqual([]);
    expect(mp.of('saveImageToPhotosAlbum')).toHaveLength(1);
    expect(mp.of('showToast')).toEqual([]);

    mp.answer('saveImageToPhotosAlbum', { fail: 'saveImageToPhotosAlbum:fail auth deny' });
    mp.answer('showModal', { confirm: true });
    mp.answer('openSetting', { authSetting: { 'scope.writePhotosAlbum': false } });
    await tap(comp, '.poster__save');
    await until(() => mp.of('showToast').length > 0);
    expect(mp.of('saveImageToPhotosAlbum')).toHaveLength(2);
    expect(mp.of('showToast')).toEqual([{ title: '未开启相册权限，海报未保存', icon: 'none' }]);
  });

  it('shows an unknown code as not found, and a network failure with retry', async () => {
    const missing = await open({ code: 'Nope2345' });
    expect(text(missing, '.poster-page >>> .state__text')).toBe('分享码无效或已失效');
    unmountAll();

    mp.intercept('referral', 'resolveCode', 'network', 1);
    const comp = await open({ code });
    expect(text(comp, '.poster-page >>> .state__text')).toBe('网络不给力，请检查网络后重试');
    await tap(comp, '.poster-page >>> .state__action');
    await mp.settle();
    await until(() => page(comp).data.drawState === 'drawn');
  });

  it('shares the code path to chat', async () => {
    const comp = await open({ code });
    expect(page(comp).onShareAppMessage()).toEqual({ title: TITLE, path: `/pages/live/detail/index?live=${TONIGHT}&code=${code}` });
  });
});

describe('poster layout', () => {
  const measure = (s: string) => Array.from(s).length * 10;

  it('wraps by width and ends an overflowing last line with an ellipsis', () => {
    expect(wrapText('一二三四五六', 30, 2, measure)).toEqual(['一二三', '四五六']);
    expect(wrapText('一二三四五六七', 30, 2, measure)).toEqual(['一二三', '四五…']);
    expect(wrapText('短', 30, 2, measure)).toEqual(['短']);
  });

  it('puts the QR in the bottom-right corner inside the padding', () => {
    const l = posterLayout(300, 480);
    expect(l.qr).toEqual({ x: 192, y: 372, width: 90, height: 90 });
    expect(l.cover).toEqual({ x: 0, y: 0, width: 300, height: 225 });
  });

  it('tints the cover area when there is no cover image', () => {
    const calls: Array<[string, unknown[]]> = [];
    const ctx = {
      fillStyle: '' as unknown,
      font: '',
      textBaseline: '',
      textAlign: '',
      fillRect: (...a: unknown[]) => calls.push(['fillRect', a]),
      fillText: (...a: unknown[]) => calls.push(['fillText', a]),
      drawImage: (...a: unknown[]) => calls.push(['drawImage', a]),
      measureText: (s: string) => ({ width: measure(s) }),
    };
    drawPoster(ctx, posterLayout(300, 480), { cover: '', title: '店', priceText: '', subtitle: '' }, { cover: null, qr: 'QR' });
    expect(calls.map(([op]) => op)).toEqual(['fillRect', 'fillRect', 'fillText', 'drawImage', 'fillText']);
  });

  it('crops the cover to the cover box (aspect fill) rather than stretching it', () => {
    // a 750 × 320 banner into the 4:3 cover box: the full height, the centre 426.67 px of the width
    const wide = coverCrop(750, 320, { width: 300, height: 225 });
    expect(wide.height).toBe(320);
    expect(wide.width).toBeCloseTo(426.667, 2);
    expect(wide.x).toBeCloseTo((750 - 426.667) / 2, 2);
    expect(wide.y).toBe(0);
    // a tall 600 × 1200 image: the full width, the middle 450 px of the height
    expect(coverCrop(600, 1200, { width: 300, height: 225 })).toEqual({ x: 0, y: 375, width: 600, height: 450 });

    const calls: unknown[][] = [];
    const ctx = {
      fillStyle: '' as unknown,
      font: '',
      textBaseline: '',
      textAlign: '',
      fillRect: () => undefined,
      fillText: () => undefined,
      drawImage: (...a: unknown[]) => calls.push(a),
      measureText: (s: string) => ({ width: measure(s) }),
    };
    const layout = posterLayout(300, 480);
    drawPoster(ctx, layout, { cover: 'c', title: '店', priceText: '', subtitle: '' }, { cover: { width: 750, height: 320 }, qr: 'QR' });
    const [, sx, sy, sw, sh, dx, dy, dw, dh] = calls[0] as number[];
    expect([dx, dy, dw, dh]).toEqual([0, 0, layout.cover.width, layout.cover.height]);
    expect(sw / sh).toBeCloseTo(dw / dh, 6);
    expect(sx + sw).toBeLessThanOrEqual(750);
    expect(sy + sh).toBeLessThanOrEqual(320);
  });

  it('recognises the album refusal messages', () => {
    expect(['saveImageToPhotosAlbum:fail auth deny', 'saveImageToPhotosAlbum:fail auth denied', 'saveImageToPhotosAlbum:fail:auth denied'].every(isAuthDenied)).toBe(true);
    expect(isAuthDenied('saveImageToPhotosAlbum:fail cancel')).toBe(false);
  });
});
