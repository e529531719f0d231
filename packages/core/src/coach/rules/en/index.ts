import type { LanguageRules } from '../../language.js';
import { EN_COMMITMENT } from './commitment.js';
import { EN_ADVICE, EN_CATEGORIES } from './copy.js';
import { EN_DEFENSIVE_RULES } from './defensive.js';
import {
  EN_CONTRACTIONS,
  EN_LEXICON,
  EN_NEGATORS,
  EN_REPORTING_VERBS,
  EN_SELF_SUBJECTS,
  EN_STOPWORDS,
} from './lexicon.js';
import { EN_REPAIR_RULES } from './repair.js';
import { EN_SEMANTIC_CLASSES } from './semantic-classes.js';

/** The English rules. Another language is another object of this shape; the engine does not change. */
export const ENGLISH: LanguageRules = {
  id: 'en',
  contractions: EN_CONTRACTIONS,
  stopwords: EN_STOPWORDS,
  lexicon: EN_LEXICON,
  semanticClasses: EN_SEMANTIC_CLASSES,
  negators: EN_NEGATORS,
  negationWindow: 5,
  reportingVerbs: EN_REPORTING_VERBS,
  selfSubjects: EN_SELF_SUBJECTS,
  rules: [...EN_DEFENSIVE_RULES, ...EN_REPAIR_RULES],
  commitment: EN_COMMITMENT,
  apologyParts: {
    regret: [
      '@apologyPhrase',
      'i (feel|felt) (terrible|awful|bad|sick|ashamed)',
      'i am (ashamed|embarrassed)',
    ],
    explanation: [
      'because',
      'the reason',
      'the context',
      'background',
      'so that',
      'in order to',
      'i thought',
    ],
    repentance: [
      '(it|this|that) (will|will not) (not)? happen again',
      'i (have|had) learned',
      'i (have|had) learnt',
      'i should (not)? have',
      'never again',
      'i (will not|will never) (repeat|do that again|make that mistake)',
      'lesson',
      'i wish i (had|would have|could)',
      '(i would|i will) do (it|this|things) differently',
    ],
    repair: [
      'make (it|this|things) right',
      'make amends',
      '(fix|repair|rebuild|restore|earn back|regain|undo)',
    ],
    forgiveness: ['forgive', 'forgiveness', '(another|a second) chance', 'accept my apology', 'pardon me'],
  },
  explaining: [
    'because',
    'the reason',
    'since (we|i|the|it)',
    'so that',
    'in order to',
    '(we|i) (had|needed) to',
    'the (goal|idea|plan|thinking|context|background) (was|is)',
    'to give you (some)? context',
  ],
  categories: EN_CATEGORIES,
  advice: EN_ADVICE,
};
