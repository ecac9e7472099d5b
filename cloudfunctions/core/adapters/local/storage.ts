import fs from 'node:fs';
import path from 'node:path';
import type { Random } from '../../ports';
import { checkBytes, EXPORT_NAME, UPLOAD_RULES, type FileCheck, type StoragePort, type UploadPurpose } from '../../ports/storage';

const PURPOSES = Object.keys(UPLOAD_RULES) as UploadPurpose[];
const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** The demo-shop images the local runtime draws (GET /assets/…); `?view=N` is another view of the same picture. */
export const DEMO_IMAGE = /^\/assets\/(p|icons|banner)\/([A-Za-z0-9_-]+)\.svg(?:\?view=\d)?$/;

/**
 * Local storage: files under <data dir>/files/uploads/<purpose>/, ids `local://uploads/<purpose>/<name>`,
 * served by the local runtime at /files/uploads/<purpose>/<name>. `save` is what the runtime's
 * POST /files does with an upload: the same checks the server makes again when a file id is used.
 * Exports live under <data dir>/files/exports/<name> (`local://exports/<name>`), served at
 * /files/exports/<name> as a download.
 */
export class LocalStorage implements StoragePort {
  constructor(
    private readonly dir: string,
    private readonly random: Random,
    private readonly baseUrl = 'http://127.0.0.1:8787',
  ) {}

  /** Where a file id lives on disk, or null for an id that is not one of ours. */
  pathOf(fileId: string): string | null {
    const exported = /^local:\/\/exports\/(.+)$/.exec(fileId);
    if (exported) return EXPORT_NAME.test(exported[1]!) ? path.join(this.dir, 'exports', exported[1]!) : null;
    const m = /^local:\/\/uploads\/([a-z]+)\/([A-Za-z0-9_-]+\.(?:png|jpg|webp))$/.exec(fileId);
    if (!m || !PURPOSES.includes(m[1] as UploadPurpose)) return null;
    return path.join(this.dir, 'uploads', m[1]!, m[2]!);
  }

  save(purpose: UploadPurpose, bytes: Uint8Array): { ok: true; fileId: string } | Extract<FileCheck, { ok: false }> {
    const checked = checkBytes(bytes, purpose);
    if (!checked.ok) return checked;
    const name = `${Buffer.from(this.random.bytes(12)).toString('hex')}.${EXT[checked.contentType]}`;
    const folder = path.join(this.dir, 'uploads', purpose);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, name), bytes);
    return { ok: true, fileId: `local://uploads/${purpose}/${name}` };
  }

  async check(fileId: string, purpose: UploadPurpose): Promise<FileCheck> {
    const file = this.pathOf(fileId);
    if (!file || !fileId.startsWith(`local://uploads/${purpose}/`) || !fs.existsSync(file)) return { ok: false, reason: 'not_found' };
    return checkBytes(fs.readFileSync(file), purpose);
  }

  async url(fileId: string): Promise<string> {
    return `${this.baseUrl}/files/${fileId.slice('local://'.length)}`;
  }

  async saveExport(name: string, bytes: Uint8Array): Promise<string> {
    if (!EXPORT_NAME.test(name)) throw new Error(`not an export name: ${name}`);
    const folder = path.join(this.dir, 'exports');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, name), bytes);
    return `local://exports/${name}`;
  }

  async removeExport(fileId: string): Promise<void> {
    const file = this.pathOf(fileId);
    if (file && fileId.startsWith('local://exports/')) fs.rmSync(file, { force: true });
  }

  /** the runtime's own path: the mini program puts its local base URL in front, whatever port it runs on */
  showable(fileId: string): string {
    return `/files/${fileId.slice('local://'.length)}`;
  }

  servesItself(image: string): boolean {
    return DEMO_IMAGE.test(image);
  }
}
