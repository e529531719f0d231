/** The three sincere questions a listening round asks unless the leader rewords them. */
export const DEFAULT_QUESTIONS = [
  { id: 'impact', text: 'How did this impact you?' },
  { id: 'need', text: "What did you need that you didn't get?" },
  { id: 'restore', text: 'What would restored trust look like from your perspective?' },
] as const;

/** Answers are shown only when at least this many people answered; organisations may raise it, never lower it. */
export const MIN_ANONYMITY_THRESHOLD = 3;

export const BREACH_KINDS = ['competence', 'reliability', 'sincerity', 'care', 'voice'] as const;
export type BreachKind = (typeof BREACH_KINDS)[number];

export const BREACH_KIND_LABELS: Record<BreachKind, string> = {
  competence: 'Competence — a job done badly',
  reliability: 'Reliability — a commitment not kept',
  sincerity: 'Sincerity — said one thing, did another',
  care: "Care — others' interests not considered",
  voice: 'Voice — a decision taken without the input of those it affected',
};

export const REPAIR_STAGES = [
  'open',
  'listening',
  'understanding',
  'responding',
  'committing',
  'demonstrating',
  'closed',
] as const;
export type RepairStage = (typeof REPAIR_STAGES)[number];

export const STAGE_NEXT_STEP: Record<RepairStage, string> = {
  open: 'Write your forecast of how the team will answer, then send the listening round.',
  listening: 'Wait for answers. They appear once enough people have answered to keep everyone anonymous.',
  understanding: 'Group what you heard into themes and acknowledge each in your own words.',
  responding: 'Write your response to the team.',
  committing: 'Answer every theme with a commitment or a reason why not.',
  demonstrating: 'Record each commitment as it falls due.',
  closed: 'This repair is closed.',
};
