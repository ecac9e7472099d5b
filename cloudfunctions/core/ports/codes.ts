/**
 * The Codes port: the QR image for a share code's poster, made once and kept. Cloud: an unlimited
 * wxacode (wxacode.getUnlimited, scene ≤ 32 chars) uploaded to cloud storage, its file id kept on
 * the share code and served by a temporary URL; local: a real QR image served by the local runtime.
 */
export interface CodesPort {
  /** makes and stores the image for `scene` opening `page`: the stored file's id */
  makeQrImage(scene: string, page: string): Promise<string>;
  /** a URL the mini program can draw, for a stored image */
  imageUrl(fileId: string): Promise<string>;
}
