import type { Person, PersonList } from '@kintsugi/core';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { api } from '../api/client';
import type { ApiResource } from './use-api-resource';

/**
 * Everyone in the organisation, read page by page (GET /people pages), for the team forms that choose members
 * and leaders among them. Pass false to skip loading (for a role that may not see people).
 */
export function useAllPeople(enabled: boolean): ApiResource<{ people: Person[] }> {
  const [data, setData] = useState<{ people: Person[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    void version;
    setLoading(true);
    setError(null);
    (async () => {
      const people: Person[] = [];
      let cursor: string | null = null;
      do {
        const params = new URLSearchParams({ limit: '200' });
        if (cursor) params.set('cursor', cursor);
        const page: PersonList = await api.get<PersonList>(`/api/v1/people?${params}`, controller.signal);
        people.push(...page.people);
        cursor = page.nextCursor;
      } while (cursor);
      return people;
    })()
      .then((people) => {
        setData({ people });
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(errorMessage(err));
        setLoading(false);
      });
    return () => controller.abort();
  }, [enabled, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload, setData };
}
