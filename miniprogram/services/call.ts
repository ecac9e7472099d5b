import type { ActionName, ApiResult, ErrorCode, FunctionName, InputFor, OutputFor } from '../../typings/contract/index';
import { config } from '../config';
import { getDevOpenid } from './identity';

/** Failures the client adds to the contract's codes: the call never reached the function, or its answer was unreadable. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE';
export type FailureCode = ErrorCode | ClientErrorCode;

/** A call that did not return data: an expected business failure or a transport problem. */
export class ApiFailure extends Error {
  readonly code: FailureCode;
  readonly field?: string;
  constructor(code: FailureCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiFailure';
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}

export const isApiFailure = (e: unknown): e is ApiFailure => e instanceof ApiFailure;

/** The failure's code, or 'NETWORK' for anything that is not an ApiFailure. */
export const failureCode = (e: unknown): FailureCode => (isApiFailure(e) ? e.code : 'NETWORK');

export interface CallOptions {
  /** for write actions the client may retry: the same id returns the first result */
  requestId?: string;
}

const REQUEST_TIMEOUT_MS = 15000;

let sequence = 0;
/** A fresh request id (matches the kernel's `[A-Za-z0-9_.:-]{1,64}`). */
export function newRequestId(): string {
  sequence = (sequence + 1) % 1_000_000;
  const random = Math.floor(Math.random() * 0x7fffffff).toString(36);
  return `r-${Date.now().toString(36)}-${sequence.toString(36)}-${random}`;
}

/** Resolves an image path from the backend: relative paths are served by the local runtime. */
export function assetUrl(path: string | null | undefined): string {
  if (!path) return '';
  if (config.mode === 'local' && path.startsWith('/') && !path.startsWith('//')) return `${config.localBaseUrl}${path}`;
  return path;
}

interface Envelope {
  action: string;
  data: unknown;
  requestId?: string;
}

function isResult(value: unknown): value is ApiResult<unknown> {
  if (!value || typeof value !== 'object') return false;
  const r = value as { ok?: unknown; error?: { code?: unknown } };
  return r.ok === true || (r.ok === false && typeof r.error?.code === 'string');
}

function unwrap<T>(value: unknown): T {
  if (!isResult(value)) throw new ApiFailure('BAD_RESPONSE', 'The server answered in an unexpected form');
  if (value.ok) return value.data as T;
  const { code, message, field } = value.error;
  throw new ApiFailure(code, message, field);
}

function viaRequest(fn: string, body: Envelope): Promise<unknown> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${config.localBaseUrl}/api/${fn}`,
      method: 'POST',
      data: body,
      header: { 'content-type': 'application/json', 'X-WX-OPENID': getDevOpenid() },
      timeout: REQUEST_TIMEOUT_MS,
      success: (res) => {
        if (isResult(res.data)) resolve(res.data);
        else reject(new ApiFailure('BAD_RESPONSE', `HTTP ${res.statusCode}`));
      },
      fail: (err) => reject(new ApiFailure('NETWORK', err.errMsg || 'network failure')),
    });
  });
}

function viaCloud(fn: string, body: Envelope): Promise<unknown> {
  return new Promise((resolve, reject) => {
    wx.cloud.callFunction({
      name: fn,
      data: body,
      success: (res) => resolve(res.result),
      fail: (err) => reject(new ApiFailure('NETWORK', err.errMsg || 'network failure')),
    });
  });
}

/**
 * Calls `fn.action` with `data`; resolves with the action's output, rejects with an ApiFailure.
 * The only place the mini program reaches the backend.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  data: InputFor<F, A>,
  options: CallOptions = {},
): Promise<OutputFor<F, A>> {
  const body: Envelope = { action, data };
  if (options.requestId) body.requestId = options.requestId;
  const raw = config.mode === 'cloud' ? await viaCloud(fn, body) : await viaRequest(fn, body);
  return unwrap<OutputFor<F, A>>(raw);
}

/** What an upload is for: the server checks it against that purpose's rules when the file id is used. */
export type UploadPurpose = 'avatar' | 'product' | 'aftersale' | 'review';

const randomName = () => Array.from({ length: 3 }, () => Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, '0')).join('');

/**
 * Uploads a temporary file (chooseAvatar, chooseMedia) and resolves with its file id: to cloud
 * storage under uploads/<purpose>/ in cloud mode, to the local runtime's /files otherwise.
 */
export function uploadImage(filePath: string, purpose: UploadPurpose): Promise<string> {
  const ext = (/\.(png|jpe?g|webp)$/i.exec(filePath)?.[1] ?? 'jpg').toLowerCase().replace('jpeg', 'jpg');
  return new Promise((resolve, reject) => {
    if (config.mode === 'cloud') {
      wx.cloud.uploadFile({
        cloudPath: `uploads/${purpose}/${randomName()}.${ext}`,
        filePath,
        success: (res) => resolve(res.fileID),
        fail: (err) => reject(new ApiFailure('NETWORK', err.errMsg || 'upload failed')),
      });
      return;
    }
    wx.uploadFile({
      url: `${config.localBaseUrl}/files?purpose=${purpose}`,
      filePath,
      name: 'file',
      header: { 'X-WX-OPENID': getDevOpenid() },
      success: (res) => {
        let answer: unknown;
        try {
          answer = JSON.parse(res.data);
        } catch {
          return reject(new ApiFailure('BAD_RESPONSE', `HTTP ${res.statusCode}`));
        }
        const a = answer as { ok?: boolean; fileId?: string; error?: { code?: string; message?: string } };
        if (a.ok && a.fileId) resolve(a.fileId);
        else reject(new ApiFailure((a.error?.code as FailureCode) ?? 'BAD_RESPONSE', a.error?.message ?? `HTTP ${res.statusCode}`));
      },
      fail: (err) => reject(new ApiFailure('NETWORK', err.errMsg || 'upload failed')),
    });
  });
}
