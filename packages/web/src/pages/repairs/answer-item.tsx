import type { RevealedAnswer } from '@kintsugi/core';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { FollowUpThread } from '../../components/follow-up-thread';
import { FormAlert, StatusMessage } from '../../components/form-alert';
import { SubmitButton } from '../../components/submit-button';
import { formatDay } from '../../dates';
import { useFormErrors } from '../../hooks/use-form-errors';
import { CoachNotes } from './coach-notes';
import { repairPath } from './repair-api';
import { TextAreaField } from './text-area-field';

/** One anonymous answer, its follow-up conversation, and the leader's form to ask more. */
export function AnswerItem({
  answer,
  repairId,
  onChanged,
}: {
  answer: RevealedAnswer;
  repairId: string;
  onChanged: () => void;
}) {
  const [asking, setAsking] = useState(false);
  return (
    <li className="answer">
      <p className="answer__text prewrap">{answer.text}</p>
      <p className="answer__meta small muted">
        {answer.authorName ? (
          <>
            <strong className="answer__name">{answer.authorName}</strong> chose to answer with their name ·{' '}
          </>
        ) : (
          'Anonymous · '
        )}
        {formatDay(answer.answeredOn)}
      </p>
      {answer.followUps.length > 0 ? (
        <FollowUpThread
          followUps={answer.followUps}
          label="Follow-up conversation"
          fromLabel={(from) =>
            from === 'leader'
              ? 'You asked'
              : answer.authorName
                ? `${answer.authorName} replied`
                : 'They replied'
          }
        />
      ) : null}
      {asking ? (
        <FollowUpForm
          repairId={repairId}
          answerId={answer.id}
          onDone={(sent) => {
            setAsking(false);
            if (sent) onChanged();
          }}
        />
      ) : (
        <button type="button" className="button button--small button--quiet" onClick={() => setAsking(true)}>
          Ask a follow-up question
        </button>
      )}
    </li>
  );
}

function FollowUpForm({
  repairId,
  answerId,
  onDone,
}: {
  repairId: string;
  answerId: string;
  onDone: (sent: boolean) => void;
}) {
  const { errors, clear, showFields, showError } = useFormErrors();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!text.trim()) return showFields({ text: 'Write your question.' });
    clear();
    setBusy(true);
    try {
      await api.post(repairPath(repairId, `/answers/${answerId}/follow-ups`), { text });
      setSent('Sent. They will see it when they come back through their link.');
      setText('');
      onDone(true);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form follow-up-form">
      <TextAreaField
        label="Your follow-up question"
        hint="Ask to understand, not to explain: “What would have helped you most that week?”"
        value={text}
        onValueChange={setText}
        error={errors.fields.text}
        rows={3}
        maxLength={2000}
        autoFocus
        below={<CoachNotes text={text} context="follow_up" />}
      />
      <FormAlert message={errors.form} />
      <StatusMessage message={sent} />
      <div className="button-row">
        <SubmitButton busy={busy} busyLabel="Sending…" className="button button--small">
          Send the question
        </SubmitButton>
        <button type="button" className="button button--small button--quiet" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
