import type { Problem } from '@kintsugi/core';

export interface ImportRowProblem {
  line: number;
  messages: string[];
}

/** An API failure, already turned into words a person can act on. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Field path (e.g. "email") → message, from the problem's `errors`. */
  readonly fieldErrors: Record<string, string>;
  /** Per-row report of a rejected CSV import. */
  readonly rows: ImportRowProblem[];

  constructor(
    status: number,
    code: string,
    detail: string,
    fieldErrors: Record<string, string> = {},
    rows: ImportRowProblem[] = [],
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.rows = rows;
  }
}

type ProblemBody = Partial<Problem> & { rows?: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function readRows(value: unknown): ImportRowProblem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((row) => ({
    line: typeof row.line === 'number' ? row.line : 0,
    messages: Array.isArray(row.messages)
      ? row.messages.filter((m): m is string => typeof m === 'string')
      : [],
  }));
}

/** Builds an ApiError from a problem+json body (or anything else the server might send). */
export function problemToError(status: number, body: unknown): ApiError {
  const problem: ProblemBody = isRecord(body) ? (body as ProblemBody) : {};
  const fieldErrors: Record<string, string> = {};
  for (const item of problem.errors ?? []) {
    // Keep the first message per field: one clear instruction beats a list.
    const key = item.path || 'form';
    fieldErrors[key] ??= item.message;
  }
  const detail =
    problem.detail ||
    problem.title ||
    `The server could not handle the request (status ${status}). Please try again.`;
  return new ApiError(status, problem.code ?? 'unknown', detail, fieldErrors, readRows(problem.rows));
}

export function networkError(): ApiError {
  return new ApiError(
    0,
    'network',
    'Could not reach the Kintsugi server. Check your connection and try again.',
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Please try again.';
}
