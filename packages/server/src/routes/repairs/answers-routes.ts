import {
  answersViewSchema,
  followUpInputSchema,
  idSchema,
  problemSchema,
  themeInputSchema,
  themeSchema,
  themesViewSchema,
  themeUpdateInputSchema,
} from '@kintsugi/core';
import { z } from 'zod';
import { actorOf } from '../../http/authenticate-hook.js';
import { errorResponses, noContent } from '../../http/responses.js';
import type { RouteContext } from '../../http/types.js';
import { askFollowUp, getAnswersView } from '../../use-cases/repairs/answers-view.js';
import { createTheme, deleteTheme, listThemes, updateTheme } from '../../use-cases/repairs/themes.js';
import { repairParams } from './repairs-routes.js';

const themeParams = z.strictObject({ repairId: idSchema, themeId: idSchema });

export function registerAnswerRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/v1/repairs/:repairId/answers',
    {
      schema: {
        tags: ['listening'],
        summary: 'What people said, per question, once at least k answered; beside your forecast',
        params: repairParams,
        response: { 200: answersViewSchema, ...errorResponses },
      },
    },
    async (request) => getAnswersView(deps, actorOf(request), request.params.repairId),
  );

  app.post(
    '/api/v1/repairs/:repairId/answers/:answerId/follow-ups',
    {
      schema: {
        tags: ['listening'],
        summary: 'Ask the (anonymous) author of an answer a follow-up question',
        params: z.strictObject({ repairId: idSchema, answerId: idSchema }),
        body: followUpInputSchema,
        response: { 201: noContent, ...errorResponses, 409: problemSchema },
      },
    },
    async (request, reply) => {
      await askFollowUp(
        deps,
        actorOf(request),
        request.params.repairId,
        request.params.answerId,
        request.body.text,
      );
      return reply.code(201).send(null);
    },
  );

  app.get(
    '/api/v1/repairs/:repairId/themes',
    {
      schema: {
        tags: ['understanding'],
        summary: 'Themes and suggested groupings of the shown answers',
        params: repairParams,
        response: { 200: themesViewSchema, ...errorResponses },
      },
    },
    async (request) => listThemes(deps, actorOf(request), request.params.repairId),
  );

  app.post(
    '/api/v1/repairs/:repairId/themes',
    {
      schema: {
        tags: ['understanding'],
        summary: 'Name a theme: the need behind some answers, acknowledged in your words',
        params: repairParams,
        body: themeInputSchema,
        response: { 201: themeSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createTheme(deps, actorOf(request), request.params.repairId, request.body)),
  );

  app.patch(
    '/api/v1/repairs/:repairId/themes/:themeId',
    {
      schema: {
        tags: ['understanding'],
        summary: 'Change a theme',
        params: themeParams,
        body: themeUpdateInputSchema,
        response: { 200: themeSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateTheme(deps, actorOf(request), request.params.repairId, request.params.themeId, request.body),
  );

  app.delete(
    '/api/v1/repairs/:repairId/themes/:themeId',
    {
      schema: {
        tags: ['understanding'],
        summary: 'Delete a theme no commitment answers',
        params: themeParams,
        response: { 204: noContent, ...errorResponses, 409: problemSchema },
      },
    },
    async (request, reply) => {
      await deleteTheme(deps, actorOf(request), request.params.repairId, request.params.themeId);
      return reply.code(204).send(null);
    },
  );
}
