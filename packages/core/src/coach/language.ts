import type { BreachKind } from '../listening/questions.js';
import type { Lexicon } from './pattern.js';
import type { ContractionRules } from './tokenize.js';
import type { ApologyPart, CoachCategory, CoachContext, DefensiveCategory, RepairCategory } from './types.js';

/** One rule: patterns (see pattern.ts) that, when they match, produce a finding of one category. */
export interface CoachRule {
  category: CoachCategory;
  patterns: readonly string[];
  /** Drop the match when a negation comes just before it ("I am not saying it was a small thing"). */
  negatable?: boolean;
  /** Drop the match in what others said ("you said it was …"); default: for defensive categories. Quoted
   * words never match. */
  reportable?: boolean;
  /** The finding's extent: the words matched (default), or the whole sentence. */
  span?: 'match' | 'sentence';
  /** A finding only when one of these matches somewhere in the same sentence. */
  requires?: readonly string[];
  /** No finding when one of these matches anywhere in the same sentence. */
  unless?: readonly string[];
  /** Only in sentences ending with a question mark, or only in the others. */
  mood?: 'question' | 'statement';
}

export interface CommitmentRules {
  /** A promise of future action: "I will", "from now on", "I commit to". */
  markers: readonly string[];
  /** Something someone could see done: share, ask, publish, meet… */
  actions: readonly string[];
  /** Words that make a promise unobservable: try, better, more, communicate… */
  vague: readonly string[];
  /** A date, a recurrence or a trigger. */
  timing: readonly string[];
  /** Who can see it happen. */
  observers: readonly string[];
  /** Sentences with a marker that are not promises ("I will not pretend…", "I will be out on Monday"). */
  exclude: readonly string[];
}

export interface CategoryText {
  /** The category's name in the interface ("Deflecting"). */
  label: string;
  message: string;
  suggestion?: string;
}

/** Next steps where the text is not a message to the team (see AnalyzeOptions.context). */
export interface ContextAdvice {
  /** Replaces the general text of a missing move. */
  missing?: Partial<Record<keyof AdviceText['missing'], string>>;
  /** When nothing is left to fix. */
  done: string;
  /** A second step when there is only one. */
  after?: string;
}

export interface AdviceText {
  /** Next step when a defensive category is present. */
  defensive: Record<DefensiveCategory, string>;
  /** Next step when a repair move is missing. */
  missing: Record<
    'own' | 'acknowledge_impact' | 'open_question' | 'specific_commitment' | 'validate' | 'invite_feedback',
    string
  >;
  /** Next step when the only commitments are vague. */
  vagueOnly: string;
  /** When nothing is left to fix. */
  done: string;
  /** The step after sending, when there are few others. */
  afterSending: string;
  /** One sentence per breach kind, added to the first step about commitments or apology. */
  breachNotes: Record<BreachKind, string>;
  /** Said when the text is in a language the coach does not read. */
  unsupported: string;
  contexts: Record<Exclude<CoachContext, 'response'>, ContextAdvice>;
}

/** Everything the coach knows about one language. Adding a language means adding one of these. */
export interface LanguageRules {
  id: 'en';
  contractions: ContractionRules;
  /** Frequent function words, for telling this language from others. */
  stopwords: ReadonlySet<string>;
  lexicon: Lexicon;
  /** Word classes by meaning, for the learned model (see model/semantic-classes.ts). */
  semanticClasses: Readonly<Record<string, readonly string[]>>;
  negators: ReadonlySet<string>;
  /** How many words before a match a negation still applies to. */
  negationWindow: number;
  /** Saying/feeling verbs that, with someone other than the writer as subject, introduce reported speech. */
  reportingVerbs: ReadonlySet<string>;
  /** Subjects that make a reporting verb the writer's own ("I said"). */
  selfSubjects: ReadonlySet<string>;
  rules: readonly CoachRule[];
  commitment: CommitmentRules;
  /** Patterns for the parts of an apology not already given by a category. */
  apologyParts: Partial<Record<ApologyPart, readonly string[]>>;
  /** Patterns of explaining (in addition to the defensive findings). */
  explaining: readonly string[];
  categories: Record<CoachCategory, CategoryText>;
  advice: AdviceText;
}

export type { DefensiveCategory, RepairCategory };
