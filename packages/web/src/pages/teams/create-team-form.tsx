import type { Person, Team } from '@kintsugi/core';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { FormAlert, StatusMessage } from '../../components/form-alert';
import { SubmitButton } from '../../components/submit-button';
import { useFormErrors } from '../../hooks/use-form-errors';
import { Link } from '../../router/router';
import { NO_LEADER } from './leader-options';
import { MemberPicker } from './member-picker';
import { TeamFields } from './team-fields';

export function CreateTeamForm({ people, onCreated }: { people: Person[]; onCreated: () => void }) {
  const { errors, clear, showFields, showError } = useFormErrors();
  const [name, setName] = useState('');
  const [leaderId, setLeaderId] = useState(NO_LEADER);
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Team | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setCreated(null);
    if (!name.trim()) return showFields({ name: 'Give the team a name.' });
    clear();
    setBusy(true);
    try {
      const team = await api.post<Team>('/api/v1/teams', {
        name,
        leaderId: leaderId === NO_LEADER ? null : leaderId,
        memberIds,
      });
      setName('');
      setLeaderId(NO_LEADER);
      setMemberIds([]);
      setCreated(team);
      onCreated();
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
      <MemberPicker
        people={people}
        selected={memberIds}
        onChange={setMemberIds}
        error={errors.fields.memberIds}
      />
      <FormAlert message={errors.form} />
      <StatusMessage message={created ? `Team ${created.name} was created.` : null} />
      {created ? (
        <p>
          <Link to={`/teams/${created.id}`}>Open {created.name}</Link>
        </p>
      ) : null}
      <SubmitButton busy={busy} busyLabel="Creating…">
        Create team
      </SubmitButton>
    </form>
  );
}
