import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../api/api-error';
import { api, request } from '../../../api/client';
import { FormAlert } from '../../../components/form-alert';
import { SubmitButton } from '../../../components/submit-button';
import { repairPath } from '../repair-api';
import { TextAreaField } from '../text-area-field';
import type { CommitmentsView } from './commit-api';

type CoverageTheme = CommitmentsView['coverage']['themes'][number];

const STATE_WORDS: Record<CoverageTheme['state'], string> = {
  committed: 'Answered by a commitment',
  reasoned: 'Reason given',
  unanswered: 'Not answered yet',
};

/** Every theme, and whether a commitment or a stated reason answers it: in words, not colour alone. */
export function CoverageList({
  repairId,
  view,
  onChanged,
  canManage,
}: {
  repairId: string;
  view: CommitmentsView;
  onChanged: () => void;
  /** From the repair's abilities: only those who run the repair give reasons. */
  canManage: boolean;
}) {
  const { themes, coverage } = view.coverage;
  const answered = themes.filter((t) => t.state !== 'unanswered').length;
  return (
    <div className="coverage">
      <h3>Every theme answered</h3>
      <p className="muted">
        {themes.length === 0
          ? 'There are no themes yet.'
          : `${answered} of ${themes.length} ${themes.length === 1 ? 'theme is' : 'themes are'} answered${
              coverage === null ? '' : ` (${Math.round(coverage * 100)}% coverage)`
            }. The team sees that what they said led somewhere: a commitment, or a reason why not.`}
      </p>
      <ul className="coverage__list">
        {themes.map((theme) => (
          <CoverageItem
            key={theme.themeId}
            repairId={repairId}
            theme={theme}
            onChanged={onChanged}
            canManage={canManage}
          />
        ))}
      </ul>
    </div>
  );
}

function CoverageItem({
  repairId,
  theme,
  onChanged,
  canManage,
}: {
  repairId: string;
  theme: CoverageTheme;
  onChanged: () => void;
  canManage: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState(theme.reason ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const path = repairPath(repairId, `/themes/${encodeURIComponent(theme.themeId)}/reason`);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!reason.trim()) {
      setError('Write why no commitment answers this theme.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await request('PUT', path, { body: { reason } });
      setOpen(false);
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setError(null);
    try {
      await api.delete(path);
      setReason('');
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <li className={`coverage__item coverage__item--${theme.state}`}>
      <div className="coverage__row">
        <span className="coverage__name">{theme.name}</span>
        <span className={`coverage__state coverage__state--${theme.state}`}>
          <span aria-hidden="true">{theme.state === 'unanswered' ? '○ ' : '✓ '}</span>
          {STATE_WORDS[theme.state]}
        </span>
      </div>
      {theme.state === 'reasoned' && theme.reason && !open ? (
        <p className="coverage__reason small">
          <span className="muted">Why no commitment: </span>
          {theme.reason}
        </p>
      ) : null}
      {open ? (
        <form className="form coverage__form" onSubmit={save} noValidate>
          <TextAreaField
            label={`Why no commitment answers “${theme.name}”`}
            hint="The team sees this reason. Say it plainly, as you would to them."
            value={reason}
            onValueChange={setReason}
            rows={3}
            error={error ?? undefined}
          />
          <div className="button-row">
            <SubmitButton busy={busy} busyLabel="Saving…" className="button button--small">
              Save the reason
            </SubmitButton>
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => setOpen(false)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : canManage && theme.state !== 'committed' ? (
        <div className="button-row">
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => {
              setReason(theme.reason ?? '');
              setOpen(true);
            }}
          >
            {theme.state === 'reasoned' ? 'Change the reason' : 'Give a reason instead'}
            <span className="visually-hidden"> for {theme.name}</span>
          </button>
          {theme.state === 'reasoned' ? (
            <button type="button" className="button button--small button--danger-quiet" onClick={remove}>
              Remove the reason<span className="visually-hidden"> for {theme.name}</span>
            </button>
          ) : null}
        </div>
      ) : null}
      {!open ? <FormAlert message={error} /> : null}
    </li>
  );
}
