import { assetUrl } from '../../services/call';
import { getProduct } from '../../services/catalog';
import { getLive } from '../../services/live';
import { posterQr, resolveCode } from '../../services/referral';
import { parseEntry, sharerCode } from '../../utils/attribution';
import { canvas2d, canvasToFile, loadImage, type CanvasNode } from '../../utils/canvas';
import { confirmDialog } from '../../utils/dialog';
import { errorCode, errorText } from '../../utils/errors';
import { instanceState } from '../../utils/instance-state';
import { isPrivacyDenied } from '../../utils/privacy';
import { drawPoster, isAuthDenied, isCancel, livePoster, posterLayout, productPoster, shopPoster, type PosterContent, type PosterCtx } from './utils';

type PageState = 'loading' | 'ready' | 'not_found' | 'error';
type DrawState = 'drawing' | 'drawn' | 'error';

const ALBUM_SCOPE = 'scope.writePhotosAlbum';

const local = instanceState(() => ({
  code: '',
  token: 0,
  content: null as PosterContent | null,
  qrUrl: '',
  sharePath: '',
  canvas: null as CanvasNode | null,
}));

type SaveResult = { ok: true } | { ok: false; errMsg: string };

function saveToAlbum(filePath: string): Promise<SaveResult> {
  return new Promise((resolve) => {
    wx.saveImageToPhotosAlbum({
      filePath,
      success: () => resolve({ ok: true }),
      fail: (err) => resolve({ ok: false, errMsg: err.errMsg || '' }),
    });
  });
}

/** Opens the permission settings; resolves whether the album permission is on afterwards. */
function albumAllowedInSettings(): Promise<boolean> {
  return new Promise((resolve) => {
    wx.openSetting({
      success: (res) => resolve(!!(res.authSetting as Record<string, boolean | undefined>)[ALBUM_SCOPE]),
      fail: () => resolve(false),
    });
  });
}

/**
 * A share poster for one share code (`?code=` or a scene `c=`): the code's live or product cover,
 * title and price with the code's QR, drawn on a 2D canvas and saved to the album.
 */
Component({
  data: {
    state: 'loading' as PageState,
    errorMessage: '',
    title: '',
    drawState: 'drawing' as DrawState,
    saving: false,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      // The sharer's own page: read the code without recording it as an arrival.
      local(this).code = sharerCode(parseEntry(options).attribution) ?? '';
      void this.load();
    },

    async load(): Promise<void> {
      const state = local(this);
      if (!state.code) {
        this.setData({ state: 'not_found' });
        return;
      }
      const token = ++state.token;
      if (this.data.state !== 'loading') this.setData({ state: 'loading', errorMessage: '' });
      try {
        const [resolved, qr] = await Promise.all([resolveCode(state.code), posterQr(state.code)]);
        let content: PosterContent;
        if (resolved.productId) {
          const p = await getProduct(resolved.productId);
          content = productPoster(p, assetUrl(p.images[0] ?? p.image));
        } else if (resolved.liveId) {
          const l = await getLive(resolved.liveId);
          content = livePoster(l, assetUrl(l.cover), Date.now());
        } else {
          content = shopPoster();
        }
        if (token !== state.token) return;
        state.content = content;
        state.qrUrl = assetUrl(qr.qrUrl);
        state.sharePath = qr.path.startsWith('/') ? qr.path : `/${qr.path}`;
        this.setData({ state: 'ready', title: content.title, drawState: 'drawing' }, () => void this.draw());
      } catch (e) {
        if (token !== state.token) return;
        const code = errorCode(e);
        if (code === 'REFERRAL_CODE_NOT_FOUND' || code === 'PRODUCT_NOT_FOUND' || code === 'LIVE_NOT_FOUND') this.setData({ state: 'not_found' });
        else this.setData({ state: 'error', errorMessage: errorText(e) });
      }
    },

    /** Composes the poster: the QR must load; a cover that does not load leaves a tint. */
    async draw(): Promise<void> {
      const state = local(this);
      const content = state.content;
      if (!content) return;
      const token = state.token;
      try {
        const { canvas, ctx, width, height } = await canvas2d<PosterCtx>(this, '#poster');
        const [cover, qr] = await Promise.all([content.cover ? loadImage(canvas, content.cover).catch(() => null) : Promise.resolve(null), loadImage(canvas, state.qrUrl)]);
        if (token !== state.token) return;
        drawPoster(ctx, posterLayout(width, height), content, { cover, qr });
        state.canvas = canvas;
        this.setData({ drawState: 'drawn' });
      } catch {
        if (token !== state.token) return;
        state.canvas = null;
        this.setData({ drawState: 'error' });
      }
    },

    onRetry() {
      void this.load();
    },

    onRedraw() {
      if (this.data.drawState !== 'error') return;
      this.setData({ drawState: 'drawing' });
      void this.draw();
    },

    onSave() {
      if (this.data.drawState !== 'drawn' || this.data.saving) return;
      void this.save();
    },

    /**
     * Exports the canvas and saves it. Each refusal is said with its way out: the privacy consent
     * declined in the pop-up — saving again asks it again; the album permission refused before
     * (WeChat then fails at once) — the settings page, and the save is tried again if they allow it.
     */
    async save(): Promise<void> {
      const canvas = local(this).canvas;
      if (!canvas) return;
      this.setData({ saving: true });
      try {
        const file = await canvasToFile(canvas);
        let result = await saveToAlbum(file);
        if (!result.ok && isPrivacyDenied(result.errMsg)) {
          const again = await confirmDialog({ title: '未同意隐私保护指引', content: '保存海报到相册需要你同意隐私保护指引，同意后即可保存。', confirmText: '去同意', cancelText: '暂不保存' });
          if (!again) return;
          result = await saveToAlbum(file);
          if (!result.ok && isPrivacyDenied(result.errMsg)) {
            wx.showToast({ title: '未同意隐私保护指引，海报未保存', icon: 'none' });
            return;
          }
        }
        if (!result.ok && isAuthDenied(result.errMsg)) {
          const open = await confirmDialog({ title: '需要相册权限', content: '保存海报需要你允许使用相册，去设置里打开吗？', confirmText: '去设置' });
          if (!open) return;
          if (!(await albumAllowedInSettings())) {
            wx.showToast({ title: '未开启相册权限，海报未保存', icon: 'none' });
            return;
          }
          result = await saveToAlbum(file);
        }
        if (result.ok) wx.showToast({ title: '已保存到相册', icon: 'success' });
        else if (!isCancel(result.errMsg)) wx.showToast({ title: '保存失败，请重试', icon: 'none' });
      } catch {
        wx.showToast({ title: '海报导出失败，请重试', icon: 'none' });
      } finally {
        this.setData({ saving: false });
      }
    },

    onShareAppMessage() {
      const state = local(this);
      return { title: state.content?.title ?? '直播好物', path: state.sharePath || '/pages/home/index' };
    },
  },
});
