import type { Person, PersonList } from '@kintsugi/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { api } from '../api/client';

const PAGE = 50;

export interface PeoplePages {
  people: Person[] | null;
  /** More people after the ones shown. */
  hasMore: boolean;
  error: string | null;
  loading: boolean;
  loadMore: () => void;
  /** Back to the first page (after a change: the pages already read may have moved). */
  reload: () => void;
}

const pagePath = (search: string, cursor: string | null) => {
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (search) params.set('q', search);
  if (cursor) params.set('cursor', cursor);
  return `/api/v1/people?${params}`;
};

/** The People page's list, a page at a time ("Show more"), of everyone or of those matching `search`. */
export function usePeoplePages(search: string): PeoplePages {
  const [people, setPeople] = useState<Person[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  // The list a page belongs to: a page of an earlier search or before a reload is dropped, not appended.
  const generation = useRef(0);

  useEffect(() => {
    const controller = new AbortController();
    void version;
    generation.current++;
    setLoading(true);
    setError(null);
    api
      .get<PersonList>(pagePath(search, null), controller.signal)
      .then((page) => {
        setPeople(page.people);
        setCursor(page.nextCursor);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(errorMessage(err));
        setLoading(false);
      });
    return () => controller.abort();
  }, [search, version]);

  const loadMore = useCallback(() => {
    if (!cursor || loading) return;
    const mine = generation.current;
    setLoading(true);
    setError(null);
    api
      .get<PersonList>(pagePath(search, cursor))
      .then((page) => {
        if (mine !== generation.current) return;
        setPeople((shown) => [...(shown ?? []), ...page.people]);
        setCursor(page.nextCursor);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (mine !== generation.current) return;
        setError(errorMessage(err));
        setLoading(false);
      });
  }, [cursor, loading, search]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { people, hasMore: cursor !== null, error, loading, loadMore, reload };
}
