import { LEADING_ROLES, type Person } from '@kintsugi/core';
import type { SelectOption } from '../../components/field';

export const NO_LEADER = '';

/** Only those whose role may lead (core's rule, the one the server checks) are offered. */
export function leaderOptions(people: Person[]): SelectOption[] {
  const candidates = people
    .filter((p) => LEADING_ROLES.includes(p.role))
    .sort((a, b) => a.name.localeCompare(b.name));
  return [
    { value: NO_LEADER, label: 'No leader yet' },
    ...candidates.map((p) => ({ value: p.id, label: p.name })),
  ];
}
