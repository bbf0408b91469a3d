export const errorCodes = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION', 'CONFLICT', 'RATE_LIMITED', 'INTERNAL'] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Field errors carry i18n keys (e.g. `validation.emailInvalid`) so client and server show the same text. */
export type FieldErrors = Record<string, string[]>;

export type ActionError = {
  code: ErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
  requestId?: string;
  retryAfterSeconds?: number;
};

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** An expected failure: becomes `{ ok: false, error }` in actions and a JSON body in route handlers. */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message?: string,
    public readonly extra: { fieldErrors?: FieldErrors; retryAfterSeconds?: number; messageKey?: string; params?: Record<string, string | number> } = {},
  ) {
    super(message ?? code);
    this.name = 'AppError';
  }
}

export const httpStatus: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export const forbidden = (message?: string) => new AppError('FORBIDDEN', message);
export const notFoundError = (message?: string) => new AppError('NOT_FOUND', message);
export const conflict = (message?: string, messageKey?: string) => new AppError('CONFLICT', message, { messageKey });
export const validationError = (fieldErrors: FieldErrors, message?: string) => new AppError('VALIDATION', message, { fieldErrors });
