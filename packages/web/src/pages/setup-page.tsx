import { PASSWORD_MIN_LENGTH, passwordProblem, type Session } from '@kintsugi/core';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import { TextField } from '../components/field';
import { FormAlert } from '../components/form-alert';
import { PageHeading } from '../components/page-heading';
import { SubmitButton } from '../components/submit-button';
import { useFormErrors } from '../hooks/use-form-errors';
import { useSessionContext } from '../session/session-context';

/** First run: creates the organisation and its first admin, who is then signed in. */
export function SetupPage() {
  const { signedIn } = useSessionContext();
  const { errors, clear, showFields, showError } = useFormErrors();
  const [organizationName, setOrganizationName] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fields: Record<string, string> = {};
    if (!organizationName.trim()) fields.organizationName = 'Enter the name of your organisation.';
    if (!name.trim()) fields.name = 'Enter your name.';
    if (!email.trim()) fields.email = 'Enter your email address.';
    const weak = passwordProblem(password);
    if (weak) fields.password = weak;
    else if (password !== confirm) fields.confirm = 'The two passwords do not match.';
    if (Object.keys(fields).length > 0) return showFields(fields);

    clear();
    setBusy(true);
    try {
      const session = await api.post<Session>('/api/v1/setup', { organizationName, name, email, password });
      // The shell sees the session and takes the new admin home.
      signedIn(session);
    } catch (error) {
      setBusy(false);
      showError(error);
    }
  };

  return (
    <section className="card">
      <PageHeading title="Set up Kintsugi">Welcome to Kintsugi</PageHeading>
      <p className="lead">
        Let’s set up your organisation. You will be its first admin; you can add people and teams next.
      </p>
      <form onSubmit={submit} noValidate className="form">
        <TextField
          label="Organisation name"
          value={organizationName}
          onValueChange={setOrganizationName}
          error={errors.fields.organizationName}
          autoComplete="organization"
          required
        />
        <TextField
          label="Your name"
          value={name}
          onValueChange={setName}
          error={errors.fields.name}
          autoComplete="name"
          required
        />
        <TextField
          label="Your email"
          type="email"
          value={email}
          onValueChange={setEmail}
          error={errors.fields.email}
          autoComplete="email"
          required
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onValueChange={setPassword}
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. A short sentence is easy to remember and hard to guess.`}
          error={errors.fields.password}
          autoComplete="new-password"
          required
        />
        <TextField
          label="Confirm password"
          type="password"
          value={confirm}
          onValueChange={setConfirm}
          error={errors.fields.confirm}
          autoComplete="new-password"
          required
        />
        <FormAlert message={errors.form} />
        <SubmitButton busy={busy} busyLabel="Setting up…">
          Create organisation
        </SubmitButton>
      </form>
    </section>
  );
}
