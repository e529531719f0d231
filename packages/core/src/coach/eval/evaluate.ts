import { analyze } from '../analyze.js';
import { COACH_CATEGORIES, COACH_CONTEXTS, type CoachCategory, type CoachContext } from '../types.js';

export interface LabelledExample {
  text: string;
  /** The categories a careful reader finds in the text; empty for neutral text. */
  labels: CoachCategory[];
  /** Where the text was written, when not a message to the team (see AnalyzeOptions). */
  context?: CoachContext;
}

export interface CategoryScore {
  category: CoachCategory;
  /** Examples labelled with the category. */
  support: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  examples: number;
  scores: CategoryScore[];
  /** Mean F1 over the categories. */
  macroF1: number;
  /** Neutral examples (no label), and the share of them that got any finding. */
  neutral: number;
  neutralFalseAlarmRate: number;
  /**
   * confusion[gold][predicted]: over examples labelled `gold` where `gold` was missed, how often `predicted`
   * (or "none") was found instead; over examples where `predicted` was found but not labelled, which labels
   * ("none" for neutral text) they had.
   */
  confusion: Record<string, Record<string, number>>;
  errors: { text: string; missed: CoachCategory[]; extra: CoachCategory[] }[];
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Scores the coach per category on labelled examples: a category counts once per example. */
export function evaluateCoach(examples: readonly LabelledExample[]): Evaluation {
  const tally = new Map(COACH_CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  const confusion: Record<string, Record<string, number>> = {};
  const bump = (gold: string, predicted: string) => {
    const row = confusion[gold] ?? {};
    row[predicted] = (row[predicted] ?? 0) + 1;
    confusion[gold] = row;
  };
  const errors: Evaluation['errors'] = [];
  let neutral = 0;
  let falseAlarms = 0;
  for (const example of examples) {
    const gold = new Set(example.labels);
    const options = example.context ? { context: example.context } : {};
    const predicted = new Set(analyze(example.text, options).findings.map((f) => f.category));
    if (gold.size === 0) {
      neutral++;
      if (predicted.size > 0) falseAlarms++;
    }
    const missed = [...gold].filter((c) => !predicted.has(c));
    const extra = [...predicted].filter((c) => !gold.has(c));
    for (const category of COACH_CATEGORIES) {
      const t = tally.get(category);
      if (!t) continue;
      if (gold.has(category)) t.support++;
      if (gold.has(category) && predicted.has(category)) t.tp++;
      else if (predicted.has(category)) t.fp++;
      else if (gold.has(category)) t.fn++;
    }
    for (const m of missed) {
      if (extra.length === 0) bump(m, 'none');
      for (const e of extra) bump(m, e);
    }
    if (gold.size === 0) for (const e of extra) bump('none', e);
    if (missed.length > 0 || extra.length > 0) errors.push({ text: example.text, missed, extra });
  }
  const scores = COACH_CATEGORIES.map((category): CategoryScore => {
    const t = tally.get(category) ?? { tp: 0, fp: 0, fn: 0, support: 0 };
    const precision = t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
    const recall = t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return {
      category,
      support: t.support,
      truePositives: t.tp,
      falsePositives: t.fp,
      falseNegatives: t.fn,
      precision: round(precision),
      recall: round(recall),
      f1: round(f1),
    };
  });
  return {
    examples: examples.length,
    scores,
    macroF1: round(scores.reduce((sum, s) => sum + s.f1, 0) / scores.length),
    neutral,
    neutralFalseAlarmRate: neutral === 0 ? 0 : round(falseAlarms / neutral),
    confusion,
    errors,
  };
}

/** Parses a JSON-lines corpus: one {"text", "labels"} object a line, with an optional "context". */
export function parseCorpus(jsonl: string): LabelledExample[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const value = JSON.parse(line) as { text?: unknown; labels?: unknown; context?: unknown };
      if (typeof value.text !== 'string' || !Array.isArray(value.labels))
        throw new Error(`Line ${i + 1}: expected {"text": string, "labels": string[]}`);
      for (const label of value.labels)
        if (!(COACH_CATEGORIES as readonly string[]).includes(label))
          throw new Error(`Line ${i + 1}: unknown category ${String(label)}`);
      if (value.context !== undefined && !(COACH_CONTEXTS as readonly unknown[]).includes(value.context))
        throw new Error(`Line ${i + 1}: unknown context ${String(value.context)}`);
      return {
        text: value.text,
        labels: value.labels as CoachCategory[],
        ...(value.context ? { context: value.context as CoachContext } : {}),
      };
    });
}
