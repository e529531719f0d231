import { idSchema } from '@kintsugi/core';
import { AppError } from '../../errors/app-error.js';

/** Where a page of people ends: the last person's name and id, the list's sort key. */
export interface PeopleCursor {
  name: string;
  id: string;
}

const BAD_CURSOR = 'That cursor is not one this list gave out; start again from the first page.';

/** Opaque to clients (base64url of JSON), so the sort key can change without a new API. */
export function encodePeopleCursor(cursor: PeopleCursor): string {
  return Buffer.from(JSON.stringify([cursor.name, cursor.id]), 'utf8').toString('base64url');
}

export function decodePeopleCursor(text: string): PeopleCursor {
  const bad = () =>
    new AppError('invalid_input', BAD_CURSOR, { errors: [{ path: 'cursor', message: BAD_CURSOR }] });
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw bad();
  const bytes = Buffer.from(text, 'base64url');
  // Node decodes leniently; only the canonical spelling of what we encoded is accepted.
  if (bytes.toString('base64url') !== text) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(value) || value.length !== 2) throw bad();
  const [name, id] = value as unknown[];
  if (typeof name !== 'string' || !idSchema.safeParse(id).success) throw bad();
  return { name, id: id as string };
}
