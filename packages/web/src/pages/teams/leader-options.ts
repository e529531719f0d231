import type { Person } from '@kintsugi/core';
import type { SelectOption } from '../../components/field';

export const NO_LEADER = '';

/** Only leaders and admins can lead a team. */
export function leaderOptions(people: Person[]): SelectOption[] {
  const candidates = people
    .filter((p) => p.role === 'leader' || p.role === 'admin')
    .sort((a, b) => a.name.localeCompare(b.name));
  return [
    { value: NO_LEADER, label: 'No leader yet' },
    ...candidates.map((p) => ({ value: p.id, label: p.name })),
  ];
}
