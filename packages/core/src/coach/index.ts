export { analyze, createCoachSession } from './analyze.js';
export { checkCommitment } from './commitment.js';
export type { CategoryText, CoachRule, LanguageRules } from './language.js';
export { ENGLISH } from './rules/en/index.js';
export { APOLOGY_WEIGHTS } from './summary.js';
export * from './types.js';

import { ENGLISH } from './rules/en/index.js';
import type { CoachCategory } from './types.js';

/** The category's name as the interface shows it ("Deflecting"). */
export function coachCategoryLabel(category: CoachCategory): string {
  return ENGLISH.categories[category].label;
}
