import { ROLE_LABELS, ROLES } from '@kintsugi/core';
import type { SelectOption } from './field';

export const ROLE_OPTIONS: SelectOption[] = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export const ROLE_HINT =
  'Admins manage people and teams. Leaders lead teams. Facilitators see progress across teams.';
