import type { Repair } from '@kintsugi/core';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { FormAlert } from '../../components/form-alert';
import { formatDay } from '../../dates';
import { type InvitationLink, LinkRow } from './links-panel';
import { repairPath } from './repair-api';

/** How many answered — never fewer than the threshold as a number — and the round's controls. */
export function responseCountText(repair: Repair): string {
  const { responses, invitedCount } = repair.round;
  if (responses.count === null) return `Fewer than ${responses.threshold} people have answered yet.`;
  return `${responses.count} of ${invitedCount} people have answered.`;
}

export function RoundStatus({ repair, onChanged }: { repair: Repair; onChanged: (repair: Repair) => void }) {
  const { round } = repair;
  const [closing, setClosing] = useState(false);

  const close = async () => {
    const updated = await api.post<Repair>(repairPath(repair.id, '/round/close'));
    onChanged(updated);
  };

  return (
    <>
      <p className="round-count">
        <strong>{responseCountText(repair)}</strong>{' '}
        {round.status === 'open' ? (
          <span className="muted">The round closes at the end of {formatDay(round.closesOn)}.</span>
        ) : (
          <span className="muted">The round is closed.</span>
        )}
      </p>
      <p className="muted small">
        To keep everyone anonymous, nothing anyone wrote is shown until at least {round.responses.threshold}{' '}
        people have answered, and you never see who has or has not answered.
      </p>
      {round.status === 'open' ? (
        <>
          <div className="button-row">
            <button type="button" className="button button--danger-quiet" onClick={() => setClosing(true)}>
              Close the round early
            </button>
          </div>
          <ConfirmDialog
            open={closing}
            title="Close the listening round now?"
            confirmLabel="Close the round"
            onConfirm={close}
            onClose={() => setClosing(false)}
          >
            <p>
              Nobody can answer after this, and it cannot be reopened. The round would otherwise stay open
              until {formatDay(round.closesOn)}.
            </p>
          </ConfirmDialog>
          <FreshLinks repair={repair} />
        </>
      ) : null}
    </>
  );
}

/** A person lost their link: make a new one (the old one stops working). */
function FreshLinks({ repair }: { repair: Repair }) {
  const [fresh, setFresh] = useState<InvitationLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const reissue = async (person: { id: string; name: string }) => {
    if (busy) return;
    setBusy(person.id);
    setError(null);
    try {
      const { url } = await api.post<{ url: string }>(repairPath(repair.id, `/round/links/${person.id}`));
      setFresh({ personId: person.id, name: person.name, email: '', url });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <details className="details-box">
      <summary>Someone lost their link?</summary>
      <p className="small">
        Make them a fresh link. Their old link stops working; this says nothing about whether they have
        answered.
      </p>
      <ul className="plain-list">
        {repair.affected.map((person) => (
          <li key={person.id} className="plain-list__row">
            <span>{person.name}</span>
            <button
              type="button"
              className="button button--small button--quiet"
              aria-disabled={busy !== null || undefined}
              onClick={() => reissue(person)}
            >
              {busy === person.id ? 'Making…' : 'New link'}
              <span className="visually-hidden"> for {person.name}</span>
            </button>
          </li>
        ))}
      </ul>
      <FormAlert message={error} />
      {fresh ? (
        <div className="secret">
          <p className="secret__warning">
            <strong>A new link for {fresh.name}.</strong> Copy it now: it is shown only once.
          </p>
          <ul className="links-panel__list">
            <LinkRow link={fresh} />
          </ul>
        </div>
      ) : null}
    </details>
  );
}
