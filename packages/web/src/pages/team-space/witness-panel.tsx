import { useContext, useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { checkSaved, isNetworkError, type SubmissionState, sendBallot } from '../../ballot/send-ballot';
import { loadSubmission } from '../../ballot/submission-store';
import { isStoredNow, usePendingCheck } from '../../ballot/use-pending-check';
import { StatusWords } from '../../components/status-words';
import { witnessCountsWords } from './format';
import type { SpaceRecord } from './team-space-api';
import { ThresholdContext } from './threshold-context';
import {
  fetchWitnessKey,
  isLinkUsed,
  isWitnessChoice,
  type WitnessChoice,
  witnessSender,
  witnessStatusSender,
} from './witness-api';
import { readWitnessed, rememberWitnessed, type WitnessAnswer } from './witness-store';

type Confirmations = SpaceRecord['strip'][number]['confirmations'];

type State =
  | { step: 'ask' }
  | { step: 'sending'; answer: WitnessAnswer }
  | { step: 'failed'; message: string }
  /** Received, and counted together with at least k − 1 other people's answers. */
  | { step: 'pending'; answer: WitnessAnswer }
  | { step: 'thanked' }
  | { step: 'remembered'; answer: WitnessAnswer }
  | { step: 'elsewhere' };

export const THANKS = 'Stored. Thank you — counted anonymously.';
export const ELSEWHERE =
  'This link has already been used to answer this one (perhaps you answered on another device).';
export const pendingWitnessWords = (threshold: number) =>
  `Received. Your answer will be counted together with those of at least ${threshold} people — once enough of the team has answered — so nobody can tell whose is whose. This page keeps a copy until then; you can close it — opening your link again will check and, if needed, send it again.`;

interface WitnessPanelProps {
  link: string;
  occurrenceId: string;
  /** "Monday 3 March 2025", to tell one occurrence's buttons from another's. */
  day: string;
  confirmations: Confirmations | undefined;
}

const answerOf = (choice: WitnessChoice): WitnessAnswer => (choice.saw ? 'saw' : 'did-not-see');

/** What this browser holds for the occurrence when the panel appears. */
function initialState(occurrenceId: string): State {
  const answer = readWitnessed(occurrenceId);
  if (answer) return { step: 'remembered', answer };
  const saved = loadSubmission('witness', occurrenceId, isWitnessChoice);
  return saved?.attempted ? { step: 'pending', answer: answerOf(saved.answers) } : { step: 'ask' };
}

/**
 * "I saw this" / "I didn't see this" for one recorded occurrence, once per team member, anonymously: the
 * answer goes with a blindly signed token, never with the personal link, and is kept in this browser until the
 * server has stored it with others'. The totals come with the team space.
 */
export function WitnessPanel({ link, occurrenceId, day, confirmations }: WitnessPanelProps) {
  const threshold = useContext(ThresholdContext);
  const [state, setState] = useState<State>(() => initialState(occurrenceId));
  const statusSender = useMemo(() => witnessStatusSender(link, occurrenceId), [link, occurrenceId]);

  const settle = (answer: WitnessAnswer, result: SubmissionState) => {
    if (result === 'stored') {
      rememberWitnessed(occurrenceId, answer);
      setState({ step: 'thanked' });
    } else {
      setState({ step: 'pending', answer });
    }
  };

  // An answer sent from here before and not yet stored: checked at once (and sent again if the server lost it).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, for what the panel started with.
  useEffect(() => {
    if (state.step !== 'pending') return;
    const answer = state.answer;
    let cancelled = false;
    checkSaved(statusSender)
      .then((result) => {
        if (!cancelled) settle(answer, result ? result.state : 'stored');
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);

  const pendingAnswer = state.step === 'pending' ? state.answer : null;
  const check = useMemo(
    () => (pendingAnswer ? () => isStoredNow(statusSender) : null),
    [pendingAnswer, statusSender],
  );
  usePendingCheck(check, () => {
    if (pendingAnswer) settle(pendingAnswer, 'stored');
  });

  async function answer(choice: WitnessAnswer) {
    setState({ step: 'sending', answer: choice });
    try {
      const held = loadSubmission('witness', occurrenceId, isWitnessChoice);
      const key = await fetchWitnessKey(link, occurrenceId);
      // Taken elsewhere, and nothing of it here: not this browser's to finish.
      if (key.tokenIssued && !held) return setState({ step: 'elsewhere' });
      const sent = await sendBallot(witnessSender(link, occurrenceId, key.publicKey), {
        saw: choice === 'saw',
      });
      settle(choice, sent.state);
    } catch (error) {
      if (isLinkUsed(error)) return setState({ step: 'elsewhere' });
      setState({
        step: 'failed',
        message: isNetworkError(error)
          ? 'Your answer could not be sent: the Kintsugi server did not answer. Nothing is lost — press the button again.'
          : errorMessage(error),
      });
    }
  }

  const asking = state.step === 'ask' || state.step === 'sending' || state.step === 'failed';
  const sending = state.step === 'sending';
  const status =
    state.step === 'thanked'
      ? THANKS
      : state.step === 'elsewhere'
        ? ELSEWHERE
        : state.step === 'pending'
          ? pendingWitnessWords(threshold)
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
        <StatusWords text={status} />
      </p>
      {/* Both live regions stay mounted so that what is put into them is announced. */}
      <div role="alert" className="witness__error small">
        {state.step === 'failed' ? <p>{state.message}</p> : null}
      </div>
    </div>
  );
}
