import type { ApiToken, ApiTokenCreated } from '@kintsugi/core';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { TextField } from '../../components/field';
import { FormAlert } from '../../components/form-alert';
import { Loading } from '../../components/loading';
import { SubmitButton } from '../../components/submit-button';
import { useApiResource } from '../../hooks/use-api-resource';
import { useFormErrors } from '../../hooks/use-form-errors';
import { NewTokenSecret } from './new-token-secret';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function formatDate(iso: string | null): string {
  return iso ? dateFormat.format(new Date(iso)) : 'Never';
}

export function ApiTokens() {
  const tokens = useApiResource<{ tokens: ApiToken[] }>('/api/v1/me/tokens');
  const { errors, clear, showFields, showError } = useFormErrors();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!name.trim())
      return showFields({ name: 'Name the token after what will use it, e.g. “Reporting script”.' });
    clear();
    setBusy(true);
    try {
      const result = await api.post<ApiTokenCreated>('/api/v1/me/tokens', { name });
      setName('');
      setCreated(result);
      tokens.reload();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async () => {
    if (!revoking) return;
    await api.delete(`/api/v1/me/tokens/${revoking.id}`);
    tokens.reload();
  };

  return (
    <>
      <p>Tokens let scripts use the Kintsugi API as you. Treat each one like a password.</p>
      {created ? <NewTokenSecret created={created} onDone={() => setCreated(null)} /> : null}
      {tokens.loading && !tokens.data ? <Loading label="Loading tokens…" /> : null}
      <FormAlert message={tokens.error} />
      {tokens.data && tokens.data.tokens.length === 0 ? <EmptyState title="You have no API tokens." /> : null}
      {tokens.data && tokens.data.tokens.length > 0 ? (
        <ul className="token-list">
          {tokens.data.tokens.map((token) => (
            <li key={token.id} className="token-list__item">
              <span>
                <strong className="break">{token.name}</strong>
                <span className="muted small">
                  Created {formatDate(token.createdAt)} · Last used {formatDate(token.lastUsedAt)}
                </span>
              </span>
              <button
                type="button"
                className="button button--small button--danger-quiet"
                onClick={() => setRevoking(token)}
              >
                Revoke<span className="visually-hidden"> {token.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}

      <form onSubmit={submit} noValidate className="form form--inline">
        <TextField
          label="New token name"
          value={name}
          onValueChange={setName}
          error={errors.fields.name}
          autoComplete="off"
        />
        <SubmitButton busy={busy} busyLabel="Creating…">
          Create token
        </SubmitButton>
        <FormAlert message={errors.form} />
      </form>

      <ConfirmDialog
        open={revoking !== null}
        title={revoking ? `Revoke “${revoking.name}”?` : 'Revoke token?'}
        confirmLabel="Revoke token"
        onConfirm={revoke}
        onClose={() => setRevoking(null)}
      >
        <p>Anything using this token will stop working straight away. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
