import {
  type CommitmentsView,
  commitmentsViewSchema,
  type Repair,
  type RepairAbilities,
  type Role,
  repairSchema,
  type Session,
  sessionSchema,
} from '@kintsugi/core';
import type { ReactNode } from 'react';
import { SessionProvider, useSessionContext } from '../session/session-context';

/**
 * Responses as the API gives them, each checked against core's schema (the one the server answers with), so a
 * page under test reads exactly the shape the server promises — abilities included.
 */
export type Responses = Record<string, unknown>;

/** Answers the page's GET requests from `responses` by path; anything else is a 404 problem. */
export function answerFrom(responses: Responses): typeof fetch {
  return async (input) => {
    const path = typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
    const body = responses[path];
    if (body === undefined) {
      return new Response(JSON.stringify({ title: 'Not found', status: 404, code: 'not_found' }), {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
      });
    }
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
}

export const LEADER_ID = '00000000-0000-4000-8000-000000000001';
const REPAIR_ID = '00000000-0000-4000-8000-000000000002';
const TEAM_ID = '00000000-0000-4000-8000-000000000003';
const THEME_ID = '00000000-0000-4000-8000-000000000004';
const COMMITMENT_ID = '00000000-0000-4000-8000-000000000005';
const AT = '2030-01-07T09:00:00.000Z';

export function sessionAs(
  role: Role,
  personId: string,
  abilities: Partial<Session['abilities']> = {},
): Session {
  return sessionSchema.parse({
    user: { id: '00000000-0000-4000-8000-000000000010', email: 'someone@example.org', name: 'Some One' },
    person: { id: personId },
    organization: { id: '00000000-0000-4000-8000-000000000011', name: 'Example' },
    role,
    abilities: {
      readPeople: false,
      managePeople: false,
      manageTeams: false,
      manageOrganization: false,
      readOverview: false,
      readAllTeams: false,
      readAllRepairs: false,
      openRepairAnywhere: false,
      openRepair: false,
      leadRepairs: false,
      ...abilities,
    },
    csrfToken: 'csrf',
  });
}

/** A repair at the committing stage: its round closed, a message published, one theme. */
export function committingRepair(abilities: RepairAbilities): Repair {
  return repairSchema.parse({
    id: REPAIR_ID,
    title: 'The reorganisation',
    team: { id: TEAM_ID, name: 'Platform' },
    leader: { id: LEADER_ID, name: 'Lee Leader' },
    stage: 'committing',
    breachKinds: ['voice'],
    createdAt: AT,
    description: 'I moved people between teams without asking them.',
    affected: [{ id: '00000000-0000-4000-8000-000000000006', name: 'Ada' }],
    nextStep: 'Make commitments that answer every theme.',
    round: {
      status: 'closed',
      questions: [{ id: 'impact', text: 'How did it affect you?' }],
      closesOn: '2030-01-05',
      forecast: {},
      forecastLocked: true,
      invitedCount: 3,
      responses: { threshold: 3, count: null },
      links: { used: null, reportedMisused: 0 },
    },
    abilities,
  });
}

const NO_RECORD = {
  due: 0,
  kept: 0,
  missed: 0,
  keptShare: null,
  onTimeShare: null,
  confirmedShare: null,
  currentStreak: 0,
  longestStreak: 0,
  strip: [],
};

/** One live commitment, answering nothing yet, and one theme left unanswered. */
export const commitmentsView: CommitmentsView = commitmentsViewSchema.parse({
  commitments: [
    {
      id: COMMITMENT_ID,
      action: 'Ask the team before changing who works on what',
      evidence: 'The question goes to the team channel first.',
      schedule: { kind: 'event', description: 'Whenever a change of assignment comes up' },
      scheduleText: 'Whenever a change of assignment comes up',
      startsOn: '2030-01-07',
      endsOn: null,
      themeIds: [],
      missing: [],
      vague: false,
      retired: null,
      replacesId: null,
      record: NO_RECORD,
      occurrences: [],
    },
  ],
  coverage: {
    themes: [{ themeId: THEME_ID, name: 'Asked first', state: 'unanswered', reason: null }],
    coverage: 0,
    canDemonstrate: false,
  },
  record: NO_RECORD,
});

export function repairResponses(repair: Repair): Responses {
  const base = `/api/v1/repairs/${repair.id}`;
  return {
    [base]: repair,
    [`${base}/messages`]: {
      messages: [
        {
          id: '00000000-0000-4000-8000-000000000007',
          body: 'I moved you without asking.',
          authorName: 'Lee Leader',
          publishedAt: AT,
        },
      ],
    },
    [`${base}/commitments`]: commitmentsView,
  };
}

function SignedIn({ children }: { children: ReactNode }) {
  const { state } = useSessionContext();
  return state.status === 'signed-in' ? children : null;
}

/** The page behind the sign-in gate, with the session the responses hold at `/api/v1/session`. */
export function WithSession({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <SignedIn>{children}</SignedIn>
    </SessionProvider>
  );
}
