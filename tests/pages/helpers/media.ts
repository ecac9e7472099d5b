import { mp } from './wx';

/** A 1×1 PNG, as chooseMedia hands it over in a temporary file. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/**
 * wx.chooseMedia as WeChat answers it: the next answer queued with mp.answer('chooseMedia', …)
 * ({ tempFiles } or { fail }), or the sheet closed when none is queued.
 */
export function chooseMedia(opts: { count: number; success?: (res: unknown) => void; fail?: (err: { errMsg: string }) => void }) {
  const { success, fail, ...args } = opts;
  mp.record('chooseMedia', args);
  const answer = mp.answers.get('chooseMedia')?.shift() ?? { fail: 'chooseMedia:fail cancel' };
  setTimeout(() => {
    if ('fail' in answer) fail?.({ errMsg: String(answer.fail) });
    else success?.({ errMsg: 'chooseMedia:ok', type: 'image', ...answer });
  }, 0);
}

/** Installs chooseMedia on the test's `wx` (call after each fresh runtime). */
export function useChooseMedia() {
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.chooseMedia = chooseMedia;
}

/** The shopper picks these temporary files (each a PNG unless given bytes). */
export function pick(paths: string[], bytes: Record<string, Buffer> = {}) {
  for (const p of paths) mp.tempFiles.set(p, bytes[p] ?? PNG);
  mp.answer('chooseMedia', { tempFiles: paths.map((tempFilePath) => ({ tempFilePath, size: PNG.length, fileType: 'image' })) });
}
