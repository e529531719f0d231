import type { BreachKind } from '../listening/questions.js';
import { type CompiledLanguage, forEachCandidate, type PatternRef } from './compile.js';
import { matchPattern } from './compile-matcher.js';
import type { LanguageRules } from './language.js';
import { nextSteps } from './next-steps.js';
import { mayMatch, sentenceSignature } from './signature.js';
import type { Sentence, Token, Tokenized } from './tokenize.js';
import {
  APOLOGY_PARTS,
  type ApologyPart,
  type ApologyPartsSummary,
  COACH_CATEGORIES,
  type CoachCategory,
  type CoachContext,
  type CoachFinding,
  type CoachSummary,
} from './types.js';

/** Lewicki, Polin & Lount (2016): responsibility matters most, an offer of repair next, forgiveness least. */
export const APOLOGY_WEIGHTS: Record<ApologyPart, number> = {
  responsibility: 3,
  repair: 2.5,
  regret: 1.5,
  repentance: 1.5,
  explanation: 1,
  forgiveness: 0.5,
};

function emptyCounts(): Record<CoachCategory, number> {
  return Object.fromEntries(COACH_CATEGORIES.map((c) => [c, 0])) as Record<CoachCategory, number>;
}

export function unsupportedSummary(tokenized: Tokenized, language: LanguageRules): CoachSummary {
  return {
    language: 'unsupported',
    supported: false,
    notice: language.advice.unsupported,
    counts: emptyCounts(),
    defensiveCount: 0,
    repairCount: 0,
    apology: { present: [], missing: [...APOLOGY_PARTS], score: 0 },
    explainShare: 0,
    listenShare: 0,
    sentenceCount: tokenized.sentences.length,
    wordCount: tokenized.tokens.length,
    nextSteps: [],
  };
}

export function summarize(
  findings: readonly CoachFinding[],
  tokenized: Tokenized,
  scans: readonly SentenceScan[],
  language: LanguageRules,
  breachKinds: readonly BreachKind[],
  context: CoachContext = 'response',
): CoachSummary {
  const counts = emptyCounts();
  for (const f of findings) counts[f.category]++;
  const defensiveCount = findings.filter((f) => f.kind === 'defensive').length;
  const parts = new Set(scans.flatMap((scan) => scan.parts));
  const explaining = new Set<number>();
  scans.forEach((scan, s) => {
    if (scan.explaining) explaining.add(s);
  });
  const apology = apologyParts(counts, parts);
  const shares = explainListenShares(findings, tokenized, explaining);
  return {
    language: language.id,
    supported: true,
    counts,
    defensiveCount,
    repairCount: findings.length - defensiveCount,
    apology,
    ...shares,
    sentenceCount: tokenized.sentences.length,
    wordCount: tokenized.tokens.length,
    nextSteps:
      tokenized.tokens.length === 0 ? [] : nextSteps(findings, counts, language, breachKinds, context),
  };
}

/** What one sentence adds to the summary: the apology's parts it has and whether it explains. */
export interface SentenceScan {
  parts: readonly string[];
  explaining: boolean;
}

/** The apology's parts and explaining in one sentence, in one pass over its words. */
export function scanSentence(
  tokens: readonly Token[],
  sentence: Sentence,
  compiled: CompiledLanguage,
): SentenceScan {
  const parts: string[] = [];
  let explaining = false;
  let i = sentence.first;
  const signature = sentenceSignature(tokens, sentence);
  // One visitor per sentence (not per word); `i` is the word being tried.
  const visit = (ref: PatternRef) => {
    const tag = ref.rule.tag ?? '';
    if (tag === 'explaining' ? explaining : parts.includes(tag)) return;
    if (!mayMatch(ref.pattern.required, signature)) return;
    if (matchPattern(ref.pattern.match, tokens, i, sentence.first, sentence.last) <= i) return;
    if (tag === 'explaining') explaining = true;
    else parts.push(tag);
  };
  for (; i < sentence.last; i++) {
    if ((tokens[i] as Token).quoted) continue;
    forEachCandidate(compiled.summary, tokens, i, sentence.last, visit);
  }
  return { parts, explaining };
}

function apologyParts(
  counts: Record<CoachCategory, number>,
  parts: ReadonlySet<string>,
): ApologyPartsSummary {
  const found = (part: ApologyPart) => parts.has(part);
  const has: Record<ApologyPart, boolean> = {
    regret: counts.conditional_apology > 0 || found('regret'),
    explanation: counts.justify + counts.deflect + counts.intent_over_impact > 0 || found('explanation'),
    responsibility: counts.own > 0,
    repentance: found('repentance'),
    repair: counts.specific_commitment + counts.vague_commitment > 0 || found('repair'),
    forgiveness: found('forgiveness'),
  };
  const present = APOLOGY_PARTS.filter((p) => has[p]);
  const score = present.reduce((sum, p) => sum + APOLOGY_WEIGHTS[p], 0);
  return { present, missing: APOLOGY_PARTS.filter((p) => !has[p]), score };
}

const EXPLAINING = new Set<CoachCategory>([
  'justify',
  'deflect',
  'minimize',
  'intent_over_impact',
  'relitigate',
]);
const LISTENING = new Set<CoachCategory>([
  'open_question',
  'acknowledge_impact',
  'validate',
  'invite_feedback',
]);

/** Shares of the message's characters in sentences that explain or defend, and in ones that listen. */
function explainListenShares(
  findings: readonly CoachFinding[],
  tokenized: Tokenized,
  explainingSentences: ReadonlySet<number>,
) {
  let total = 0;
  let explain = 0;
  let listen = 0;
  let f = 0;
  for (const [index, sentence] of tokenized.sentences.entries()) {
    const length = sentence.end - sentence.start;
    total += length;
    let explains = false;
    let listens = false;
    while (f < findings.length && (findings[f] as CoachFinding).start < sentence.end) {
      const finding = findings[f] as CoachFinding;
      if (finding.end > sentence.start) {
        if (EXPLAINING.has(finding.category)) explains = true;
        if (LISTENING.has(finding.category)) listens = true;
      }
      f++;
    }
    if (!explains && !listens) explains = explainingSentences.has(index);
    if (listens) listen += length;
    else if (explains) explain += length;
  }
  const round = (n: number) => (total === 0 ? 0 : Math.round((n / total) * 100) / 100);
  return { explainShare: round(explain), listenShare: round(listen) };
}
