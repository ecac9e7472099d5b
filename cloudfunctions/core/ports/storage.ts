/**
 * The Storage port: files shoppers and staff upload (avatars now; product images and after-sale
 * photos use the same rules). The mini program uploads the file itself (cloud: wx.cloud.uploadFile to
 * cloud storage under uploads/<purpose>/; local: wx.uploadFile to the local runtime's /files); the
 * server takes a file id only after `check` has read the file and found an allowed image within its
 * purpose's size. Cloud: CloudBase cloud storage; local: files under the data directory.
 */
export type UploadPurpose = 'avatar' | 'product' | 'aftersale' | 'review';

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

/** What each purpose takes. */
export const UPLOAD_RULES: Record<UploadPurpose, { maxBytes: number; types: readonly ImageType[] }> = {
  avatar: { maxBytes: 2 * 1024 * 1024, types: ['image/png', 'image/jpeg', 'image/webp'] },
  product: { maxBytes: 5 * 1024 * 1024, types: ['image/png', 'image/jpeg', 'image/webp'] },
  aftersale: { maxBytes: 5 * 1024 * 1024, types: ['image/png', 'image/jpeg', 'image/webp'] },
  review: { maxBytes: 5 * 1024 * 1024, types: ['image/png', 'image/jpeg', 'image/webp'] },
};

/** The image type the bytes start with (PNG, JPEG, WebP signatures), or null: a name or a header says nothing. */
export function imageTypeOf(bytes: Uint8Array): ImageType | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16));
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

export type FileCheck = { ok: true; contentType: ImageType; size: number } | { ok: false; reason: 'not_found' | 'too_large' | 'bad_type' };

/** Whether bytes are a file `purpose` takes. */
export function checkBytes(bytes: Uint8Array, purpose: UploadPurpose): FileCheck {
  const rule = UPLOAD_RULES[purpose];
  if (bytes.byteLength > rule.maxBytes) return { ok: false, reason: 'too_large' };
  const type = imageTypeOf(bytes);
  if (!type || !rule.types.includes(type)) return { ok: false, reason: 'bad_type' };
  return { ok: true, contentType: type, size: bytes.byteLength };
}

export interface StoragePort {
  /** reads an uploaded file and checks it against its purpose's rules; a file outside uploads/<purpose>/ is not found */
  check(fileId: string, purpose: UploadPurpose): Promise<FileCheck>;
  /** a URL the mini program can show */
  url(fileId: string): Promise<string>;
  /**
   * What an <image> shows for a file everyone may see (product images, banners), kept as it is:
   * in the cloud the file id itself (the mini program's <image> reads cloud:// ids), locally its path
   * on the local runtime (/files/…), which the mini program prefixes with the runtime's address.
   */
  showable(fileId: string): string;
  /**
   * Whether `image` is a picture this runtime draws and serves by itself, kept as it is with no
   * upload behind it: the local runtime's demo-shop images (`/assets/p|icons|banner/<name>.svg`);
   * the cloud has none.
   */
  servesItself(image: string): boolean;
  /**
   * Keeps a file the server made for staff (a CSV export) as exports/<name>; returns its file id.
   * Such files are private: a staff screen reaches one only through `url` (in the cloud a
   * temporary URL), never through `showable`.
   */
  saveExport(name: string, bytes: Uint8Array): Promise<string>;
  /** Removes a kept export; one already gone is fine. */
  removeExport(fileId: string): Promise<void>;
}

/** An export's file name: letters, digits, `_`, `-` and `.csv`. */
export const EXPORT_NAME = /^[A-Za-z0-9_-]{1,80}\.csv$/;
