import type { RepairStage, Role } from '@kintsugi/core';
import type { Generated } from 'kysely';

// Timestamps are ISO 8601 strings in UTC on both engines, so one code path reads them.
export interface OrganizationsTable {
  id: string;
  name: string;
  time_zone: string;
  created_at: string;
  /** k: anonymous content is shown only at k or more answers; never below 3. */
  anonymity_threshold: Generated<number>;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
}

export interface PeopleTable {
  id: string;
  organization_id: string;
  name: string;
  email: string;
  role: Role;
  user_id: string | null;
  created_at: string;
}

export interface TeamsTable {
  id: string;
  organization_id: string;
  name: string;
  /** Lower-cased name: team names are unique in an organisation regardless of case. */
  name_key: string;
  leader_id: string | null;
  created_at: string;
  /** 1, 2 or 4; null when only a repair's baseline pulse goes out. */
  pulse_every_weeks: number | null;
  /** The organisation's calendar date when the next regular pulse is due. */
  pulse_next_on: string | null;
}

export interface TeamMembersTable {
  team_id: string;
  person_id: string;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value; the value itself is never stored. */
  id: string;
  user_id: string;
  organization_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  organization_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  /** Null: valid until revoked (or until its owner changes their password). */
  expires_at: string | null;
}

export interface RepairsTable {
  id: string;
  organization_id: string;
  team_id: string;
  leader_id: string;
  title: string;
  description: string;
  /** JSON array of breach kinds. */
  breach_kinds: string;
  stage: RepairStage;
  created_at: string;
  updated_at: string;
}

export interface RepairPeopleTable {
  repair_id: string;
  person_id: string;
}

export interface RoundsTable {
  id: string;
  repair_id: string;
  status: 'draft' | 'open' | 'closed';
  /** JSON array of {id, text}. */
  questions: string;
  /** JSON object of question id to the leader's forecast. */
  forecast: string;
  closes_on: string;
  opened_on: string | null;
  /** SPKI DER, base64url; set when the round opens. */
  public_key: string | null;
  /** PKCS#8 DER encrypted with a key derived from SECRET; set when the round opens. */
  private_key: string | null;
  reminded_halfway: Generated<number>;
  reminded_final: Generated<number>;
  created_at: string;
}

export interface InvitationsTable {
  id: string;
  round_id: string;
  person_id: string;
  link_hash: string;
  token_issued: Generated<number>;
}

export interface SpentTokensTable {
  token_hash: string;
  round_id: string;
}

export interface AnswersTable {
  id: string;
  round_id: string;
  question_id: string;
  body: string;
  author_name: string | null;
  /** YYYY-MM-DD: no finer time is kept. */
  answered_on: string;
  reply_key_hash: string;
}

export interface FollowUpsTable {
  id: string;
  answer_id: string;
  position: number;
  author: 'leader' | 'author';
  body: string;
  created_on: string;
  notified: Generated<number>;
}

export interface ThemesTable {
  id: string;
  repair_id: string;
  name: string;
  need: string;
  acknowledgement: string;
  /** JSON array of answer ids. */
  answer_ids: string;
  created_at: string;
}

export interface MailOutboxTable {
  id: string;
  organization_id: string | null;
  recipient: string;
  subject: string;
  /** Kept only while no SMTP server is configured, so an admin can deliver it by hand. */
  body: string | null;
  /** Makes a send idempotent: a second attempt with the same key is a no-op. */
  dedupe_key: string | null;
  created_at: string;
  sent_at: string | null;
  error: string | null;
}

export interface MessagesTable {
  id: string;
  repair_id: string;
  author_id: string;
  body: string;
  published_at: string;
}

export interface ThemeReasonsTable {
  theme_id: string;
  reason: string;
  created_at: string;
}

export interface CommitmentsTable {
  id: string;
  repair_id: string;
  action: string;
  evidence: string;
  /** JSON of the schedule (core's scheduleSchema). */
  schedule: string;
  starts_on: string;
  ends_on: string | null;
  /** JSON array of theme ids. */
  theme_ids: string;
  replaces_id: string | null;
  created_at: string;
  retired_at: string | null;
  retired_reason: string | null;
}

export interface OccurrencesTable {
  id: string;
  commitment_id: string;
  due_at: string;
  local_date: string;
  status: 'kept' | 'missed';
  note: string;
  link: string | null;
  recorded_at: string;
}

