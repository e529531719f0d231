import type { RepairStage } from '@kintsugi/core';

export const STAGE_LABELS: Record<RepairStage, string> = {
  open: 'Open',
  listening: 'Listen',
  understanding: 'Understand',
  responding: 'Respond',
  committing: 'Commit',
  demonstrating: 'Demonstrate',
  closed: 'Closed',
};

/** The short word for a breach kind: "Care — others' interests…" → "Care". */
export function shortBreachLabel(label: string): string {
  return label.split(' — ')[0] ?? label;
}
