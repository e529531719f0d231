import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface FollowUpView {
  from: 'leader' | 'author';
  text: string;
  createdOn: string;
}

/** The follow-up conversations on the given answers, in order, keyed by answer id. */
export async function loadFollowUps(
  db: Kysely<Database>,
  answerIds: readonly string[],
): Promise<Map<string, FollowUpView[]>> {
  const threads = new Map<string, FollowUpView[]>();
  if (answerIds.length === 0) return threads;
  const rows = await db
    .selectFrom('follow_ups')
    .select(['answer_id', 'author', 'body', 'created_on'])
    .where('answer_id', 'in', [...answerIds])
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const thread = threads.get(row.answer_id) ?? [];
    thread.push({ from: row.author, text: row.body, createdOn: row.created_on });
    threads.set(row.answer_id, thread);
  }
  return threads;
}
