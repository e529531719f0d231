// Coverage: every heard theme must be answered, by a live commitment or a stated reason why not (SPEC §3 stage 6).

export type ThemeCoverageState = 'committed' | 'reasoned' | 'unanswered';

export interface CoverageInput {
  themes: readonly { id: string }[];
  commitments: readonly { id: string; themeIds: readonly string[]; retired?: boolean }[];
  reasons: readonly { themeId: string; reason: string }[];
}

export interface ThemeCoverage {
  themeId: string;
  state: ThemeCoverageState;
  /** Live (not retired) commitments answering the theme. */
  commitmentIds: string[];
}

export interface CoverageResult {
  themes: ThemeCoverage[];
  /** Share of themes answered by a commitment or a reason; null when there are no themes. */
  coverage: number | null;
  /** The repair may move to "demonstrating" only when no theme is left unanswered. */
  canDemonstrate: boolean;
}

export function commitmentCoverage({ themes, commitments, reasons }: CoverageInput): CoverageResult {
  const liveByTheme = new Map<string, string[]>();
  for (const commitment of commitments) {
    // A retired commitment no longer answers anything; its replacement must.
    if (commitment.retired) continue;
    for (const themeId of new Set(commitment.themeIds)) {
      const ids = liveByTheme.get(themeId) ?? [];
      ids.push(commitment.id);
      liveByTheme.set(themeId, ids);
    }
  }
  // A blank reason is not a reason.
  const reasoned = new Set(reasons.filter((r) => r.reason.trim() !== '').map((r) => r.themeId));

  const result = themes.map((theme): ThemeCoverage => {
    const commitmentIds = liveByTheme.get(theme.id) ?? [];
    const state = commitmentIds.length > 0 ? 'committed' : reasoned.has(theme.id) ? 'reasoned' : 'unanswered';
    return { themeId: theme.id, state, commitmentIds };
  });
  const answered = result.filter((t) => t.state !== 'unanswered').length;
  return {
    themes: result,
    coverage: result.length === 0 ? null : answered / result.length,
    canDemonstrate: answered === result.length,
  };
}
