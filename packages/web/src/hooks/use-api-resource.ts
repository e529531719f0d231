import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { api } from '../api/client';

export interface ApiResource<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
  /** Replace the data with what a mutation returned, without another round trip. */
  setData: (data: T) => void;
}

/** Loads a GET endpoint; pass null to skip loading (e.g. for a role that may not see it). */
export function useApiResource<T>(path: string | null): ApiResource<T> {
  return useLoaded(path, (signal) => api.get<T>(path ?? '', signal));
}

/**
 * Loads what `load` reads, again whenever `key` changes or `reload` is called; null skips loading. `load` is
 * read at the time of loading, so it need not be stable: `key` says when the result would differ.
 */
export function useLoaded<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): ApiResource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(key !== null);
  const [version, setVersion] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    void version;
    setLoading(true);
    setError(null);
    loader
      .current(controller.signal)
      .then((result) => {
        setData(result);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(errorMessage(err));
        setLoading(false);
      });
    return () => controller.abort();
  }, [key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload, setData };
}
