import { SHOP_TITLE } from '../../utils/share';
import type { LiveDetail, Product } from '../../../typings/contract/index';
import { formatYuan } from '../../utils/money';
import { formatStart } from '../../utils/time';

/** What a share poster shows: the cover, the title, the price line and the QR that opens the code. */
export interface PosterContent {
  cover: string;
  title: string;
  priceText: string;
  subtitle: string;
}


export function productPoster(p: Pick<Product, 'title' | 'image' | 'images' | 'priceFen' | 'live'>, cover: string): PosterContent {
  const live = p.live ? `直播价 ${formatYuan(p.live.livePriceFen)}` : formatYuan(p.priceFen);
  return { cover, title: p.title, priceText: live, subtitle: p.live ? '直播间专享价，限时' : '' };
}

export function livePoster(l: Pick<LiveDetail, 'title' | 'startAt' | 'state' | 'cards'>, cover: string, now: number): PosterContent {
  const lowest = l.cards.reduce<number | null>((min, c) => (min === null || c.livePriceFen < min ? c.livePriceFen : min), null);
  const subtitle = l.state === 'scheduled' ? `${formatStart(l.startAt, now)} 开播` : l.state === 'live' ? '正在直播' : '直播回放';
  return { cover, title: l.title, priceText: lowest === null ? '' : `直播价 ${formatYuan(lowest)} 起`, subtitle };
}

export const shopPoster = (): PosterContent => ({ cover: '', title: SHOP_TITLE, priceText: '', subtitle: '好物直播，预约有礼' });

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PosterLayout {
  width: number;
  height: number;
  padding: number;
  cover: Box;
  title: { x: number; y: number; maxWidth: number; lineHeight: number; maxLines: number; font: string };
  price: { x: number; y: number; font: string };
  subtitle: { x: number; y: number; font: string };
  qr: Box;
  hint: { x: number; y: number; font: string };
}

/** Where everything goes on a poster `width` × `height` CSS pixels (cover 4:3 on top, the QR bottom right). */
export function posterLayout(width: number, height: number): PosterLayout {
  const padding = Math.round(width * 0.06);
  const coverHeight = Math.round(width * 0.75);
  const qrSize = Math.round(width * 0.3);
  const titleSize = Math.round(width * 0.058);
  const bodyTop = coverHeight + padding;
  return {
    width,
    height,
    padding,
    cover: { x: 0, y: 0, width, height: coverHeight },
    title: { x: padding, y: bodyTop, maxWidth: width - padding * 2, lineHeight: Math.round(titleSize * 1.4), maxLines: 2, font: `bold ${titleSize}px sans-serif` },
    price: { x: padding, y: bodyTop + Math.round(titleSize * 1.4) * 2 + Math.round(padding / 2), font: `bold ${Math.round(width * 0.07)}px sans-serif` },
    subtitle: { x: padding, y: height - padding - Math.round(qrSize / 2), font: `${Math.round(width * 0.042)}px sans-serif` },
    qr: { x: width - padding - qrSize, y: height - padding - qrSize, width: qrSize, height: qrSize },
    hint: { x: padding, y: height - padding - Math.round(width * 0.05), font: `${Math.round(width * 0.038)}px sans-serif` },
  };
}

/**
 * Breaks `text` into at most `maxLines` lines no wider than `maxWidth` as `measure` reports,
 * character by character (Chinese has no spaces); an overflowing last line ends in "…".
 */
export function wrapText(text: string, maxWidth: number, maxLines: number, measure: (s: string) => number): string[] {
  const chars = Array.from(text);
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < chars.length; i++) {
    const next = line + chars[i];
    if (line && measure(next) > maxWidth) {
      if (lines.length === maxLines - 1) {
        let cut = line;
        while (cut && measure(`${cut}…`) > maxWidth) cut = Array.from(cut).slice(0, -1).join('');
        lines.push(`${cut}…`);
        return lines;
      }
      lines.push(line);
      line = chars[i];
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The 2D calls the poster makes. */
export interface PosterCtx {
  fillStyle: unknown;
  font: string;
  textBaseline: string;
  textAlign: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  drawImage(image: unknown, x: number, y: number, w: number, h: number): void;
  drawImage(image: unknown, sx: number, sy: number, sw: number, sh: number, x: number, y: number, w: number, h: number): void;
  measureText(text: string): { width: number };
}

/**
 * The part of an image that fills a box without stretching (aspect fill, like `mode="aspectFill"`):
 * the centred crop of the image with the box's proportions.
 */
export function coverCrop(imageWidth: number, imageHeight: number, box: Pick<Box, 'width' | 'height'>): Box {
  if (imageWidth <= 0 || imageHeight <= 0) return { x: 0, y: 0, width: imageWidth, height: imageHeight };
  const scale = Math.max(box.width / imageWidth, box.height / imageHeight);
  const width = box.width / scale;
  const height = box.height / scale;
  return { x: (imageWidth - width) / 2, y: (imageHeight - height) / 2, width, height };
}

/** An image's own size, when the canvas image says it (0 when it does not). */
const imageSize = (image: unknown): { width: number; height: number } => {
  const i = image as { width?: unknown; height?: unknown };
  return { width: typeof i.width === 'number' ? i.width : 0, height: typeof i.height === 'number' ? i.height : 0 };
};

/** Paints the poster: white card, cover (or a tint when it did not load), title, price, subtitle, QR, hint. */
export function drawPoster(ctx: PosterCtx, layout: PosterLayout, content: PosterContent, images: { cover: unknown | null; qr: unknown }): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, layout.width, layout.height);
  const c = layout.cover;
  if (images.cover) {
    const { width, height } = imageSize(images.cover);
    if (width > 0 && height > 0) {
      const crop = coverCrop(width, height, c);
      ctx.drawImage(images.cover, crop.x, crop.y, crop.width, crop.height, c.x, c.y, c.width, c.height);
    } else ctx.drawImage(images.cover, c.x, c.y, c.width, c.height);
  } else {
    ctx.fillStyle = '#fde8ef';
    ctx.fillRect(c.x, c.y, c.width, c.height);
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillStyle = '#1f1f1f';
  ctx.font = layout.title.font;
  const lines = wrapText(content.title, layout.title.maxWidth, layout.title.maxLines, (s) => ctx.measureText(s).width);
  lines.forEach((line, i) => ctx.fillText(line, layout.title.x, layout.title.y + i * layout.title.lineHeight));
  if (content.priceText) {
    ctx.fillStyle = '#e8356d';
    ctx.font = layout.price.font;
    ctx.fillText(content.priceText, layout.price.x, layout.price.y);
  }
  if (content.subtitle) {
    ctx.fillStyle = '#5c5c5c';
    ctx.font = layout.subtitle.font;
    ctx.fillText(content.subtitle, layout.subtitle.x, layout.subtitle.y);
  }
  const q = layout.qr;
  ctx.drawImage(images.qr, q.x, q.y, q.width, q.height);
  ctx.fillStyle = '#9b9b9b';
  ctx.font = layout.hint.font;
  ctx.fillText('长按识别小程序码', layout.hint.x, layout.hint.y);
}

/** Whether a save failed because the album permission was refused (then only the settings page can grant it). */
export const isAuthDenied = (errMsg: string): boolean => /auth den(y|ied)|authorize:fail|auth:fail|no permission/i.test(errMsg);

/** Whether the user closed the dialog themselves (nothing to report). */
export const isCancel = (errMsg: string): boolean => /cancel/i.test(errMsg);
