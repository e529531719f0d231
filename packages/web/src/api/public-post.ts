import { networkError, problemToError } from './api-error';

/**
 * POSTs to a public, anonymous endpoint (the ballot, the team space, witnessing). Sent without cookies
 * (credentials: 'omit') and without a referrer, so even a person who is also signed in to Kintsugi in this
 * browser sends nothing that could identify them; secrets travel only in the request body.
 */
export async function postPublic<T>(path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw networkError();
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  if (!response.ok) throw problemToError(response.status, data);
  return data as T;
}
