import type { BallotInvitation } from '@kintsugi/core';
import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/api-error';
import type { RoundAnswers } from '../../ballot/ballot-api';
import { type BallotSender, isNetworkError, type Sent, sendBallot } from '../../ballot/send-ballot';
import { TextField } from '../../components/field';
import { FormAlert } from '../../components/form-alert';
import { SubmitButton } from '../../components/submit-button';
import { useFormErrors } from '../../hooks/use-form-errors';
import { TextAreaField } from '../repairs/text-area-field';

interface AnswerFormProps {
  invitation: BallotInvitation;
  sender: BallotSender<RoundAnswers>;
  /** Answers kept from a send that did not finish. */
  draft: RoundAnswers | null;
  /** Called once the server has the answers: stored, or pending until enough people have answered. */
  onAnswered: (sent: Sent) => Promise<void>;
  /** The link took its token elsewhere in the meantime. */
  onUsed: () => void;
}

export const NOT_SENT =
  'Your answers could not be sent: the Kintsugi server did not answer. Nothing is lost — this page keeps them. Check your connection and press the button again.';

/**
 * The questions, and sending the answers: the anonymous token is made and saved with the answers at this moment
 * (see sendBallot), so a failed send loses nothing and the next one finishes it.
 */
export function AnswerForm({ invitation, sender, draft, onAnswered, onUsed }: AnswerFormProps) {
  const { errors, clear, showFields, showError } = useFormErrors();
  const nameId = useId();
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries((draft?.answers ?? []).map((a) => [a.questionId, a.text])),
  );
  const [withName, setWithName] = useState(draft?.name != null);
  const [name, setName] = useState(draft?.name ?? '');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const answers = invitation.questions
      .map((q) => ({ questionId: q.id, text: (texts[q.id] ?? '').trim() }))
      .filter((a) => a.text !== '');
    const fields: Record<string, string> = {};
    if (answers.length === 0 && invitation.questions[0]) {
      fields[`answer.${invitation.questions[0].id}`] = 'Answer at least one question.';
    }
    if (withName && !name.trim()) fields.name = 'Write your name, or untick the box to stay anonymous.';
    if (Object.keys(fields).length > 0) return showFields(fields);
    clear();
    setBusy(true);
    try {
      const sent = await sendBallot(sender, { answers, name: withName ? name.trim() : null });
      await onAnswered(sent);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.status === 409 && error.code !== 'round_closed') return onUsed();
      showError(isNetworkError(error) ? new Error(NOT_SENT) : error);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form answer-form">
      {invitation.questions.map((q, i) => (
        <TextAreaField
          key={q.id}
          label={
            <>
              <span className="answer-form__number">{i + 1}.</span> {q.text}
            </>
          }
          value={texts[q.id] ?? ''}
          onValueChange={(text) => setTexts({ ...texts, [q.id]: text })}
          error={errors.fields[`answer.${q.id}`]}
          rows={5}
          maxLength={5000}
        />
      ))}
      <p className="muted small">You may leave a question blank.</p>
      <div className="name-choice">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={withName}
            onChange={(e) => setWithName(e.target.checked)}
            aria-describedby={`${nameId}-hint`}
          />
          <span>Answer with my name (your leader will see it is you)</span>
        </label>
        <p className="field__hint" id={`${nameId}-hint`}>
          Unticked, your answers are anonymous. This choice is for these answers only.
        </p>
        {withName ? (
          <TextField
            label="Your name"
            value={name}
            onValueChange={setName}
            error={errors.fields.name}
            autoComplete="name"
            maxLength={120}
          />
        ) : null}
      </div>
      <FormAlert message={errors.form} />
      <SubmitButton busy={busy} busyLabel="Sending anonymously…">
        {withName ? 'Send my answers with my name' : 'Send my answers anonymously'}
      </SubmitButton>
    </form>
  );
}
