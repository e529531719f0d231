import type { BallotInvitation } from '@kintsugi/core';
import { type FormEvent, useState } from 'react';
import { sendThreadReply, type ThreadAnswer } from '../../ballot/ballot-api';
import type { ReplyKey } from '../../ballot/reply-key';
import { FollowUpThread } from '../../components/follow-up-thread';
import { FormAlert, StatusMessage } from '../../components/form-alert';
import { SubmitButton } from '../../components/submit-button';
import { useFormErrors } from '../../hooks/use-form-errors';
import { TextAreaField } from '../repairs/text-area-field';

interface AnswerThreadProps {
  invitation: BallotInvitation | null;
  replyKey: ReplyKey;
  answers: ThreadAnswer[];
  onReplied: () => Promise<void>;
}

/** The person's own answers, the leader's follow-up questions, and a way to reply — still anonymous. */
export function AnswerThread({ invitation, replyKey, answers, onReplied }: AnswerThreadProps) {
  const questionText = (id: string) => invitation?.questions.find((q) => q.id === id)?.text ?? 'Your answer';
  const open = invitation?.status !== 'closed';

  return (
    <section aria-labelledby="thread-heading" className="section">
      <h2 id="thread-heading">What you said, and follow-up questions</h2>
      <ul className="own-answers">
        {answers.map((answer) => {
          const lastFrom = answer.followUps.at(-1)?.from;
          return (
            <li key={answer.questionId} className="panel own-answer">
              <h3>{questionText(answer.questionId)}</h3>
              <p className="prewrap">{answer.text}</p>
              {answer.followUps.length > 0 ? (
                <FollowUpThread
                  followUps={answer.followUps}
                  label="Follow-up questions"
                  fromLabel={(from) => (from === 'leader' ? 'Your leader asked' : 'You replied')}
                />
              ) : (
                <p className="muted small">No follow-up questions yet.</p>
              )}
              {lastFrom === 'leader' && open ? (
                <ReplyForm replyKey={replyKey} questionId={answer.questionId} onReplied={onReplied} />
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ReplyForm({
  replyKey,
  questionId,
  onReplied,
}: {
  replyKey: ReplyKey;
  questionId: string;
  onReplied: () => Promise<void>;
}) {
  const { errors, clear, showFields, showError } = useFormErrors();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!text.trim()) return showFields({ text: 'Write your reply.' });
    clear();
    setBusy(true);
    try {
      await sendThreadReply(replyKey, questionId, text.trim());
      setText('');
      setSent('Your reply was sent, anonymously.');
      await onReplied();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      <TextAreaField
        label="Your reply"
        value={text}
        onValueChange={setText}
        error={errors.fields.text}
        rows={3}
        maxLength={2000}
      />
      <FormAlert message={errors.form} />
      <StatusMessage message={sent} />
      <SubmitButton busy={busy} busyLabel="Sending…" className="button button--small">
        Send my reply
      </SubmitButton>
    </form>
  );
}
