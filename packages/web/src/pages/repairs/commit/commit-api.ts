import type { CommitmentsView, CommitmentView, Repair, RepairStage } from '@kintsugi/core';
import { REPAIR_STAGES } from '@kintsugi/core';
import { repairPath } from '../repair-api';

export type { CommitmentsView, CommitmentView };

export const messagesPath = (repairId: string) => repairPath(repairId, '/messages');
export const commitmentsPath = (repairId: string, rest = '') => repairPath(repairId, `/commitments${rest}`);

/** True when the repair has reached `stage` (or gone beyond it). */
export function reached(repair: Repair, stage: RepairStage): boolean {
  return REPAIR_STAGES.indexOf(repair.stage) >= REPAIR_STAGES.indexOf(stage);
}

/** 0.8 → "80%"; null → "—" (nothing to measure yet). */
export function share(value: number | null): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

/** "2026-03-02T08:00:00Z" → "2 March 2026, 08:00", in the reader's language and zone. */
export function formatMoment(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export const CHECK_PART_LABELS: Record<string, string> = {
  action: 'an action someone could see you do',
  observer: 'who will see it',
  timing: 'when',
};
