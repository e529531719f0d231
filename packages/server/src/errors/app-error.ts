/** Every error a use case can raise on purpose, with the HTTP status it maps to. */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_input: 400,
  invalid_config: 500,
  wrong_password: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  already_set_up: 409,
  email_taken: 409,
  team_name_taken: 409,
  last_admin: 409,
  already_answered: 409,
  round_closed: 409,
  cannot_remove_self: 409,
  /** Deleting it would delete a repair's or a pulse's history with it. */
  has_history: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  import_invalid: 422,
  rate_limited: 429,
} as const;

export type AppErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  /** Extra members for the problem document, such as per-row import errors. */
  readonly extra: Record<string, unknown>;

  constructor(code: AppErrorCode, detail: string, extra: Record<string, unknown> = {}) {
    super(detail);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.extra = extra;
  }
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `No ${what} with that id exists in your organisation.`);
}

export function forbidden(detail = 'Your role does not allow this.'): AppError {
  return new AppError('forbidden', detail);
}
