import type { BreachKind } from '../listening/questions.js';
import type { LanguageRules } from './language.js';
import type { CoachCategory, CoachContext, CoachFinding, DefensiveCategory, NextStep } from './types.js';

/** Which defensive move to address first, per breach kind (see ARCHITECTURE.md, "The coach"). */
const DEFENSIVE_ORDER: Record<BreachKind | 'none', DefensiveCategory[]> = {
  none: ['deflect', 'conditional_apology', 'relitigate', 'justify', 'minimize', 'intent_over_impact'],
  competence: ['deflect', 'minimize', 'justify', 'conditional_apology', 'intent_over_impact', 'relitigate'],
  reliability: ['justify', 'deflect', 'minimize', 'conditional_apology', 'intent_over_impact', 'relitigate'],
  sincerity: ['intent_over_impact', 'justify', 'conditional_apology', 'deflect', 'relitigate', 'minimize'],
  care: ['minimize', 'intent_over_impact', 'conditional_apology', 'justify', 'deflect', 'relitigate'],
  voice: ['relitigate', 'justify', 'deflect', 'conditional_apology', 'minimize', 'intent_over_impact'],
};

type MissingMove = keyof LanguageRules['advice']['missing'];
/** Which missing repair move to suggest first, per breach kind. */
const REPAIR_ORDER: Record<BreachKind | 'none', MissingMove[]> = {
  none: ['own', 'acknowledge_impact', 'open_question', 'specific_commitment', 'validate', 'invite_feedback'],
  competence: [
    'own',
    'specific_commitment',
    'acknowledge_impact',
    'open_question',
    'invite_feedback',
    'validate',
  ],
  reliability: [
    'specific_commitment',
    'own',
    'invite_feedback',
    'acknowledge_impact',
    'open_question',
    'validate',
  ],
  sincerity: [
    'own',
    'specific_commitment',
    'invite_feedback',
    'acknowledge_impact',
    'open_question',
    'validate',
  ],
  care: ['acknowledge_impact', 'open_question', 'validate', 'own', 'specific_commitment', 'invite_feedback'],
  voice: ['open_question', 'own', 'specific_commitment', 'acknowledge_impact', 'validate', 'invite_feedback'],
};

/**
 * The repair moves worth asking for where the text is written: a forecast only names what the team will say
 * it cost them; a theme's acknowledgement names the impact and that it was real; a follow-up asks; a
 * commitment is specific; a missed occurrence's note owns the miss. A message to the team gets all of them.
 */
const CONTEXT_MOVES: Record<CoachContext, ReadonlySet<MissingMove> | null> = {
  response: null,
  forecast: new Set(['acknowledge_impact']),
  acknowledgement: new Set(['acknowledge_impact', 'validate', 'own']),
  follow_up: new Set(['open_question']),
  commitment: new Set(['specific_commitment']),
  missed_note: new Set(['own', 'acknowledge_impact']),
};

function ranked<T extends string>(
  orders: Record<BreachKind | 'none', T[]>,
  kinds: readonly BreachKind[],
): T[] {
  const lists = kinds.length > 0 ? kinds.map((k) => orders[k]) : [orders.none];
  const rank = (item: T) => Math.min(...lists.map((l) => l.indexOf(item)));
  return [...(lists[0] ?? orders.none)].sort((a, b) => rank(a) - rank(b));
}

/** Two or three next steps: the defensive moves to fix first, then the repair moves missing here. */
export function nextSteps(
  findings: readonly CoachFinding[],
  counts: Record<CoachCategory, number>,
  language: LanguageRules,
  breachKinds: readonly BreachKind[],
  context: CoachContext,
): NextStep[] {
  const { advice } = language;
  const moves = CONTEXT_MOVES[context];
  const copy = context === 'response' ? undefined : advice.contexts[context];
  const texts: string[] = [];
  for (const category of ranked(DEFENSIVE_ORDER, breachKinds)) {
    if (texts.length === 2) break;
    const example = findings.find((f) => f.category === category);
    if (example) texts.push(advice.defensive[category].replace('{text}', example.text.trim()));
  }
  let noted = false;
  // The breach kind's sentence belongs where the leader promises or owns something.
  const noteHere = context === 'response' || context === 'commitment' || context === 'missed_note';
  const note = breachKinds[0] && noteHere ? advice.breachNotes[breachKinds[0]] : '';
  for (const move of ranked(REPAIR_ORDER, breachKinds)) {
    if (texts.length === 3) break;
    if (counts[move] > 0 || (moves && !moves.has(move))) continue;
    let text = copy?.missing?.[move] ?? advice.missing[move];
    if (move === 'specific_commitment' && counts.vague_commitment > 0) {
      const vague = findings.find((f) => f.category === 'vague_commitment');
      text = advice.vagueOnly.replace('{text}', vague?.text.trim() ?? '');
    }
    if (note && !noted && (move === 'specific_commitment' || move === 'own')) {
      text = `${text} ${note}`;
      noted = true;
    }
    texts.push(text);
  }
  if (texts.length === 0) texts.push(copy ? copy.done : advice.done);
  if (note && !noted && texts.length < 3) texts.push(note);
  const after = copy ? copy.after : advice.afterSending;
  if (texts.length < 2 && after) texts.push(after);
  return texts.map((text, i) => ({ priority: i + 1, text }));
}
