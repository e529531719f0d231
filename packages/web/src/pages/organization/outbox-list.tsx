import type { Outbox } from '@kintsugi/core';
import { EmptyState } from '../../components/empty-state';

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function OutboxList({ outbox }: { outbox: Outbox }) {
  return (
    <>
      <p className="muted">
        {outbox.delivering
          ? 'Email is sent through your SMTP server. Only who, what and when are kept here.'
          : 'No SMTP server is configured (SMTP_URL), so email waits here. Deliver each message by hand, only to its recipient: invitations carry personal links, and whoever holds a link could answer in its owner’s place. Set up SMTP so links go straight to each person.'}
      </p>
      {outbox.messages.length === 0 ? (
        <EmptyState title="No email yet">Invitations and reminders will appear here.</EmptyState>
      ) : (
        <ul className="outbox">
          {outbox.messages.map((m) => (
            <li key={m.id} className="outbox__item">
              <p className="outbox__head">
                <strong>{m.subject}</strong>
                <span className="muted">
                  {' '}
                  to {m.to} · {when(m.createdAt)} ·{' '}
                  {m.sentAt ? 'sent' : m.error ? `not sent: ${m.error}` : 'waiting to be delivered'}
                </span>
              </p>
              {m.body ? (
                <details>
                  <summary>Show message</summary>
                  <pre className="outbox__body">{m.body}</pre>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
