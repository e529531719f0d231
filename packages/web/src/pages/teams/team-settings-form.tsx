import type { Person, Team, TeamUpdateInput } from '@kintsugi/core';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { FormAlert, StatusMessage } from '../../components/form-alert';
import { SubmitButton } from '../../components/submit-button';
import { useFormErrors } from '../../hooks/use-form-errors';
import { NO_LEADER } from './leader-options';
import { TeamFields } from './team-fields';

interface TeamSettingsFormProps {
  team: Team;
  people: Person[];
  onSaved: (team: Team) => void;
}

export function TeamSettingsForm({ team, people, onSaved }: TeamSettingsFormProps) {
  const { errors, clear, showFields, showError } = useFormErrors();
  const [name, setName] = useState(team.name);
  const [leaderId, setLeaderId] = useState(team.leader?.id ?? NO_LEADER);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSaved(null);
    if (!name.trim()) return showFields({ name: 'Give the team a name.' });
    const changes: TeamUpdateInput = {};
    if (name !== team.name) changes.name = name;
    if (leaderId !== (team.leader?.id ?? NO_LEADER))
      changes.leaderId = leaderId === NO_LEADER ? null : leaderId;
    if (Object.keys(changes).length === 0) {
      clear();
      setSaved('Nothing to save: the team is unchanged.');
      return;
    }
    clear();
    setBusy(true);
    try {
      const updated = await api.patch<Team>(`/api/v1/teams/${team.id}`, changes);
      onSaved(updated);
      setSaved('Team settings saved.');
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      <TeamFields
        people={people}
        name={name}
        onNameChange={setName}
        leaderId={leaderId}
        onLeaderChange={setLeaderId}
        errors={errors.fields}
      />
      <FormAlert message={errors.form} />
      <StatusMessage message={saved} />
      <SubmitButton busy={busy} busyLabel="Saving…">
        Save settings
      </SubmitButton>
    </form>
  );
}
