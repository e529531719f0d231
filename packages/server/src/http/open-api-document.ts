import { problemSchema } from '@kintsugi/core';
import { z } from 'zod';
import type { ApiRoute } from './app.js';

/**
 * Completes the generated OpenAPI document from what the routes are: each operation gets its operationId, public
 * operations say they need no credentials, every error response is the problem document as
 * application/problem+json, and every operation lists the errors its shape implies (400 for input, 401 and 403
 * when signing in is needed, 404 for ids in the path, 413 and 415 for a method with a body, 429 where attempts are limited)
 * plus those its use case raises (ERRORS below). http/open-api.test.ts probes the routes to check the lists.
 */
interface Response {
  description: string;
  content?: Record<string, { schema: unknown }>;
}
interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: { in: string }[];
  requestBody?: unknown;
  responses?: Record<string, Response>;
}
export interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

/** Readable names for the operations; a route missing here gets one made from its method and path. */
const OPERATION_IDS: Record<string, string> = {
  'GET /api/v1/setup': 'getSetupStatus',
  'POST /api/v1/setup': 'setUp',
  'POST /api/v1/session': 'signIn',
  'GET /api/v1/session': 'getSession',
  'DELETE /api/v1/session': 'signOut',
  'POST /api/v1/me/password': 'changePassword',
  'GET /api/v1/me/tokens': 'listApiTokens',
  'POST /api/v1/me/tokens': 'createApiToken',
  'DELETE /api/v1/me/tokens/:tokenId': 'revokeApiToken',
  'POST /api/v1/me/calendar-feed': 'createCalendarFeed',
  'DELETE /api/v1/me/calendar-feed': 'removeCalendarFeed',
  'GET /api/v1/calendar/:file': 'getCalendarFeed',
  'GET /api/v1/organization': 'getOrganization',
  'PATCH /api/v1/organization': 'updateOrganization',
  'GET /api/v1/outbox': 'listOutbox',
  'GET /api/v1/people': 'listPeople',
  'POST /api/v1/people': 'createPerson',
  'POST /api/v1/people/import': 'importPeople',
  'GET /api/v1/people/:personId': 'getPerson',
  'PATCH /api/v1/people/:personId': 'updatePerson',
  'DELETE /api/v1/people/:personId': 'removePerson',
  'GET /api/v1/teams': 'listTeams',
  'POST /api/v1/teams': 'createTeam',
  'GET /api/v1/teams/:teamId': 'getTeam',
  'PATCH /api/v1/teams/:teamId': 'updateTeam',
  'DELETE /api/v1/teams/:teamId': 'deleteTeam',
  'POST /api/v1/teams/:teamId/members': 'addTeamMember',
  'DELETE /api/v1/teams/:teamId/members/:personId': 'removeTeamMember',
  'GET /api/v1/teams/:teamId/pulse': 'getTeamPulse',
  'PUT /api/v1/teams/:teamId/pulse': 'setTeamPulseCadence',
  'POST /api/v1/teams/:teamId/pulses': 'sendPulseNow',
  'POST /api/v1/coach/analyze': 'analyzeDraft',
  'GET /api/v1/overview': 'getOverview',
  'GET /api/v1/repairs': 'listRepairs',
  'POST /api/v1/repairs': 'openRepair',
  'GET /api/v1/repairs/:repairId': 'getRepair',
  'PATCH /api/v1/repairs/:repairId': 'updateRepair',
  'PUT /api/v1/repairs/:repairId/round': 'draftRound',
  'PUT /api/v1/repairs/:repairId/forecast': 'saveForecast',
  'POST /api/v1/repairs/:repairId/round/open': 'openRound',
  'POST /api/v1/repairs/:repairId/round/links/:personId': 'resendRoundLink',
  'POST /api/v1/repairs/:repairId/round/close': 'closeRound',
  'GET /api/v1/repairs/:repairId/answers': 'getAnswers',
  'POST /api/v1/repairs/:repairId/answers/:answerId/follow-ups': 'askFollowUp',
  'GET /api/v1/repairs/:repairId/themes': 'getThemes',
  'POST /api/v1/repairs/:repairId/themes': 'createTheme',
  'PATCH /api/v1/repairs/:repairId/themes/:themeId': 'updateTheme',
  'DELETE /api/v1/repairs/:repairId/themes/:themeId': 'deleteTheme',
  'PUT /api/v1/repairs/:repairId/themes/:themeId/reason': 'setThemeReason',
  'DELETE /api/v1/repairs/:repairId/themes/:themeId/reason': 'removeThemeReason',
  'GET /api/v1/repairs/:repairId/messages': 'listMessages',
  'POST /api/v1/repairs/:repairId/messages': 'publishMessage',
  'GET /api/v1/repairs/:repairId/commitments': 'getCommitments',
  'POST /api/v1/repairs/:repairId/commitments': 'makeCommitment',
  'POST /api/v1/repairs/:repairId/commitments/:commitmentId/retire': 'retireCommitment',
  'POST /api/v1/repairs/:repairId/commitments/:commitmentId/occurrences': 'recordOccurrence',
  'POST /api/v1/repairs/:repairId/demonstrate': 'startDemonstrating',
  'GET /api/v1/repairs/:repairId/team-links': 'getTeamLinks',
  'POST /api/v1/repairs/:repairId/team-links': 'sendTeamLinks',
  'POST /api/v1/repairs/:repairId/team-links/:personId': 'resendTeamLink',
  'DELETE /api/v1/repairs/:repairId/team-links/:personId': 'revokeTeamLink',
  'GET /api/v1/repairs/:repairId/recovery': 'getRecovery',
  'GET /api/v1/repairs/:repairId/recovery.csv': 'getRecoveryCsv',
  'POST /api/v1/team-space': 'getTeamSpace',
  'POST /api/v1/team-space/witness/key': 'getWitnessKey',
  'POST /api/v1/team-space/witness/issue': 'issueWitnessToken',
  'POST /api/v1/witness': 'witnessOccurrence',
  'POST /api/v1/pulse/invitation': 'getPulseInvitation',
  'POST /api/v1/pulse/issue': 'issuePulseToken',
  'POST /api/v1/pulse/answers': 'answerPulse',
  'POST /api/v1/ballot/invitation': 'getBallotInvitation',
  'POST /api/v1/ballot/issue': 'issueBallotToken',
  'POST /api/v1/ballot/answers': 'submitAnswers',
  'POST /api/v1/ballot/status': 'getSubmissionStatus',
  'POST /api/v1/ballot/report': 'reportLinkMisuse',
  'POST /api/v1/ballot/thread': 'getAnswerThread',
  'POST /api/v1/ballot/thread/reply': 'replyToFollowUp',
};

