import type tcb from '@cloudbase/node-sdk';
import { checkBytes, EXPORT_NAME, type FileCheck, type StoragePort, type UploadPurpose } from '../../ports/storage';

type CloudApp = ReturnType<typeof tcb.init>;

/** Cloud storage: a client's upload is read back (downloadFile) and checked before its id is kept. */
export class CloudStorage implements StoragePort {
  constructor(private readonly app: CloudApp) {}

  async check(fileId: string, purpose: UploadPurpose): Promise<FileCheck> {
    // cloud://<env>.<bucket>/uploads/<purpose>/<name>
    if (!/^cloud:\/\/[^/]+\/uploads\/[a-z]+\/[A-Za-z0-9_.-]+$/.test(fileId) || !fileId.includes(`/uploads/${purpose}/`)) return { ok: false, reason: 'not_found' };
    let content: Buffer;
    try {
      content = (await this.app.downloadFile({ fileID: fileId })).fileContent as Buffer;
    } catch {
      return { ok: false, reason: 'not_found' };
    }
    return checkBytes(content, purpose);
  }

  async url(fileId: string): Promise<string> {
    const urls = await this.app.getTempFileURL({ fileList: [fileId] });
    const url = urls.fileList[0]?.tempFileURL;
    if (!url) throw new Error(`no temporary URL for ${fileId}`);
    return url;
  }

  showable(fileId: string): string {
    return fileId;
  }

  /** every image shown in the cloud is a file in cloud storage */
  servesItself(): boolean {
    return false;
  }

  async saveExport(name: string, bytes: Uint8Array): Promise<string> {
    if (!EXPORT_NAME.test(name)) throw new Error(`not an export name: ${name}`);
    const uploaded = await this.app.uploadFile({ cloudPath: `exports/${name}`, fileContent: Buffer.from(bytes) });
    return uploaded.fileID;
  }

  async removeExport(fileId: string): Promise<void> {
    await this.app.deleteFile({ fileList: [fileId] });
  }
}
