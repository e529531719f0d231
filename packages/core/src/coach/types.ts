import type { BreachKind } from '../listening/questions.js';

/** The coach's categories. The ids are part of the public contract: integrations and evaluations use them. */
export const DEFENSIVE_CATEGORIES = [
  'justify',
  'deflect',
  'minimize',
  'intent_over_impact',
  'conditional_apology',
  'relitigate',
] as const;

export const REPAIR_CATEGORIES = [
  'acknowledge_impact',
  'own',
  'open_question',
  'validate',
  'specific_commitment',
  'vague_commitment',
  'invite_feedback',
] as const;

export const COACH_CATEGORIES = [...DEFENSIVE_CATEGORIES, ...REPAIR_CATEGORIES] as const;

export type DefensiveCategory = (typeof DEFENSIVE_CATEGORIES)[number];
export type RepairCategory = (typeof REPAIR_CATEGORIES)[number];
export type CoachCategory = (typeof COACH_CATEGORIES)[number];

/** The six parts of an apology (Lewicki, Polin & Lount 2016). */
export const APOLOGY_PARTS = [
  'regret',
  'explanation',
  'responsibility',
  'repentance',
  'repair',
  'forgiveness',
] as const;
export type ApologyPart = (typeof APOLOGY_PARTS)[number];

export interface CoachFinding {
  category: CoachCategory;
  /** Offset of the first character, in UTF-16 code units, as JavaScript strings index. */
  start: number;
  /** Offset just past the last character: `input.slice(start, end) === text`. */
  end: number;
  text: string;
  /** One sentence: why this hurts or helps trust. */
  message: string;
  /** For defensive moves: a rewrite direction or a curious question to ask instead. */
  suggestion?: string;
  kind: 'defensive' | 'repair';
}

export interface ApologyPartsSummary {
  present: ApologyPart[];
  missing: ApologyPart[];
  /** 0–10, responsibility and an offer of repair weighted most, a request for forgiveness least. */
  score: number;
}

export interface NextStep {
  priority: number;
  text: string;
}

export interface CoachSummary {
  language: 'en' | 'unsupported';
  supported: boolean;
  /** Set when the text is not in a supported language. */
  notice?: string;
  counts: Record<CoachCategory, number>;
  defensiveCount: number;
  repairCount: number;
  apology: ApologyPartsSummary;
  /** Share of sentences explaining or defending vs listening (questions, acknowledgement, validation). */
  explainShare: number;
  listenShare: number;
  sentenceCount: number;
  wordCount: number;
  nextSteps: NextStep[];
}

export interface CoachAnalysis {
  findings: CoachFinding[];
  summary: CoachSummary;
}

/**
 * Where the text is written, which changes what the coach looks for: a forecast of the team's answers makes no
 * commitments; a follow-up is a question; a missed occurrence's note should own the miss.
 */
export const COACH_CONTEXTS = [
  'response',
  'forecast',
  'acknowledgement',
  'follow_up',
  'commitment',
  'missed_note',
] as const;
export type CoachContext = (typeof COACH_CONTEXTS)[number];

export interface AnalyzeOptions {
  /** What the text is (default 'response', a message to the team). */
  context?: CoachContext;
  /** The repair's breach kinds; the next steps depend on them. */
  breachKinds?: readonly BreachKind[];
  /** Skip language detection and analyse as this language. */
  language?: 'en';
}

export interface CommitmentCheck {
  /** Observable action, observer and a time/recurrence/trigger are all present. */
  ok: boolean;
  hasAction: boolean;
  hasObserver: boolean;
  hasTiming: boolean;
  vague: boolean;
  missing: ('action' | 'observer' | 'timing')[];
  suggestion: string;
}
