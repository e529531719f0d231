import { randomUUID } from 'node:crypto';
import type { LinksSent, Question } from '@kintsugi/core';
import type { Actor } from '../../auth/actor.js';
import { hashSecret, newSecret } from '../../auth/secrets.js';
import { createBallotKeys } from '../../ballots/ballot-keys.js';
import { AppError } from '../../errors/app-error.js';
import { shuffle } from '../../util/shuffle.js';
import { linksSent } from '../ballots/link-delivery.js';
import { type Deps, nowIso } from '../deps.js';
import { invitationEmail } from './invitation-email.js';
import { loadManagedRepair, loadRound } from './load-repair.js';

export function answerUrl(deps: Deps, secret: string): string {
  // The secret travels in the fragment, which browsers never send to a server or write to its logs.
  return `${deps.baseUrl}/answer#${secret}`;
}

/**
 * Sends the listening round: locks the forecast, creates the round's key pair and one personal link per
 * affected person (stored only as hashes), and emails each link to its person. The leader is told to whom the links
 * went, never the links: whoever holds a link could answer in its owner's place.
 */
export async function openRound(deps: Deps, actor: Actor, repairId: string): Promise<LinksSent> {
  const repair = await loadManagedRepair(deps.db, actor, repairId);
  const round = await loadRound(deps.db, repairId);
  if (round.status !== 'draft') throw new AppError('conflict', 'This listening round has already been sent.');
  const questions = JSON.parse(round.questions) as Question[];
  const forecast = JSON.parse(round.forecast) as Record<string, string>;
  const missing = questions.filter((q) => !forecast[q.id]?.trim());
  if (missing.length > 0) {
    throw new AppError(
      'invalid_input',
      'Write your forecast for every question before sending the round: how do you expect the team to answer?',
      {
        errors: missing.map((q) => ({
          path: `forecast.${q.id}`,
          message: `No forecast yet for "${q.text}".`,
        })),
      },
    );
  }
  const people = await deps.db
    .selectFrom('repair_people as rp')
    .innerJoin('people as p', 'p.id', 'rp.person_id')
    .select(['p.id', 'p.name', 'p.email'])
    .where('rp.repair_id', '=', repairId)
    .execute();
  const keys = await createBallotKeys(deps.secret, round.id);
  const invitations = shuffle(people).map((person) => ({ person, secret: newSecret() }));
  const today = nowIso(deps).slice(0, 10);

  await deps.db.transaction().execute(async (trx) => {
    const opened = await trx
      .updateTable('rounds')
      .set({
        status: 'open',
        opened_on: today,
        public_key: keys.publicKey,
        private_key: keys.encryptedPrivateKey,
      })
      .where('id', '=', round.id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (opened.numUpdatedRows === 0n)
      throw new AppError('conflict', 'This listening round has already been sent.');
    await trx
      .insertInto('invitations')
      .values(
        invitations.map(({ person, secret }) => ({
          id: randomUUID(),
          round_id: round.id,
          person_id: person.id,
          link_hash: hashSecret(secret),
        })),
      )
      .execute();
    await trx
      .updateTable('repairs')
      .set({ stage: 'listening', updated_at: nowIso(deps) })
      .where('id', '=', repairId)
      .execute();
  });

  for (const { person, secret } of invitations) {
    await deps.mailer.send({
      organizationId: repair.organization_id,
      to: person.email,
      ...invitationEmail({
        leaderName: repair.leaderName,
        teamName: repair.teamName,
        title: repair.title,
        closesOn: round.closes_on,
        url: answerUrl(deps, secret),
      }),
    });
  }
  return linksSent(deps, repair.organization_id, people);
}
