import { useContext, useRef, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { witnessCountsWords } from './format';
import type { SpaceRecord } from './team-space-api';
import { ThresholdContext } from './threshold-context';
import { isAlreadyAnswered, obtainWitnessToken, submitWitness, type WitnessToken } from './witness-api';
import { readWitnessed, rememberWitnessed, type WitnessAnswer } from './witness-store';

type Confirmations = SpaceRecord['strip'][number]['confirmations'];

type State =
  | { step: 'ask' }
  | { step: 'sending'; answer: WitnessAnswer }
  | { step: 'failed'; message: string }
  | { step: 'thanked' }
  | { step: 'remembered'; answer: WitnessAnswer }
  | { step: 'elsewhere' };

export const THANKS = 'Thank you — counted anonymously.';
export const ELSEWHERE = 'You’ve already responded to this one (perhaps on another device).';

interface WitnessPanelProps {
  link: string;
  occurrenceId: string;
  /** "Monday 3 March 2025", to tell one occurrence's buttons from another's. */
  day: string;
  confirmations: Confirmations | undefined;
}

/**
 * "I saw this" / "I didn't see this" for one recorded occurrence, once per team member, anonymously: the
 * answer goes with a blindly signed token, never with the personal link. The totals come with the team space.
 */
export function WitnessPanel({ link, occurrenceId, day, confirmations }: WitnessPanelProps) {
  const threshold = useContext(ThresholdContext);
  const [state, setState] = useState<State>(() => {
    const answer = readWitnessed(occurrenceId);
    return answer ? { step: 'remembered', answer } : { step: 'ask' };
  });
  // A token already signed but not yet spent (the answer failed to arrive) is reused on the next try.
  const pending = useRef<WitnessToken | null>(null);

  async function answer(choice: WitnessAnswer) {
    setState({ step: 'sending', answer: choice });
    try {
      pending.current ??= await obtainWitnessToken(link, occurrenceId);
      await submitWitness(pending.current, choice === 'saw');
      pending.current = null;
      rememberWitnessed(occurrenceId, choice);
      setState({ step: 'thanked' });
    } catch (error) {
      if (isAlreadyAnswered(error)) {
        pending.current = null;
        setState({ step: 'elsewhere' });
      } else {
        setState({ step: 'failed', message: errorMessage(error) });
      }
    }
  }

  const asking = state.step === 'ask' || state.step === 'sending' || state.step === 'failed';
  const sending = state.step === 'sending';
  const status =
    state.step === 'thanked'
      ? THANKS
      : state.step === 'elsewhere'
        ? ELSEWHERE
        : state.step === 'remembered'
          ? `You answered “${state.answer === 'saw' ? 'I saw this' : 'I didn’t see this'}”. Thank you — counted anonymously.`
          : sending
            ? 'Sending your answer…'
            : '';

  return (
    <div className="witness">
      <p className="small witness__counts">
        <span className="muted">Team:</span> {witnessCountsWords(confirmations, threshold)}
      </p>
      {asking ? (
        <fieldset className="witness__ask">
          <legend className="witness__question">
            Did you see this? <span className="visually-hidden">{day}</span>
          </legend>
          <div className="witness__buttons">
            <button
              type="button"
              className="button button--secondary witness__button"
              disabled={sending}
              onClick={() => void answer('saw')}
            >
              I saw this
            </button>
            <button
              type="button"
              className="button button--secondary witness__button"
              disabled={sending}
              onClick={() => void answer('did-not-see')}
            >
              I didn’t see this
            </button>
          </div>
          <p className="small muted witness__privacy">
            Your answer is anonymous: the leader sees only totals, and only once at least {threshold} people
            have answered.
          </p>
        </fieldset>
      ) : null}
      <p role="status" className="small witness__status">
        {status}
      </p>
      {/* Both live regions stay mounted so that what is put into them is announced. */}
      <div role="alert" className="witness__error small">
        {state.step === 'failed' ? <p>{state.message}</p> : null}
      </div>
    </div>
  );
}
