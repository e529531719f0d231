import type { PulseInvitation } from '@kintsugi/core';
import { type FormEvent, useId, useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import {
  type BallotSender,
  isNetworkError,
  type SubmissionState,
  sendBallot,
} from '../../ballot/send-ballot';
import { FormAlert } from '../../components/form-alert';
import { SubmitButton } from '../../components/submit-button';
import { TextAreaField } from '../repairs/text-area-field';
import type { PulseAnswers } from './pulse-api';
import { RatingScale } from './rating-scale';
import { INVALID_LINK, tokenFailure } from './use-pulse-flow';

export const COMMENT_MAX = 2000;

type Phase = 'idle' | 'sending';
export type FormOutcome = SubmissionState | 'used' | 'closed';

interface PulseFormProps {
  invitation: PulseInvitation;
  sender: BallotSender<PulseAnswers>;
  /** Answers kept from a send that did not finish. */
  draft: PulseAnswers | null;
  onOutcome: (outcome: FormOutcome) => void;
}

/**
 * The statements and the open question. Sending makes the anonymous token and saves it with the answers first
 * (see sendBallot): a failed send keeps every answer, and sending again finishes it with the same token.
 */
export function PulseForm({ invitation, sender, draft, onOutcome }: PulseFormProps) {
  const [ratings, setRatings] = useState<Record<string, number | undefined>>(() =>
    Object.fromEntries((draft?.ratings ?? []).map((r) => [r.itemId, r.value])),
  );
  const [comment, setComment] = useState(draft?.comment ?? '');
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<string | null>(null);
  const commentId = useId();
  const counterId = `${commentId}-counter`;
  const rated = invitation.items.filter((item) => ratings[item.id] !== undefined).length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (phase !== 'idle') return;
    const chosen = invitation.items.flatMap((item) => {
      const value = ratings[item.id];
      return value === undefined ? [] : [{ itemId: item.id, value }];
    });
    if (chosen.length === 0) {
      setError('Rate at least one statement before sending. You may skip any of the others.');
      document.querySelector<HTMLInputElement>('.pulse-scale__input')?.focus();
      return;
    }
    setError(null);
    setPhase('sending');
    try {
      const { state } = await sendBallot(sender, { ratings: chosen, comment: comment.trim() });
      onOutcome(state);
    } catch (failed) {
      setPhase('idle');
      const failure = tokenFailure(failed);
      if (failure === 'closed') return onOutcome('closed');
      if (failure === 'used') return onOutcome('used');
      // 404: the link no longer opens; 400 is a refused answer, said as the server words it.
      if (failure === 'invalid' && !(failed instanceof ApiError && failed.status === 400))
        return setError(INVALID_LINK);
      setError(
        isNetworkError(failed)
          ? 'Your answers could not be sent: the Kintsugi server did not answer. Nothing is lost — this page keeps them. Check your connection and press “Send my answers” again.'
          : errorMessage(failed),
      );
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form pulse-form">
      <p className="muted small pulse-form__skip">
        Rate each statement from 1 (strongly disagree) to 7 (strongly agree). Skip any you would rather not
        rate: every statement is optional.
      </p>
      {invitation.items.map((item, i) => (
        <RatingScale
          key={item.id}
          number={i + 1}
          itemId={item.id}
          text={item.text}
          scale={invitation.scale}
          value={ratings[item.id]}
          onChange={(value) => setRatings((current) => ({ ...current, [item.id]: value }))}
        />
      ))}
      <TextAreaField
        id={commentId}
        aria-describedby={`${commentId}-hint ${counterId}`}
        label={invitation.freeText.text}
        hint={`Optional. ${invitation.leaderName} reads comments only once at least ${invitation.threshold} people have answered, mixed in random order. Details or a writing style can still point to you, so write only what you are comfortable with.`}
        value={comment}
        onValueChange={setComment}
        rows={5}
        maxLength={COMMENT_MAX}
        below={
          <p className="field__hint pulse-form__counter" id={counterId}>
            {comment.length.toLocaleString('en')} of {COMMENT_MAX.toLocaleString('en')} characters
          </p>
        }
      />
      <FormAlert message={error} />
      <p className="pulse-form__summary">
        {rated} of {invitation.items.length} statements rated
      </p>
      <SubmitButton busy={phase !== 'idle'} busyLabel="Sending anonymously…">
        Send my answers
      </SubmitButton>
    </form>
  );
}
