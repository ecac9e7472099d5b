import type tcb from '@cloudbase/node-sdk';
import type { CodesPort } from '../../ports/codes';

type CloudApp = ReturnType<typeof tcb.init>;

/**
 * Codes in the cloud: wxacode.getUnlimited through cloud call, uploaded to cloud storage
 * (codes/<page>/<scene>.png) once per share code, and served by a temporary URL.
 */
export class CloudCodes implements CodesPort {
  constructor(private readonly app: CloudApp) {}

  async makeQrImage(scene: string, page: string): Promise<string> {
    const cloudPath = `codes/${page.replace(/[^A-Za-z0-9]/g, '_')}/${scene.replace(/[^A-Za-z0-9]/g, '_')}.png`;
    const res = (await this.app.callWxOpenApi({
      apiName: '/wxa/getwxacodeunlimit',
      requestData: { scene, page, check_path: false, width: 430 },
    })) as { result?: unknown };
    const body = res.result;
    const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body as string, 'base64');
    if (buffer.length < 100 || buffer.subarray(1, 4).toString() !== 'PNG') throw new Error(`wxacode failed: ${buffer.toString('utf8').slice(0, 200)}`);
    const uploaded = await this.app.uploadFile({ cloudPath, fileContent: buffer });
    return uploaded.fileID;
  }

  async imageUrl(fileId: string): Promise<string> {
    const urls = await this.app.getTempFileURL({ fileList: [fileId] });
    const url = urls.fileList[0]?.tempFileURL;
    if (!url) throw new Error(`no temporary URL for ${fileId}`);
    return url;
  }
}
