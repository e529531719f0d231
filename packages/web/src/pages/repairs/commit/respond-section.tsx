import type { Message, Repair } from '@kintsugi/core';
import { type FormEvent, useState } from 'react';
import { api } from '../../../api/client';
import { LiveCoach } from '../../../components/coach/live-coach';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { FormAlert, StatusMessage } from '../../../components/form-alert';
import { Loading } from '../../../components/loading';
import { useApiResource } from '../../../hooks/use-api-resource';
import { formatMoment, messagesPath } from './commit-api';

/** Respond: the leader's message to the team, read by the coach as it is typed, published for good. */
export function RespondSection({ repair, onPublished }: { repair: Repair; onPublished: () => void }) {
  const list = useApiResource<{ messages: Message[] }>(messagesPath(repair.id));
  const [draft, setDraft] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const messages = list.data?.messages ?? [];

  const ask = (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    if (!draft.trim()) {
      setError('Write your message to the team first.');
      return;
    }
    setError(null);
    setConfirming(true);
  };

  const publish = async () => {
    await api.post<Message>(messagesPath(repair.id), { body: draft });
    setDraft('');
    setStatus('Your message is published. The team can read it now.');
    list.reload();
    onPublished();
  };

  const composer = (
    <form className="form panel panel--wide message-composer" onSubmit={ask} noValidate>
      {messages.length === 0 ? <h3>Write your message</h3> : null}
      <LiveCoach
        label="Your message to the team"
        hint="What you heard, what it cost them, what you own, and what you will do."
        value={draft}
        onValueChange={setDraft}
        breachKinds={repair.breachKinds}
        context="response"
        rows={10}
        headingLevel={3}
      />
      <FormAlert message={error} />
      <button type="submit" className="button">
        Publish to the team…
      </button>
    </form>
  );

  return (
    <section aria-labelledby="respond-heading" className="section commit-section">
      <h2 id="respond-heading">Respond: your message to the team</h2>
      <p className="muted">
        Speak to what you heard before you explain anything. Once published, a message cannot be edited; a
        correction is a new message.
      </p>
      {list.loading && !list.data ? <Loading label="Loading your messages…" /> : null}
      <FormAlert message={list.error} />
      {list.data ? (
        messages.length === 0 ? (
          <EmptyState title="No message published yet." />
        ) : (
          <>
            <h3>Published</h3>
            <ol className="message-list">
              {messages.map((m) => (
                <li key={m.id} className="panel message">
                  <p className="message__meta small muted">
                    {m.authorName} · published{' '}
                    <time dateTime={m.publishedAt}>{formatMoment(m.publishedAt)}</time>
                  </p>
                  <p className="prewrap message__body">{m.body}</p>
                </li>
              ))}
            </ol>
          </>
        )
      ) : null}
      <StatusMessage message={status} />
      {/* Only those who run the repair may publish (the repair's abilities say who). */}
      {!repair.abilities.manage ? null : messages.length === 0 ? (
        composer
      ) : (
        <details className="details-box message-composer__more">
          <summary>Write another message: an update or a correction</summary>
          {composer}
        </details>
      )}
      <ConfirmDialog
        open={confirming}
        title="Publish this message to the team?"
        confirmLabel="Publish"
        onConfirm={publish}
        onClose={() => setConfirming(false)}
      >
        <p>The team will see this; it cannot be edited. A correction would be a new message.</p>
      </ConfirmDialog>
    </section>
  );
}
