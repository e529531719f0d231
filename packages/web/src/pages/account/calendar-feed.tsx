import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { FormAlert, StatusMessage } from '../../components/form-alert';

/** A secret iCalendar address of the leader's commitments, shown once; getting a new one retires the old. */
export function CalendarFeed() {
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);

  const create = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const result = await api.post<{ url: string }>('/api/v1/me/calendar-feed', undefined);
      setUrl(result.url);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    await api.delete('/api/v1/me/calendar-feed');
    setUrl(null);
    setStatus('Your calendar address is removed; calendars using it will stop updating.');
  };

  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Copied to the clipboard.');
    } catch {
      setStatus('Copying is blocked here: select the address and copy it yourself.');
    }
  };

  return (
    <>
      <p>
        Subscribe your own calendar to your commitments, so each one appears when it is due. The address is
        secret: anyone who has it can read your commitments.
      </p>
      {url ? (
        <div className="secret">
          <p className="secret__warning">
            <strong>Copy it now.</strong> It will not be shown again; get a new one if you lose it.
          </p>
          <label className="visually-hidden" htmlFor="calendar-url">
            Calendar address
          </label>
          <div className="secret__row">
            <textarea
              id="calendar-url"
              className="secret__value"
              readOnly
              rows={2}
              spellCheck={false}
              value={url}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" className="button button--secondary" onClick={copy}>
              Copy
            </button>
          </div>
        </div>
      ) : null}
      <StatusMessage message={status} />
      <FormAlert message={error} />
      <div className="button-row">
        <button type="button" className="button" onClick={create} disabled={busy}>
          {busy ? 'Creating…' : 'Get a calendar address'}
        </button>
        <button type="button" className="button button--danger-quiet" onClick={() => setRemoving(true)}>
          Remove my calendar address
        </button>
      </div>
      <p className="muted small">Getting a new address stops the old one from working.</p>
      <ConfirmDialog
        open={removing}
        title="Remove your calendar address?"
        confirmLabel="Remove address"
        onConfirm={remove}
        onClose={() => setRemoving(false)}
      >
        <p>Calendars subscribed to it will stop receiving your commitments.</p>
      </ConfirmDialog>
    </>
  );
}
