import type { BreachKind } from '@kintsugi/core';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../../api/client';
import { LiveCoach } from '../../../components/coach/live-coach';
import { TextField } from '../../../components/field';
import { FormAlert } from '../../../components/form-alert';
import { SubmitButton } from '../../../components/submit-button';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { TextAreaField } from '../text-area-field';
import { commitmentsPath } from './commit-api';

/** Records one occurrence as kept (what was done) or missed (owned, with the coach reading it). */
export function RecordForm({
  repairId,
  commitmentId,
  dueAt,
  title,
  breachKinds,
  onSaved,
  onCancel,
}: {
  repairId: string;
  commitmentId: string;
  /** Omitted for an event commitment: it is logged as happening now. */
  dueAt?: string;
  title: string;
  breachKinds: readonly BreachKind[];
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const { errors, clear, showFields, showError } = useFormErrors();
  const [status, setStatus] = useState<'kept' | 'missed'>('kept');
  const [note, setNote] = useState('');
  const [link, setLink] = useState('');
  const [busy, setBusy] = useState(false);
  const name = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!note.trim())
      return showFields({
        note: status === 'kept' ? 'Write what you did.' : 'Own the miss in a sentence or two.',
      });
    clear();
    setBusy(true);
    try {
      await api.post(commitmentsPath(repairId, `/${encodeURIComponent(commitmentId)}/occurrences`), {
        ...(dueAt ? { dueAt } : {}),
        status,
        note,
        ...(status === 'kept' && link.trim() ? { link: link.trim() } : {}),
      });
      onSaved();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form record-form" onSubmit={submit} noValidate aria-label={title}>
      <fieldset className="fieldset record-form__status">
        <legend>{title}</legend>
        <label className="checkbox">
          <input type="radio" name={name} checked={status === 'kept'} onChange={() => setStatus('kept')} />
          Kept
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name={name}
            checked={status === 'missed'}
            onChange={() => setStatus('missed')}
          />
          Missed
        </label>
      </fieldset>
      {status === 'kept' ? (
        <>
          <TextAreaField
            label="What you did"
            value={note}
            onValueChange={setNote}
            rows={2}
            error={errors.fields.note}
          />
          <TextField
            label="Link (optional)"
            hint="Where the team can see it, e.g. the notes."
            type="url"
            inputMode="url"
            value={link}
            onValueChange={setLink}
            error={errors.fields.link}
          />
        </>
      ) : (
        <>
          <LiveCoach
            label="Own it, in one or two sentences"
            hint="Don’t explain it away: say what you missed and what it cost them."
            value={note}
            onValueChange={setNote}
            breachKinds={breachKinds}
            context="missed_note"
            rows={3}
            headingLevel={3}
          />
          {errors.fields.note ? <p className="field__error">{errors.fields.note}</p> : null}
        </>
      )}
      <FormAlert message={errors.form} />
      <div className="button-row">
        <SubmitButton busy={busy} busyLabel="Recording…" className="button button--small">
          {status === 'kept' ? 'Record as kept' : 'Record as missed'}
        </SubmitButton>
        {onCancel ? (
          <button type="button" className="button button--small button--quiet" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
