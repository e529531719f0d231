import { MIN_ANONYMITY_THRESHOLD, type Organization } from '@kintsugi/core';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { TextField } from '../../components/field';
import { FormAlert, StatusMessage } from '../../components/form-alert';
import { SubmitButton } from '../../components/submit-button';
import { useFormErrors } from '../../hooks/use-form-errors';

export function OrganizationSettingsForm({
  organization,
  onSaved,
}: {
  organization: Organization;
  onSaved: (o: Organization) => void;
}) {
  const { errors, clear, showFields, showError } = useFormErrors();
  const [name, setName] = useState(organization.name);
  const [timeZone, setTimeZone] = useState(organization.timeZone);
  const [threshold, setThreshold] = useState(String(organization.anonymityThreshold));
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setDone(null);
    const k = Number(threshold);
    if (!Number.isInteger(k) || k < MIN_ANONYMITY_THRESHOLD) {
      return showFields({
        anonymityThreshold: `Enter a whole number of at least ${MIN_ANONYMITY_THRESHOLD}.`,
      });
    }
    clear();
    setBusy(true);
    try {
      const saved = await api.patch<Organization>('/api/v1/organization', {
        name,
        timeZone,
        anonymityThreshold: k,
      });
      onSaved(saved);
      setDone('Saved.');
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      <TextField label="Name" value={name} onValueChange={setName} error={errors.fields.name} required />
      <TextField
        label="Time zone"
        value={timeZone}
        onValueChange={setTimeZone}
        hint="An IANA time zone such as Europe/Berlin."
        error={errors.fields.timeZone}
        required
      />
      <TextField
        label="Answers needed before anything is shown"
        type="number"
        inputMode="numeric"
        min={MIN_ANONYMITY_THRESHOLD}
        max={50}
        value={threshold}
        onValueChange={setThreshold}
        hint={`Anonymous answers stay hidden until at least this many people have answered. Never below ${MIN_ANONYMITY_THRESHOLD}.`}
        error={errors.fields.anonymityThreshold}
        required
      />
      <FormAlert message={errors.form} />
      <StatusMessage message={done} />
      <SubmitButton busy={busy} busyLabel="Saving…">
        Save settings
      </SubmitButton>
    </form>
  );
}
