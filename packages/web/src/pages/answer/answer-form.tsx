import type { BallotInvitation } from '@kintsugi/core';
import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { fetchThread, submitAnswers } from '../../ballot/ballot-api';
import type { ReplyKey } from '../../ballot/reply-key';
import { TextField } from '../../components/field';
import { FormAlert } from '../../components/form-alert';
import { SubmitButton } from '../../components/submit-button';
import { useFormErrors } from '../../hooks/use-form-errors';
import { TextAreaField } from '../repairs/text-area-field';

interface AnswerFormProps {
  invitation: BallotInvitation;
  replyKey: ReplyKey;
  /** Called once the answers are in (or were already in: the key was spent before). */
  onAnswered: (alreadyAnswered: boolean) => void;
}

export function AnswerForm({ invitation, replyKey, onAnswered }: AnswerFormProps) {
  const { errors, clear, showFields, showError } = useFormErrors();
  const nameId = useId();
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [withName, setWithName] = useState(false);
  const [name, setName] = useState('');
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
      await submitAnswers(replyKey, answers, withName ? name.trim() : undefined);
      onAnswered(false);
    } catch (error) {
      setBusy(false);
      // 409 is either "this key was already used" or "the round has closed": only the thread can tell.
      if (error instanceof ApiError && error.status === 409 && (await wasAnswered(replyKey)))
        return onAnswered(true);
      showError(error);
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
      <SubmitButton busy={busy} busyLabel="Sending…">
        {withName ? 'Send my answers with my name' : 'Send my answers anonymously'}
      </SubmitButton>
    </form>
  );
}

async function wasAnswered(key: ReplyKey): Promise<boolean> {
  try {
    return (await fetchThread(key)).answers.length > 0;
  } catch {
    return false;
  }
}
