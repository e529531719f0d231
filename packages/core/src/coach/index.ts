export { analyze, createCoachSession } from './analyze.js';
export { checkCommitment } from './commitment.js';
export type { CategoryText, CoachRule, LanguageRules } from './language.js';
export { ENGLISH } from './rules/en/index.js';
export { APOLOGY_WEIGHTS } from './summary.js';
export * from './types.js';

import { EN_CATEGORIES } from './rules/en/copy.js';
import type { CoachCategory } from './types.js';

/** The category's name as the interface shows it ("Deflecting"). Reads only the copy, not the rules or the
 * model, so that the web app can show labels without loading the coach. */
export function coachCategoryLabel(category: CoachCategory): string {
  return EN_CATEGORIES[category].label;
}