/** Errors an operation's use case raises beyond those its shape implies (a route's own list is kept too). */
const ERRORS: Record<string, number[]> = {
  'POST /api/v1/setup': [409],
  'POST /api/v1/session': [429],
  'POST /api/v1/me/tokens': [409],
  'DELETE /api/v1/me/calendar-feed': [404],
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: `errors` names each field and what is wrong with it',
  401: 'Not signed in, or the session or API token is not valid (revoked, expired)',
  403: 'Not allowed: your role does not allow it, or the x-csrf-token header is missing',
  404: 'Not found, or not in your organisation',
  409: 'Conflicts with the current state (for example a name or email already taken)',
  413: 'The request body is larger than this operation accepts',
  415: 'The request body is not of a type this operation accepts',
  422: 'The file has rows with problems: `rows` lists them; nothing was changed',
  429: 'Too many attempts: wait for the seconds in Retry-After',
};

const PROBLEM = { $ref: '#/components/schemas/Problem' };

function generatedId(method: string, url: string): string {
  const words = url
    .replace('/api/v1/', '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `By${w.slice(1)}` : w));
  return [method.toLowerCase(), ...words]
    .map((w, i) => (i === 0 ? w : w[0]?.toUpperCase() + w.slice(1)))
    .join('');
}

function impliedErrors(route: ApiRoute, op: Operation): number[] {
  const statuses: number[] = [];
  // Input to validate, or a body that may not be JSON at all.
  if ((op.parameters ?? []).length > 0 || op.requestBody !== undefined || route.method !== 'GET')
    statuses.push(400);
  if (!route.public) statuses.push(401, 403);
  if ((op.parameters ?? []).some((p) => p.in === 'path')) statuses.push(404);
  // Fastify reads a body sent with any of these, whether the operation wants one or not.
  if (route.method !== 'GET') statuses.push(413, 415);
  if (route.rateLimited) statuses.push(429);
  return statuses;
}

export function completeOpenApiDocument(doc: OpenApiDocument, routes: readonly ApiRoute[]): OpenApiDocument {
  const { $schema: _, ...problem } = z.toJSONSchema(problemSchema);
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, Problem: problem } };
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    const op = doc.paths?.[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
    if (!op) continue;
    op.operationId = OPERATION_IDS[key] ?? generatedId(route.method, route.url);
    if (route.public) op.security = [];
    const responses = op.responses ?? {};
    for (const status of [...impliedErrors(route, op), ...(ERRORS[key] ?? [])]) {
      responses[String(status)] ??= { description: DESCRIPTIONS[status] ?? 'Error' };
    }
    for (const [status, response] of Object.entries(responses)) {
      if (Number(status) < 400) continue;
      const description = DESCRIPTIONS[Number(status)] ?? response.description;
      responses[status] = { description, content: { 'application/problem+json': { schema: PROBLEM } } };
    }
    op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
  }
  return doc;
}
