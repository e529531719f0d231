import { ApiError, networkError, problemToError } from './api-error';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  /** A JSON-serialisable body, or a raw string sent with `contentType`. */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

// The CSRF token lives outside React so that every caller sends it without threading it through props.
let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a signed-in request gets 401: the session has expired or was signed out elsewhere. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    const raw = typeof options.body === 'string' && options.contentType;
    headers['content-type'] = options.contentType ?? 'application/json';
    body = raw ? (options.body as string) : JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
  const data = await readBody(response);
  if (!response.ok) {
    const error = problemToError(response.status, data);
    if (response.status === 401 && csrfToken && !path.startsWith('/api/v1/session')) onUnauthorized?.();
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, { signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = undefined>(path: string) => request<T>('DELETE', path),
  postCsv: <T>(path: string, csv: string) => request<T>('POST', path, { body: csv, contentType: 'text/csv' }),
};

export { ApiError };
