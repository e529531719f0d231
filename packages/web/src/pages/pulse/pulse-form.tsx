import type { PulseInvitation } from '@kintsugi/core';
import { type FormEvent, useId, useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import type { BlindToken } from '../../ballot/blind-signature';
import { FormAlert } from '../../components/form-alert';
import { SubmitButton } from '../../components/submit-button';
import { TextAreaField } from '../repairs/text-area-field';
import { submitPulseAnswers } from './pulse-api';
import { RatingScale } from './rating-scale';
import { INVALID_LINK, tokenFailure } from './use-pulse-flow';

export const COMMENT_MAX = 2000;

type Phase = 'idle' | 'token' | 'sending';
export type FormOutcome = 'answered' | 'already-answered' | 'used' | 'closed';

interface PulseFormProps {
  invitation: PulseInvitation;
  ensureToken: (invitation: PulseInvitation) => Promise<BlindToken>;
  dropToken: (invitation: PulseInvitation) => void;
  onOutcome: (outcome: FormOutcome) => void;
}

/**
 * The statements and the open question. Ratings stay in this form's state until the server has them: a
 * failed send keeps every answer, and sending again retries.
 */
export function PulseForm({ invitation, ensureToken, dropToken, onOutcome }: PulseFormProps) {
  const [ratings, setRatings] = useState<Record<string, number | undefined>>({});
  const [comment, setComment] = useState('');
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
    setPhase('token');
    try {
      const token = await ensureToken(invitation);
      setPhase('sending');
      try {
        await submitPulseAnswers(invitation.pulseId, token, chosen, comment.trim());
      } catch (sendError) {
        if (sendError instanceof ApiError && sendError.status === 403) dropToken(invitation);
        throw sendError;
      }
      onOutcome('answered');
    } catch (failed) {
      setPhase('idle');
      const failure = tokenFailure(failed);
      if (failed instanceof ApiError && failed.code === 'already_answered')
        return onOutcome('already-answered');
      if (failure === 'closed') return onOutcome('closed');
      if (failure === 'used') return onOutcome('used');
      if (failure === 'invalid' && !(failed instanceof ApiError && failed.status === 400))
        return setError(INVALID_LINK);
      const network = failed instanceof ApiError && failed.code === 'network';
      setError(
        network
          ? 'Your answers could not be sent: the Kintsugi server did not answer. Nothing is lost — check your connection and press “Send my answers” again.'
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
      <SubmitButton
        busy={phase !== 'idle'}
        busyLabel={phase === 'token' ? 'Preparing your anonymous token…' : 'Sending…'}
      >
        Send my answers
      </SubmitButton>
    </form>
  );
}
