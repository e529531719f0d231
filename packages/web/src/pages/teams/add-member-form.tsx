import type { Person, Team } from '@kintsugi/core';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { SelectField } from '../../components/field';
import { FormAlert } from '../../components/form-alert';
import { SubmitButton } from '../../components/submit-button';
import { useFormErrors } from '../../hooks/use-form-errors';

interface AddMemberFormProps {
  team: Team;
  people: Person[];
  onAdded: (team: Team) => void;
}

export function AddMemberForm({ team, people, onAdded }: AddMemberFormProps) {
  const { errors, clear, showFields, showError } = useFormErrors();
  const [personId, setPersonId] = useState('');
  const [busy, setBusy] = useState(false);
  const memberIds = new Set(team.members.map((m) => m.id));
  const candidates = people.filter((p) => !memberIds.has(p.id)).sort((a, b) => a.name.localeCompare(b.name));

  if (candidates.length === 0) {
    return <p className="muted">Everyone in your organisation is already in this team.</p>;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!personId) return showFields({ personId: 'Choose a person to add.' });
    clear();
    setBusy(true);
    try {
      const updated = await api.post<Team>(`/api/v1/teams/${team.id}/members`, { personId });
      setPersonId('');
      onAdded(updated);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      <SelectField
        label="Person"
        value={personId}
        onValueChange={setPersonId}
        options={[
          { value: '', label: 'Choose a person…' },
          ...candidates.map((p) => ({ value: p.id, label: `${p.name} (${p.email})` })),
        ]}
        error={errors.fields.personId}
      />
      <FormAlert message={errors.form} />
      <SubmitButton busy={busy} busyLabel="Adding…">
        Add to team
      </SubmitButton>
    </form>
  );
}
