import { useState } from 'react';
import { errorMessage } from '../../../api/api-error';
import { api } from '../../../api/client';
import { FormAlert } from '../../../components/form-alert';
import { Modal } from '../../../components/modal';
import { formatDay } from '../../../dates';
import { TextAreaField } from '../text-area-field';
import { type CommitmentsView, type CommitmentView, commitmentsPath, formatMoment } from './commit-api';

export function themeNames(view: CommitmentsView, ids: readonly string[]): string {
  const names = ids.map((id) => view.coverage.themes.find((t) => t.themeId === id)?.name).filter(Boolean);
  return names.length > 0 ? names.join(', ') : 'no theme';
}

/** What the leader committed to, live ones first; retired ones stay visible with their reason. */
export function CommitmentList({
  repairId,
  view,
  onChanged,
  onReplace,
  canManage,
}: {
  repairId: string;
  view: CommitmentsView;
  onChanged: () => void;
  onReplace: (old: CommitmentView) => void;
  /** From the repair's abilities: only those who run the repair retire a commitment. */
  canManage: boolean;
}) {
  const [retiring, setRetiring] = useState<CommitmentView | null>(null);
  const live = view.commitments.filter((c) => !c.retired);
  const retired = view.commitments.filter((c) => c.retired);
  return (
    <>
      <ul className="commitment-list">
        {[...live, ...retired].map((c) => (
          <li key={c.id} className={c.retired ? 'panel commitment commitment--retired' : 'panel commitment'}>
            <h4 className="commitment__action">
              {c.action}
              {c.vague ? <span className="badge badge--vague">Vague</span> : null}
              {c.retired ? <span className="badge">Retired</span> : null}
            </h4>
            <p className="commitment__when">
              <strong>{c.scheduleText}</strong>
              <span className="muted">
                {' '}
                · from {formatDay(c.startsOn)}
                {c.endsOn ? ` until ${formatDay(c.endsOn)}` : ''}
              </span>
            </p>
            <p className="small">
              <span className="muted">How the team sees it: </span>
              {c.evidence}
            </p>
            <p className="small">
              <span className="muted">Answers: </span>
              {themeNames(view, c.themeIds)}
            </p>
            {c.vague && c.missing.length > 0 ? (
              <p className="small muted">
                Marked as vague until rewritten: it does not yet say {c.missing.join(', ')}.
              </p>
            ) : null}
            {c.replacesId ? (
              <p className="small muted">
                Replaces “
                {view.commitments.find((o) => o.id === c.replacesId)?.action ?? 'an earlier commitment'}”.
              </p>
            ) : null}
            {c.retired ? (
              <p className="small commitment__retired">
                Retired <time dateTime={c.retired.at}>{formatMoment(c.retired.at)}</time>: {c.retired.reason}
              </p>
            ) : canManage ? (
              <div className="button-row">
                <button
                  type="button"
                  className="button button--small button--danger-quiet"
                  onClick={() => setRetiring(c)}
                >
                  Retire<span className="visually-hidden"> “{c.action}”</span>
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <RetireDialog
        repairId={repairId}
        commitment={retiring}
        onClose={() => setRetiring(null)}
        onRetired={(old, replace) => {
          setRetiring(null);
          onChanged();
          if (replace) onReplace(old);
        }}
      />
    </>
  );
}

function RetireDialog({
  repairId,
  commitment,
  onClose,
  onRetired,
}: {
  repairId: string;
  commitment: CommitmentView | null;
  onClose: () => void;
  onRetired: (old: CommitmentView, replace: boolean) => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    if (busy) return;
    setReason('');
    setError(null);
    onClose();
  };

  const retire = async (replace: boolean) => {
    if (!commitment || busy) return;
    if (!reason.trim()) {
      setError('Say why you are retiring it: the team sees this reason.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(commitmentsPath(repairId, `/${encodeURIComponent(commitment.id)}/retire`), { reason });
      setReason('');
      setBusy(false);
      onRetired(commitment, replace);
    } catch (err) {
      setBusy(false);
      setError(errorMessage(err));
    }
  };

  return (
    <Modal open={commitment !== null} title="Retire this commitment?" onClose={close}>
      <div className="modal__body">
        <p>
          “{commitment?.action}” stops here. Its history stays, and the team sees your reason. To change a
          commitment, retire it and write a replacement.
        </p>
        <TextAreaField label="Why you are retiring it" value={reason} onValueChange={setReason} rows={3} />
      </div>
      <FormAlert message={error} />
      <div className="button-row">
        <button type="button" className="button" onClick={() => retire(true)} disabled={busy}>
          Retire and write a replacement
        </button>
        <button
          type="button"
          className="button button--danger-quiet"
          onClick={() => retire(false)}
          disabled={busy}
        >
          Retire only
        </button>
        <button type="button" className="button button--secondary" onClick={close} disabled={busy}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
