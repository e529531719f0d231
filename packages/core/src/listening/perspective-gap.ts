import { terms, WordForms } from './text-terms.js';

export interface QuestionGap {
  questionId: string;
  /** 0 = the forecast anticipated everything people said; 1 = it anticipated none of it. Null without answers. */
  gap: number | null;
  /** Words people used that the forecast did not, most mentioned first, as people wrote them. */
  missed: string[];
}

/**
 * The perspective gap: how much of what people said the leader's forecast missed.
 *
 * For each question, every meaningful term (stemmed, stop words removed) that appears in the answers is weighted
 * by the number of answers that use it. The gap is the share of that weight carried by terms the forecast never
 * used. The overall gap is the mean over questions that have answers. Word overlap is a deliberately simple,
 * explainable measure: it rewards anticipating the team's own concerns, not guessing their exact wording.
 */
export function perspectiveGap(
  questions: readonly { id: string }[],
  forecast: Readonly<Record<string, string>>,
  answers: readonly { questionId: string; text: string }[],
): { overall: number | null; questions: QuestionGap[] } {
  const results = questions.map((q): QuestionGap => {
    const forecastTerms = terms(forecast[q.id] ?? '');
    const weight = new Map<string, number>();
    const words = new WordForms();
    for (const answer of answers) {
      if (answer.questionId !== q.id) continue;
      for (const term of words.add(answer.text).keys()) weight.set(term, (weight.get(term) ?? 0) + 1);
    }
    let total = 0;
    let missedWeight = 0;
    for (const [term, w] of weight) {
      total += w;
      if (!forecastTerms.has(term)) missedWeight += w;
    }
    const missed = [...weight]
      .filter(([term]) => !forecastTerms.has(term))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 8)
      .map(([term]) => words.wordFor(term));
    return { questionId: q.id, gap: total === 0 ? null : missedWeight / total, missed };
  });
  const scored = results.filter((r) => r.gap !== null);
  const overall =
    scored.length === 0 ? null : scored.reduce((sum, r) => sum + (r.gap ?? 0), 0) / scored.length;
  return { overall, questions: results };
}
