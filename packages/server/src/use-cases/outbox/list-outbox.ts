import type { Outbox } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { authorize, policies } from '../../policies/policies.js';
import type { Deps } from '../deps.js';

export const OUTBOX_LIMIT = 200;

/** The organisation's recent email, newest first: what was sent, and what waits to be delivered by hand. */
export async function listOutbox(deps: Deps, actor: Actor): Promise<Outbox> {
  authorize(policies.manageOrganization(actor), 'Only admins can read the outbox.');
  const rows = await deps.db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('organization_id', '=', actor.organizationId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(OUTBOX_LIMIT)
    .execute();
  return {
    delivering: deps.mailer.delivers,
    messages: rows.map((r) => ({
      id: r.id,
      to: r.recipient,
      subject: r.subject,
      body: r.body,
      createdAt: r.created_at,
      sentAt: r.sent_at,
      error: r.error,
    })),
  };
}
