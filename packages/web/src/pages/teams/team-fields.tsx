import type { Person } from '@kintsugi/core';
import { SelectField, TextField } from '../../components/field';
import { leaderOptions } from './leader-options';

interface TeamFieldsProps {
  people: Person[];
  name: string;
  onNameChange: (name: string) => void;
  leaderId: string;
  onLeaderChange: (leaderId: string) => void;
  errors: Record<string, string | undefined>;
}

/** The team name and leader fields shared by creating a team and its settings. */
export function TeamFields({
  people,
  name,
  onNameChange,
  leaderId,
  onLeaderChange,
  errors,
}: TeamFieldsProps) {
  return (
    <>
      <TextField
        label="Team name"
        value={name}
        onValueChange={onNameChange}
        error={errors.name}
        autoComplete="off"
        required
      />
      <SelectField
        label="Leader"
        value={leaderId}
        onValueChange={onLeaderChange}
        options={leaderOptions(people)}
        hint="People with the Leader or Admin role can lead a team."
        error={errors.leaderId}
      />
    </>
  );
}
