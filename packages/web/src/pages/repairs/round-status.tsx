import type { LinksSent, Repair } from '@kintsugi/core';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { FormAlert, StatusMessage } from '../../components/form-alert';
import { formatDay } from '../../dates';
import { linksSentWords } from './links-sent-notice';
import { repairPath } from './repair-api';

/** How many answered — never fewer than the threshold as a number — and the round's controls. */
export function responseCountText(repair: Repair): string {
  const { responses, invitedCount } = repair.round;
  if (responses.count === null) return `Fewer than ${responses.threshold} people have answered yet.`;
  return `${responses.count} of ${invitedCount} people have answered.`;
}

/** How many personal links took an answer token, and how many owners said theirs was used by someone else. */
export function linkUseText(repair: Repair): { used: string; misused: string } {
  const { used, reportedMisused } = repair.round.links;
  const k = repair.round.responses.threshold;
  return {
    // Like answers, a count below k is never given: it would say who has answered, one by one.
    used:
      used === null || used < k
        ? `Fewer than ${k} personal links have been used to answer so far.`
        : `${used} personal links have been used to answer.`,
    misused:
      reportedMisused === 0
        ? 'Nobody has said their link was used by someone else.'
        : `${reportedMisused} ${reportedMisused === 1 ? 'person said their link was' : 'people said their links were'} used by someone other than them. You are not told whose.`,
  };
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
      <LinkUse repair={repair} />
      {round.status === 'open' && repair.abilities.manage ? (
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

function LinkUse({ repair }: { repair: Repair }) {
  const words = linkUseText(repair);
  const misused = repair.round.links.reportedMisused > 0;
  return (
    <div className={misused ? 'link-use link-use--misused' : 'link-use'}>
      <h3 className="link-use__title">Personal links</h3>
      <p>
        {words.used} {misused ? <strong>{words.misused}</strong> : words.misused}
      </p>
      {misused ? (
        <p className="small">
          Someone who held a link — whoever handed links out, or someone it was forwarded to — answered in its
          owner’s place. Set up email (SMTP) so links go straight to each person.
        </p>
      ) : null}
    </div>
  );
}

/** A person lost their link: send them another (their earlier one keeps working). */
function FreshLinks({ repair }: { repair: Repair }) {
  const [sent, setSent] = useState<LinksSent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const reissue = async (person: { id: string; name: string }) => {
    if (busy) return;
    setBusy(person.id);
    setError(null);
    setSent(null);
    try {
      setSent(await api.post<LinksSent>(repairPath(repair.id, `/round/links/${person.id}`)));
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
        Send them another personal link. Their earlier link keeps working, and each person can still answer
        only once. This says nothing about whether they have answered.
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
              {busy === person.id ? 'Sending…' : 'Send a new link'}
              <span className="visually-hidden"> to {person.name}</span>
            </button>
          </li>
        ))}
      </ul>
      <FormAlert message={error} />
      <StatusMessage message={sent ? linksSentWords(sent) : null} />
    </details>
  );
}
