import { ERROR_CODES, ERROR_TEXTS, type ApiError, type ErrorCode } from '../../../typings/contract/errors';

/**
 * An expected business failure with a stable code. Handlers throw it (so a transaction rolls back);
 * the kernel turns it into `{ ok: false, error }`. Anything else thrown is a bug and reaches the
 * client only as INTERNAL.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly field?: string,
  ) {
    super(message ?? ERROR_CODES[code]);
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return this.field ? { code: this.code, message: this.message, field: this.field } : { code: this.code, message: this.message };
  }
}

export const fail = (code: ErrorCode, message?: string, field?: string): never => {
  throw new AppError(code, message, field);
};

export { ERROR_CODES, ERROR_TEXTS };
export type { ApiError, ErrorCode };
