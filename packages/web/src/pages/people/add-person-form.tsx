import { PASSWORD_MIN_LENGTH, type Person, passwordProblem, type Role } from '@kintsugi/core';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { TextField } from '../../components/field';
import { FormAlert, StatusMessage } from '../../components/form-alert';
import { SubmitButton } from '../../components/submit-button';
import { useFormErrors } from '../../hooks/use-form-errors';
import { PersonFields } from './person-fields';

export function AddPersonForm({ onAdded }: { onAdded: () => void }) {
  const { errors, clear, clearField, showFields, showError } = useFormErrors();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setAdded(null);
    const fields: Record<string, string> = {};
    if (!name.trim()) fields.name = 'Enter their name.';
    if (!email.trim()) fields.email = 'Enter their email address.';
    const weak = password ? passwordProblem(password) : null;
    if (weak) fields.password = weak;
    if (Object.keys(fields).length > 0) return showFields(fields);

    clear();
    setBusy(true);
    try {
      const person = await api.post<Person>('/api/v1/people', {
        name,
        email,
        role,
        ...(password ? { password } : {}),
      });
      setName('');
      setEmail('');
      setRole('member');
      setPassword('');
      setAdded(`${person.name} was added${person.hasAccount ? ' and can sign in' : ''}.`);
      onAdded();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      <PersonFields
        name={name}
        onNameChange={(value) => {
          setName(value);
          clearField('name');
        }}
        email={email}
        onEmailChange={(value) => {
          setEmail(value);
          clearField('email');
        }}
        role={role}
        onRoleChange={setRole}
        errors={errors.fields}
      />
      <TextField
        label="Password (optional)"
        type="password"
        value={password}
        onValueChange={(value) => {
          setPassword(value);
          clearField('password');
        }}
        hint={`Gives them an account to sign in with. At least ${PASSWORD_MIN_LENGTH} characters. Leave empty for people who will only use personal links.`}
        error={errors.fields.password}
        autoComplete="new-password"
      />
      <FormAlert message={errors.form} />
      <StatusMessage message={added} />
      <SubmitButton busy={busy} busyLabel="Adding…">
        Add person
      </SubmitButton>
    </form>
  );
}
