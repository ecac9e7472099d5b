import QRCode from 'qrcode';
import type { CodesPort } from '../../ports/codes';

/**
 * Local codes: a real QR image (the qrcode package) of the mini program link, served by the local
 * runtime at /codes/qr.png. A wxacode can only be made by WeChat; this one scans to the same
 * page and scene as text.
 */
export const localCodes: CodesPort = {
  // the local "file id" is the query the local runtime renders the image from
  async makeQrImage(scene, page) {
    return `local-qr:${new URLSearchParams({ scene, page }).toString()}`;
  },
  async imageUrl(fileId) {
    return `/codes/qr.png?${fileId.replace(/^local-qr:/, '')}`;
  },
};

/** The PNG behind a local code URL. */
export function renderLocalQr(scene: string, page: string): Promise<Buffer> {
  return QRCode.toBuffer(`https://mp.weixin.qq.com/a/${encodeURIComponent(page)}?scene=${encodeURIComponent(scene)}`, {
    type: 'png',
    width: 320,
    margin: 1,
    errorCorrectionLevel: 'M',
  });
}
