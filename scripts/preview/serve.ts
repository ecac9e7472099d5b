/**
 * The preview's files for the local runtime's server: GET / is the preview page, /preview/* the
 * built bundle (dist/preview, built by scripts/preview/build.ts at `npm start`).
 */
import fs from 'node:fs';
import path from 'node:path';

/** Where scripts/preview/build.ts writes the preview. */
export const PREVIEW_DIR = path.resolve(__dirname, '../../dist/preview');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface PreviewFile {
  status: number;
  body: string | Buffer;
  type: string;
}

/** The preview file for a GET path, or null when the path is not the preview's. */
export function previewFile(pathname: string, dir = PREVIEW_DIR): PreviewFile | null {
  let rel: string;
  if (pathname === '/' || pathname === '/index.html') rel = 'index.html';
  else if (pathname.startsWith('/preview/')) rel = pathname.slice('/preview/'.length);
  else return null;
  if (!/^[A-Za-z0-9._-]+$/.test(rel)) return { status: 404, body: 'not found', type: 'text/plain; charset=utf-8' };
  const file = path.join(dir, rel);
  if (!fs.existsSync(file)) {
    const hint = rel === 'index.html' ? 'The preview is not built: `npm start` builds it, or run `npx tsx scripts/preview/build.ts`.' : 'not found';
    return { status: 404, body: hint, type: 'text/plain; charset=utf-8' };
  }
  return { status: 200, body: fs.readFileSync(file), type: TYPES[path.extname(file)] ?? 'application/octet-stream' };
}
