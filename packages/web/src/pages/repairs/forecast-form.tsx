import type { LinksSent, Repair } from '@kintsugi/core';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { FormAlert, StatusMessage } from '../../components/form-alert';
import { SubmitButton } from '../../components/submit-button';
import { formatDay } from '../../dates';
import { useFormErrors } from '../../hooks/use-form-errors';
import { CoachNotes } from './coach-notes';
import { putRepair, repairPath } from './repair-api';
import { TextAreaField } from './text-area-field';

interface ForecastFormProps {
  repair: Repair;
  /** True while the questions above have unsaved changes: the forecast follows the saved questions. */
  questionsDirty: boolean;
  onSaved: (repair: Repair) => void;
  onSent: (sent: LinksSent) => void;
}

export const FORECAST_PROMPT = 'How do you expect the team to answer?';

/** One forecast per question, written before hearing anyone; then the round is sent and it locks. */
export function ForecastForm({ repair, questionsDirty, onSaved, onSent }: ForecastFormProps) {
  const { errors, clear, showFields, showError } = useFormErrors();
  const { round } = repair;
  const [forecast, setForecast] = useState<Record<string, string>>(() => ({ ...round.forecast }));
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const changed = round.questions.some((q) => (forecast[q.id] ?? '') !== (round.forecast[q.id] ?? ''));
  const forecastBody = () => ({
    forecast: Object.fromEntries(round.questions.map((q) => [q.id, forecast[q.id] ?? ''])),
  });

  const save = async () => {
    const updated = await putRepair(repairPath(repair.id, '/forecast'), forecastBody());
    onSaved(updated);
    return updated;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    clear();
    setSaved(null);
    setBusy(true);
    try {
      await save();
      setSaved('Forecast saved. You can change it until you send the round.');
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const askToSend = async () => {
    if (busy) return;
    setSaved(null);
    if (questionsDirty) return showFields({}, 'Save your changes to the questions first.');
    const fields: Record<string, string> = {};
    for (const q of round.questions) {
      if (!(forecast[q.id] ?? '').trim())
        fields[`forecast.${q.id}`] = 'Write how you expect the team to answer.';
    }
    if (Object.keys(fields).length > 0)
      return showFields(fields, 'Write a forecast for every question before sending the round.');
    clear();
    if (changed) {
      setBusy(true);
      try {
        await save();
      } catch (error) {
        setBusy(false);
        return showError(error);
      }
      setBusy(false);
    }
    setConfirming(true);
  };

  const send = async () => {
    try {
      onSent(await api.post<LinksSent>(repairPath(repair.id, '/round/open')));
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
        // A missing forecast: close the dialog and point at the field.
        setConfirming(false);
        showError(error);
        return;
      }
      throw error;
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      {round.questions.map((q) => (
        <TextAreaField
          key={q.id}
          label={q.text}
          hint={FORECAST_PROMPT}
          value={forecast[q.id] ?? ''}
          onValueChange={(text) => {
            setForecast({ ...forecast, [q.id]: text });
            setSaved(null);
          }}
          error={errors.fields[`forecast.${q.id}`]}
          rows={4}
          maxLength={5000}
          below={
            <CoachNotes text={forecast[q.id] ?? ''} breachKinds={repair.breachKinds} context="forecast" />
          }
        />
      ))}
      <FormAlert message={errors.form} />
      <StatusMessage message={saved} />
      <div className="button-row">
        <SubmitButton busy={busy} busyLabel="Saving…" className="button button--secondary">
          Save forecast
        </SubmitButton>
        <button type="button" className="button" onClick={askToSend} aria-disabled={busy || undefined}>
          Send the listening round
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Send the listening round?"
        confirmLabel="Send the round"
        onConfirm={send}
        onClose={() => setConfirming(false)}
      >
        <p>
          {repair.affected.length} {repair.affected.length === 1 ? 'person gets' : 'people get'} a personal
          link to answer until {formatDay(round.closesOn)}.
        </p>
        <p>
          <strong>Your forecast locks now</strong> and the questions can no longer change. Later you will see
          it beside what people actually said.
        </p>
      </ConfirmDialog>
    </form>
  );
}
