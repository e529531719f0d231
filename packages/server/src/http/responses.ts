import { problemSchema } from '@kintsugi/core';
import { z } from 'zod';

/** Error responses every authenticated route can give, for the OpenAPI document. */
export const errorResponses = {
  400: problemSchema.describe('Invalid input'),
  401: problemSchema.describe('Not signed in'),
  403: problemSchema.describe('Not allowed'),
  404: problemSchema.describe('Not found'),
} as const;

export const noContent = z.null().describe('No content');