export interface TeamLinksTable {
  id: string;
  repair_id: string;
  person_id: string;
  link_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface CalendarFeedsTable {
  person_id: string;
  token_hash: string;
  created_at: string;
}

export interface WitnessBallotsTable {
  occurrence_id: string;
  public_key: string;
  private_key: string;
}

export interface WitnessIssuedTable {
  occurrence_id: string;
  person_id: string;
}

export interface WitnessSpentTable {
  token_hash: string;
  occurrence_id: string;
}

export interface WitnessCountsTable {
  occurrence_id: string;
  saw: Generated<number>;
  did_not_see: Generated<number>;
}

/** Per commitment, what its record needs of each recorded occurrence (use-cases/commitments/commitment-ledger.ts). */
export interface CommitmentLedgersTable {
  commitment_id: string;
  /**
   * JSON array, five numbers per recorded occurrence in due order: due (epoch ms), 1 kept / 0 missed,
   * recorded − due (ms), saw, did not see.
   */
  entries: string;
}

type ScaleCounts<P extends string> = { [K in `${P}${1 | 2 | 3 | 4 | 5 | 6 | 7}`]: Generated<number> };

export type PulsesTable = {
  id: string;
  team_id: string;
  repair_id: string | null;
  kind: 'baseline' | 'regular';
  items_version: number;
  opens_on: string;
  closes_on: string;
  status: 'open' | 'closed';
  public_key: string;
  private_key: string;
  answers: Generated<number>;
  reminded: Generated<number>;
  alerted: Generated<number>;
  created_at: string;
} & ScaleCounts<'o'>;

export interface PulseInvitationsTable {
  id: string;
  pulse_id: string;
  person_id: string;
  link_hash: string;
  token_issued: Generated<number>;
}

export interface PulseSpentTable {
  token_hash: string;
  pulse_id: string;
}

export type PulseItemCountsTable = { pulse_id: string; item_id: string } & ScaleCounts<'c'>;

export interface PulseCommentsTable {
  id: string;
  pulse_id: string;
  body: string;
  answered_on: string;
}

/** Per team, each pulse's dates and overall totals as JSON (use-cases/pulses/team-trend.ts). */
export interface TeamPulseTrendsTable {
  team_id: string;
  entries: string;
}

/** Per person, each commitment and recorded occurrence already told in a delivered update (jobs/commitment-jobs.ts). */
export interface LoopUpdatesTable {
  person_id: string;
  /** The commitment's id (its announcement) or one of its occurrences' ids. */
  item_id: string;
  commitment_id: string;
  delivered_at: string;
}

/** A link that took an answer token, named only by sha256("claim:" + ballot id + ":" + link). */
export interface BallotClaimsTable {
  claim_hash: string;
  ballot_id: string;
  /** sha256 of the blinded message signed, so asking again with the same one gets the same signature. */
  blinded_hash: string;
}

/** Further links for an invitation (reminders, re-issued links); the first link stays in the invitation. */
export interface BallotLinksTable {
  link_hash: string;
  kind: 'round' | 'pulse';
  invitation_id: string;
}

/** "My link was used, and not by me", one per link, named only by sha256("report:" + ballot id + ":" + link). */
export interface BallotReportsTable {
  report_hash: string;
  ballot_id: string;
}

/** Sign-in attempts of one client address or email address in its current window, named by an HMAC under SECRET. */
export interface SignInLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

/** Settings every instance must agree on: `secret_check`, an HMAC of a constant under SECRET. */
export interface ServerSettingsTable {
  name: string;
  value: string;
}

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  people: PeopleTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  repairs: RepairsTable;
  repair_people: RepairPeopleTable;
  rounds: RoundsTable;
  invitations: InvitationsTable;
  spent_tokens: SpentTokensTable;
  answers: AnswersTable;
  follow_ups: FollowUpsTable;
  themes: ThemesTable;
  mail_outbox: MailOutboxTable;
  messages: MessagesTable;
  theme_reasons: ThemeReasonsTable;
  commitments: CommitmentsTable;
  occurrences: OccurrencesTable;
  team_links: TeamLinksTable;
  calendar_feeds: CalendarFeedsTable;
  witness_ballots: WitnessBallotsTable;
  witness_issued: WitnessIssuedTable;
  witness_spent: WitnessSpentTable;
  witness_counts: WitnessCountsTable;
  commitment_ledgers: CommitmentLedgersTable;
  pulses: PulsesTable;
  pulse_invitations: PulseInvitationsTable;
  pulse_spent: PulseSpentTable;
  pulse_item_counts: PulseItemCountsTable;
  pulse_comments: PulseCommentsTable;
  team_pulse_trends: TeamPulseTrendsTable;
  loop_updates: LoopUpdatesTable;
  ballot_claims: BallotClaimsTable;
  ballot_links: BallotLinksTable;
  ballot_reports: BallotReportsTable;
  sign_in_limits: SignInLimitsTable;
  server_settings: ServerSettingsTable;
}
