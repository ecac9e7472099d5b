/**
 * The Codes port: the QR image for a share code's poster. Cloud: an unlimited wxacode
 * (wxacode.getUnlimited, scene ≤ 32 chars) stored in cloud storage; local: a real QR image
 * served by the local runtime.
 */
export interface CodesPort {
  /** a URL the mini program can draw: for `scene` opening `page` */
  qrImageUrl(scene: string, page: string): Promise<string>;
}
