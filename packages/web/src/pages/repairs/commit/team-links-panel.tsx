import type { LinksSent, Repair, TeamLinkStatus } from '@kintsugi/core';
import { useState } from 'react';
import { api } from '../../../api/client';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { StatusMessage } from '../../../components/form-alert';
import { formatDay } from '../../../dates';
import { useApiResource } from '../../../hooks/use-api-resource';
import { namesList } from '../../../names';
import { LinksSentNotice, linksSentWords } from '../links-sent-notice';
import { repairPath } from '../repair-api';

type Person = Repair['affected'][number];

const STATE_WORDS = {
  active: (since: string | null) =>
    since ? `Working link since ${formatDay(since.slice(0, 10))}` : 'Working link',
  revoked: () => 'Link revoked',
  none: () => 'No link yet',
} as const;

const teamLinksPath = (repairId: string, personId = '') =>
  repairPath(repairId, `/team-links${personId ? `/${personId}` : ''}`);

/**
 * The leader's controls for the team space: personal links for everyone affected (emailed, never shown), and a
 * new link or a revocation for one person.
 */
export function TeamLinksPanel({ repair }: { repair: Repair }) {
  const [sending, setSending] = useState(false);
  const [target, setTarget] = useState<{ action: 'reissue' | 'revoke'; person: Person } | null>(null);
  // To whom the last links went, and how: never the links themselves.
  const [sent, setSent] = useState<LinksSent | null>(null);
  // Bumped on every sending so the note remounts and takes focus.
  const [shown, setShown] = useState(0);
  // Who has a working link (never the links: only their fingerprints are kept).
  const current = useApiResource<TeamLinkStatus>(teamLinksPath(repair.id));
  const stateOf = (personId: string) => current.data?.people.find((p) => p.personId === personId);
  const [status, setStatus] = useState<string | null>(null);
  const count = repair.affected.length;

  const send = async () => {
    const result = await api.post<LinksSent>(teamLinksPath(repair.id));
    setSent(result);
    setShown((n) => n + 1);
    current.reload();
    setStatus(null);
  };

  const reissue = async (person: Person) => {
    const result = await api.post<LinksSent>(teamLinksPath(repair.id, person.id));
    setSent(null);
    current.reload();
    setStatus(`${linksSentWords(result)} ${person.name}’s old team-space link no longer works.`);
  };

  const revoke = async (person: Person) => {
    await api.delete(teamLinksPath(repair.id, person.id));
    setSent(null);
    current.reload();
    setStatus(`${person.name}’s team-space link no longer works.`);
  };

  return (
    <section aria-labelledby="team-links-heading" className="section commit-section team-links">
      <h2 id="team-links-heading">Team space: let the team follow</h2>
      <p className="team-links__intro">
        Each person affected gets a personal link to the team space, no account needed: your messages, the
        themes you heard, your commitments and your record, where they can anonymously confirm what they saw
        you do. It never shows anyone’s answers or who said what.
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => setSending(true)} disabled={count === 0}>
          Send team-space links…
        </button>
      </div>
      {count === 0 ? <p className="small muted">Nobody is named as affected by this repair.</p> : null}
      <StatusMessage message={status} />

      {/* Before the note: the dialog's closing effect restores focus, then the note takes it. */}
      <ConfirmDialog
        open={sending}
        title="Send team-space links to everyone affected?"
        confirmLabel="Send the links"
        onConfirm={send}
        onClose={() => setSending(false)}
      >
        <p>
          {count === 1 ? 'The one person' : `Each of the ${count} people`} affected (
          {namesList(repair.affected.map((p) => p.name))}) will be sent their own personal link.
        </p>
        <p>If you have sent team-space links before, those earlier links stop working.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={target?.action === 'reissue'}
        title={
          target ? `Make a new team-space link for ${target.person.name}?` : 'Make a new team-space link?'
        }
        confirmLabel="Make a new link"
        onConfirm={() => (target ? reissue(target.person) : Promise.resolve())}
        onClose={() => setTarget(null)}
      >
        <p>
          Their current link stops working at once. The new link is sent to them — by email, or through the
          admins’ outbox when email is not set up — and you never see it.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={target?.action === 'revoke'}
        title={target ? `Revoke ${target.person.name}’s team-space link?` : 'Revoke a team-space link?'}
        confirmLabel="Revoke the link"
        onConfirm={() => (target ? revoke(target.person) : Promise.resolve())}
        onClose={() => setTarget(null)}
      >
        <p>
          Their link stops working at once, and they can no longer follow this repair until you make them a
          new link.
        </p>
      </ConfirmDialog>

      {sent ? (
        <LinksSentNotice
          key={shown}
          sent={sent}
          level={3}
          className="team-links__box"
          heading="Team-space links sent"
          onDone={() => setSent(null)}
        >
          <p>Each link is personal: it opens the team space for one person. Earlier links stop working.</p>
        </LinksSentNotice>
      ) : null}

      <details className="details-box team-links__people">
        <summary>Someone lost their link, or should no longer have one?</summary>
        <p className="small muted">
          A new link replaces a person’s old one and is emailed to them; revoking stops it working. Only a
          fingerprint of each link is kept, so a lost link cannot be shown again, only replaced.
        </p>
        <ul className="plain-list">
          {repair.affected.map((person) => {
            const state = stateOf(person.id);
            const note = state ? STATE_WORDS[state.state](state.issuedAt) : null;
            return (
              <li key={person.id} className="plain-list__row team-links__person">
                <span>
                  {person.name}
                  {note ? <span className="small muted team-links__note">{note}</span> : null}
                </span>
                <span className="team-links__actions">
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    onClick={() => setTarget({ action: 'reissue', person })}
                  >
                    New link<span className="visually-hidden"> for {person.name}</span>
                  </button>
                  <button
                    type="button"
                    className="button button--small button--danger-quiet"
                    onClick={() => setTarget({ action: 'revoke', person })}
                  >
                    Revoke<span className="visually-hidden"> {person.name}’s link</span>
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      </details>
    </section>
  );
}
