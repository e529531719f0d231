import type { Session } from '@kintsugi/core';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import { TextField } from '../components/field';
import { FormAlert } from '../components/form-alert';
import { PageHeading } from '../components/page-heading';
import { SubmitButton } from '../components/submit-button';
import { useFormErrors } from '../hooks/use-form-errors';
import { useSessionContext } from '../session/session-context';

export function LoginPage() {
  const { signedIn } = useSessionContext();
  const { errors, clear, showFields, showError } = useFormErrors();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fields: Record<string, string> = {};
    if (!email.trim()) fields.email = 'Enter your email address.';
    if (!password) fields.password = 'Enter your password.';
    if (Object.keys(fields).length > 0) return showFields(fields);

    clear();
    setBusy(true);
    try {
      const session = await api.post<Session>('/api/v1/session', { email, password });
      // The shell sees the session and sends us on to ?next= (or home).
      signedIn(session);
    } catch (error) {
      setBusy(false);
      setPassword('');
      showError(error);
    }
  };

  return (
    <section className="card">
      <PageHeading>Sign in</PageHeading>
      <form onSubmit={submit} noValidate className="form">
        <TextField
          label="Email"
          type="email"
          value={email}
          onValueChange={setEmail}
          error={errors.fields.email}
          autoComplete="username"
          required
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onValueChange={setPassword}
          error={errors.fields.password}
          autoComplete="current-password"
          required
        />
        <FormAlert message={errors.form} />
        <SubmitButton busy={busy} busyLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      <p className="muted small">Forgot your password? Ask an admin of your organisation to help you.</p>
    </section>
  );
}
