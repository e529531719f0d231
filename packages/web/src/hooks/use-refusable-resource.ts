import { useCallback, useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-error';
import { api } from '../api/client';

export type RefusableLoad<T> =
  | { state: 'loading' }
  /** The API answered one of the refused statuses: the caller may not see this, and the page says so its own way. */
  | { state: 'refused' }
  | { state: 'error'; message: string }
  | { state: 'ready'; data: T };

export interface RefusableResource<T> {
  load: RefusableLoad<T>;
  retry: () => void;
  /** Shows what a mutation returned, without another round trip. */
  setData: (data: T) => void;
}

/**
 * Loads a GET endpoint where some refusals (such as 403) are an answer, not a failure. What is shown stays while
 * a new path or a retry loads. Pass `refused` as a constant: it is a dependency of the request.
 */
export function useRefusableResource<T>(path: string, refused: readonly number[]): RefusableResource<T> {
  const [load, setLoad] = useState<RefusableLoad<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    void attempt;
    api
      .get<T>(path, controller.signal)
      .then((data) => setLoad({ state: 'ready', data }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && refused.includes(error.status)) return setLoad({ state: 'refused' });
        setLoad({ state: 'error', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [path, attempt, refused]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback((data: T) => setLoad({ state: 'ready', data }), []);
  return { load, retry, setData };
}
