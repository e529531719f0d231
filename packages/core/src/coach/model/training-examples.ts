import type { LanguageRules } from '../language.js';
import { ENGLISH } from '../rules/en/index.js';
import { COACH_CATEGORIES, type CoachCategory, type CoachContext } from '../types.js';
import type { UnitResolver } from './features.js';
import { featurize } from './featurize.js';
import type { TrainingExample } from './train.js';

/** One labelled item of the coach's data files: a sentence, or a message with its sentences' own labels. */
export interface LabelledItem {
  text: string;
  labels: readonly CoachCategory[];
  sentences?: readonly { text: string; labels: readonly CoachCategory[] }[];
  context?: CoachContext;
}

export function labelBits(labels: readonly CoachCategory[]): number {
  let bits = 0;
  for (const label of labels) bits |= 1 << COACH_CATEGORIES.indexOf(label);
  return bits;
}

/**
 * The training examples of one item: one per sentence the writer labelled, with the features of the coach's
 * own sentences that start inside it (the text is read whole, as analyze() reads it, so positions and rule
 * hits are the same as in use).
 */
export function trainingExamples(
  item: LabelledItem,
  units: UnitResolver,
  language: LanguageRules = ENGLISH,
): TrainingExample[] {
  const sentences = featurize(item.text, units, language, item.context);
  const parts = item.sentences ?? [{ text: item.text, labels: item.labels }];
  const out: TrainingExample[] = [];
  let at = 0;
  for (const part of parts) {
    const start = item.sentences ? item.text.indexOf(part.text, at) : 0;
    const end = item.sentences ? start + part.text.length : item.text.length;
    at = end;
    const keys = new Set<number>();
    for (const s of sentences) if (s.start >= start && s.start < end) for (const k of s.keys) keys.add(k);
    if (keys.size > 0) out.push({ keys: [...keys], labels: labelBits(part.labels) });
  }
  return out;
}
