/**
 * Every error code a function may return, with the default message shown to users.
 * The one list: the server imports it, the mini program imports its type only.
 */
export const ERROR_CODES = {
  // kernel
  INVALID_INPUT: 'The request is not valid',
  UNKNOWN_ACTION: 'Unknown action',
  UNKNOWN_FUNCTION: 'Unknown function',
  UNAUTHENTICATED: 'Sign-in required',
  NOT_STAFF: 'Staff only',
  FORBIDDEN: 'Your role may not do this',
  NOT_FOUND: 'Not found',
  IDEMPOTENCY_CONFLICT: 'This request id was already used with a different body',
  REQUEST_IN_PROGRESS: 'The same request is still being processed',
  INTERNAL: 'Something went wrong, please try again',
  // catalog
  PRODUCT_NOT_FOUND: 'Product not found',
  CATEGORY_NOT_FOUND: 'Category not found',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** dotted path of the offending input field, for INVALID_INPUT */
  field?: string;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };
