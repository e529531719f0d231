import { checkCommitment, commitmentDateProblems, describeSchedule, startsInThePast } from '@kintsugi/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../../../api/client';
import { TextField } from '../../../components/field';
import { FormAlert } from '../../../components/form-alert';
import { SubmitButton } from '../../../components/submit-button';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { dayFromToday } from '../repair-api';
import { TextAreaField } from '../text-area-field';
import { CHECK_PART_LABELS, type CommitmentsView, type CommitmentView, commitmentsPath } from './commit-api';
import { fromSchedule, type ScheduleDraft, ScheduleFields, toSchedule } from './schedule-fields';

export interface CommitmentDraft {
  action: string;
  evidence: string;
  schedule: ScheduleDraft;
  startsOn: string;
  endsOn: string;
  themeIds: string[];
  replacesId: string | null;
}

export function emptyDraft(): CommitmentDraft {
  return {
    action: '',
    evidence: '',
    schedule: {
      choice: 'weekly',
      due: '',
      weekdays: [],
      interval: '2',
      weekday: 'monday',
      day: '1',
      nth: 'first',
      timeOfDay: '09:00',
      event: '',
    },
    startsOn: dayFromToday(0),
    endsOn: '',
    themeIds: [],
    replacesId: null,
  };
}

/** A draft that replaces a retired commitment: the old words, to be rewritten. */
export function replacementDraft(old: CommitmentView): CommitmentDraft {
  const base = emptyDraft();
  return {
    ...base,
    action: old.action,
    evidence: old.evidence,
    schedule: fromSchedule(old.schedule, base.schedule),
    themeIds: [...old.themeIds],
    replacesId: old.id,
  };
}

/** The coach's check of the action, as the leader types: it blocks nothing. */
function ActionCheck({ text }: { text: string }) {
  if (!text.trim()) return null;
  const check = checkCommitment(text);
  return (
    <div
      className={check.ok ? 'commit-check commit-check--ok' : 'commit-check'}
      aria-live="polite"
      aria-atomic="true"
    >
      {check.ok ? (
        <p className="small">
          <strong>Coach:</strong> specific and observable — an action, who sees it, and when.
        </p>
      ) : (
        <>
          <p className="small">
            <strong>Coach:</strong>{' '}
            {check.missing.length > 0
              ? `not yet clear: ${check.missing.map((m) => CHECK_PART_LABELS[m] ?? m).join('; ')}.`
              : 'this reads as vague.'}
          </p>
          {check.suggestion ? <p className="small muted">{check.suggestion}</p> : null}
        </>
      )}
      {check.vague ? (
        <p className="small commit-check__vague">
          <span className="badge badge--vague">Vague</span> Marked as vague until rewritten.
        </p>
      ) : null}
    </div>
  );
}

export function CommitmentForm({
  repairId,
  view,
  initial,
  onSaved,
  onCancel,
}: {
  repairId: string;
  view: CommitmentsView;
  initial: CommitmentDraft;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const { errors, clear, showFields, showError } = useFormErrors();
  const [draft, setDraft] = useState<CommitmentDraft>(initial);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const replacing = initial.replacesId !== null;
  const replaced = view.commitments.find((c) => c.id === initial.replacesId);

  useEffect(() => {
    if (replacing) formRef.current?.querySelector('textarea')?.focus();
  }, [replacing]);

  const { schedule, problem } = toSchedule(draft.schedule);
  const preview = schedule ? describeSchedule(schedule) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fields: Record<string, string> = {};
    if (!draft.action.trim()) fields.action = 'Write what you will do, as someone could see it.';
    if (!draft.evidence.trim()) fields.evidence = 'Say how the team will be able to see it.';
    if (!schedule) fields.schedule = problem ?? 'Choose when.';
    if (!draft.startsOn) fields.startsOn = 'Choose the day it starts.';
    if (draft.endsOn && draft.startsOn && draft.endsOn < draft.startsOn)
      fields.endsOn = 'The end or review date must come after the start.';
    if (schedule && draft.startsOn) {
      const dates = { schedule, startsOn: draft.startsOn, ...(draft.endsOn ? { endsOn: draft.endsOn } : {}) };
      for (const p of commitmentDateProblems(dates, dayFromToday(0))) fields[p.path] ??= p.message;
    }
    if (Object.keys(fields).length > 0) return showFields(fields);
    clear();
    setBusy(true);
    try {
      await api.post<CommitmentView>(commitmentsPath(repairId), {
        action: draft.action,
        evidence: draft.evidence,
        schedule,
        startsOn: draft.startsOn,
        ...(draft.endsOn ? { endsOn: draft.endsOn } : {}),
        themeIds: draft.themeIds,
        ...(draft.replacesId ? { replacesId: draft.replacesId } : {}),
      });
      setDraft(emptyDraft());
      onSaved();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (...keys: string[]) => keys.map((k) => errors.fields[k]).find(Boolean);

  return (
    <form ref={formRef} className="form commitment-form" onSubmit={submit} noValidate>
      {replaced ? (
        <p className="notice panel commitment-form__replacing small">
          Replacing the retired commitment “{replaced.action}”. Rewrite it; the old one stays in the history.
        </p>
      ) : null}
      <TextAreaField
        label="What you will do"
        hint="An action someone could see you do, who sees it, and when."
        value={draft.action}
        onValueChange={(action) => setDraft({ ...draft, action })}
        rows={3}
        error={fieldError('action')}
        below={<ActionCheck text={draft.action} />}
      />
      <TextAreaField
        label="How the team will see it"
        hint="The evidence: where it shows, e.g. “the notes are in the #platform channel by Monday noon”."
        value={draft.evidence}
        onValueChange={(evidence) => setDraft({ ...draft, evidence })}
        rows={2}
        error={fieldError('evidence')}
      />
      <ScheduleFields
        draft={draft.schedule}
        onChange={(s) => setDraft({ ...draft, schedule: s })}
        error={fieldError('schedule', 'schedule.pattern.weekdays', 'schedule.due', 'schedule.description')}
      />
      <p className="schedule__preview" aria-live="polite">
        <span className="muted">The team will read: </span>
        {preview ? <strong>{preview}</strong> : <span className="muted">{problem}</span>}
      </p>
      <div className="commitment-form__dates">
        <TextField
          label="Starts on"
          type="date"
          value={draft.startsOn}
          onValueChange={(startsOn) => setDraft({ ...draft, startsOn })}
          error={fieldError('startsOn')}
        />
        <TextField
          label="End or review date (optional)"
          type="date"
          value={draft.endsOn}
          onValueChange={(endsOn) => setDraft({ ...draft, endsOn })}
          error={fieldError('endsOn')}
        />
      </div>
      <div aria-live="polite">
        {draft.startsOn && startsInThePast(draft.startsOn, dayFromToday(0)) ? (
          <p className="notice panel small">
            This start date is in the past. Nothing before today falls due: the record starts when you commit,
            and the start date only sets the rhythm (which week a fortnightly habit falls in, say).
          </p>
        ) : null}
      </div>
      <fieldset className={fieldError('themeIds') ? 'fieldset fieldset--invalid' : 'fieldset'}>
        <legend>Themes it answers</legend>
        {view.coverage.themes.length === 0 ? <p className="muted small">No themes yet.</p> : null}
        <ul className="checkbox-list checkbox-list--full">
          {view.coverage.themes.map((t) => (
            <li key={t.themeId}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={draft.themeIds.includes(t.themeId)}
                  onChange={(event) =>
                    setDraft({
                      ...draft,
                      themeIds: event.target.checked
                        ? [...draft.themeIds, t.themeId]
                        : draft.themeIds.filter((id) => id !== t.themeId),
                    })
                  }
                />
                {t.name}
              </label>
            </li>
          ))}
        </ul>
        {fieldError('themeIds') ? <p className="field__error">{fieldError('themeIds')}</p> : null}
      </fieldset>
      <FormAlert message={errors.form} />
      <div className="button-row">
        <SubmitButton busy={busy} busyLabel="Committing…">
          {replacing ? 'Commit to the replacement' : 'Commit'}
        </SubmitButton>
        {onCancel ? (
          <button type="button" className="button button--quiet" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
