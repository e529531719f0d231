import type { Person, PersonList } from '@kintsugi/core';
import { api } from '../api/client';
import { type ApiResource, useLoaded } from './use-api-resource';

/**
 * Everyone in the organisation, read page by page (GET /people pages), for the team forms that choose members
 * and leaders among them. Pass false to skip loading (for a role that may not see people).
 */
export function useAllPeople(enabled: boolean): ApiResource<{ people: Person[] }> {
  return useLoaded(enabled ? '/api/v1/people' : null, readEveryone);
}

async function readEveryone(signal: AbortSignal): Promise<{ people: Person[] }> {
  const people: Person[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ limit: '200' });
    if (cursor) params.set('cursor', cursor);
    const page: PersonList = await api.get<PersonList>(`/api/v1/people?${params}`, signal);
    people.push(...page.people);
    cursor = page.nextCursor;
  } while (cursor);
  return { people };
}
