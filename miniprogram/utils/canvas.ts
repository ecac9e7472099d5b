/**
 * Canvas 2D (`<canvas type="2d">`) access as promises: find the node, size it for the screen's
 * pixel ratio, load images onto it, export it to a temporary file. Drawing itself is left to the
 * caller, with plain 2D context calls.
 */

/** The image object a canvas node makes (canvas.createImage()). */
export interface CanvasImage {
  src: string;
  width: number;
  height: number;
  onload: (() => void) | null;
  onerror: ((err: unknown) => void) | null;
}

export interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): unknown;
  createImage(): CanvasImage;
}

export interface Canvas2D<Ctx> {
  canvas: CanvasNode;
  ctx: Ctx;
  /** CSS pixels, what layouts use */
  width: number;
  height: number;
}

function pixelRatio(): number {
  try {
    if (typeof wx.getWindowInfo === 'function') return wx.getWindowInfo().pixelRatio || 2;
    return wx.getSystemInfoSync().pixelRatio || 2;
  } catch {
    return 2;
  }
}

/**
 * The 2D context of the canvas matching `selector` in `component`, its backing store sized to the
 * element times the pixel ratio and the context scaled so callers draw in CSS pixels.
 * Rejects when the canvas is not on the page.
 */
export function canvas2d<Ctx>(component: WechatMiniprogram.Component.TrivialInstance, selector: string): Promise<Canvas2D<Ctx>> {
  return new Promise((resolve, reject) => {
    wx.createSelectorQuery()
      .in(component)
      .select(selector)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: CanvasNode; width?: number; height?: number } | null>) => {
        const found = res?.[0];
        if (!found?.node) {
          reject(new Error(`no canvas matches ${selector}`));
          return;
        }
        const width = found.width ?? 0;
        const height = found.height ?? 0;
        const dpr = pixelRatio();
        found.node.width = Math.round(width * dpr);
        found.node.height = Math.round(height * dpr);
        const ctx = found.node.getContext('2d') as Ctx & { scale?: (x: number, y: number) => void };
        ctx.scale?.(dpr, dpr);
        resolve({ canvas: found.node, ctx, width, height });
      });
  });
}

/** Loads `src` as an image of `canvas`; rejects when it cannot be loaded. */
export function loadImage(canvas: CanvasNode, src: string): Promise<CanvasImage> {
  return new Promise((resolve, reject) => {
    const image = canvas.createImage();
    image.onload = () => resolve(image);
    image.onerror = (err) => reject(err instanceof Error ? err : new Error(`image failed: ${src}`));
    image.src = src;
  });
}

/** The canvas as a temporary PNG file. */
export function canvasToFile(canvas: CanvasNode): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.canvasToTempFilePath({
      canvas: canvas as unknown as WechatMiniprogram.Canvas,
      fileType: 'png',
      success: (res) => resolve(res.tempFilePath),
      fail: (err) => reject(new Error(err.errMsg)),
    } as WechatMiniprogram.CanvasToTempFilePathOption);
  });
}
