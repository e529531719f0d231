import { PASSWORD_MIN_LENGTH, passwordProblem } from '@kintsugi/core';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { TextField } from '../../components/field';
import { FormAlert, StatusMessage } from '../../components/form-alert';
import { SubmitButton } from '../../components/submit-button';
import { useFormErrors } from '../../hooks/use-form-errors';

export function ChangePasswordForm() {
  const { errors, clear, showFields, showError } = useFormErrors();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setDone(null);
    const fields: Record<string, string> = {};
    if (!currentPassword) fields.currentPassword = 'Enter your current password.';
    const weak = passwordProblem(newPassword);
    if (weak) fields.newPassword = weak;
    else if (newPassword !== confirm) fields.confirm = 'The two new passwords do not match.';
    if (Object.keys(fields).length > 0) return showFields(fields);

    clear();
    setBusy(true);
    try {
      await api.post('/api/v1/me/password', { currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setConfirm('');
      setDone(
        'Your password has been changed. You were signed out everywhere else, and your API tokens were revoked: create new ones where scripts need them.',
      );
    } catch (error) {
      if (error instanceof ApiError && error.code === 'wrong_password') {
        showFields({ currentPassword: error.message }, error.message);
      } else {
        showError(error);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      <TextField
        label="Current password"
        type="password"
        value={currentPassword}
        onValueChange={setCurrentPassword}
        error={errors.fields.currentPassword}
        autoComplete="current-password"
        required
      />
      <TextField
        label="New password"
        type="password"
        value={newPassword}
        onValueChange={setNewPassword}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        error={errors.fields.newPassword}
        autoComplete="new-password"
        required
      />
      <TextField
        label="Confirm new password"
        type="password"
        value={confirm}
        onValueChange={setConfirm}
        error={errors.fields.confirm}
        autoComplete="new-password"
        required
      />
      <FormAlert message={errors.form} />
      <StatusMessage message={done} />
      <SubmitButton busy={busy} busyLabel="Changing…">
        Change password
      </SubmitButton>
    </form>
  );
}
