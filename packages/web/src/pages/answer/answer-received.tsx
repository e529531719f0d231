import type { BallotInvitation } from '@kintsugi/core';
import type { ThreadAnswer } from '../../ballot/ballot-api';
import type { ReplyKey } from '../../ballot/reply-key';
import { PageHeading } from '../../components/page-heading';
import { StatusWords } from '../../components/status-words';
import { AnswerThread } from './answer-thread';
import { ReplyKeyPanel } from './reply-key-panel';

interface AnswerReceivedProps {
  invitation: BallotInvitation | null;
  replyKey: ReplyKey;
  /** Null while the answers are pending: received, not yet stored. */
  thread: { answers: ThreadAnswer[]; justAnswered: boolean; onReplied: () => Promise<void> } | null;
}

/** What 'pending' means, in plain words: received, and stored only together with others' answers. */
export function pendingWords(threshold: number | null): string {
  const enough = threshold ? `at least ${threshold} people` : 'enough people';
  return `Received. Your answers will be stored together with those of ${enough} — once enough of the team has answered, or when the round closes — so nobody can tell whose is whose. This page keeps a copy until then; you can close it — opening your link again will check and, if needed, send it again.`;
}

/**
 * After sending: 'pending' (received, and stored together with at least k − 1 other people's answers), then
 * 'stored' with the person's own answers and any follow-up questions. One component for both, so that the status
 * line stays in place and its change to "Stored" is announced.
 */
export function AnswerReceived({ invitation, replyKey, thread }: AnswerReceivedProps) {
  const pending = thread === null;
  const justAnswered = pending || thread.justAnswered;
  const leader = invitation
    ? `, and ${invitation.leaderName} will read them once enough people have answered`
    : '';
  const status = pending
    ? pendingWords(invitation?.threshold ?? null)
    : thread.justAnswered
      ? `Stored. Your answers are in${leader}.`
      : '';

  return (
    <>
      {invitation ? (
        <p className="answer-page__eyebrow">
          {invitation.teamName} · {invitation.repairTitle}
        </p>
      ) : null}
      <PageHeading title="Your answers">{justAnswered ? 'Thank you' : 'Your answers'}</PageHeading>
      <p role="status" className={status ? 'lead answer-status' : 'answer-status answer-status--empty'}>
        <StatusWords text={status} />
      </p>
      {justAnswered ? (
        <ReplyKeyPanel
          replyKey={replyKey}
          intro={
            pending
              ? 'Your leader may ask you a follow-up question about an answer. Once your answers are stored, come back through the same link on this device to see it. On another device, you will need this key.'
              : 'Your leader may ask you a follow-up question about an answer. To see it, come back through the same link on this device. On another device, you will need this key.'
          }
        />
      ) : null}
      {pending ? (
        <p className="muted">
          Follow-up questions can be read and answered here once your answers are stored. This page checks
          every little while.
        </p>
      ) : thread.answers.length > 0 ? (
        <AnswerThread
          invitation={invitation}
          replyKey={replyKey}
          answers={thread.answers}
          onReplied={thread.onReplied}
        />
      ) : null}
      {!justAnswered ? (
        <details className="details-box">
          <summary>Your reply key</summary>
          <ReplyKeyPanel replyKey={replyKey} />
        </details>
      ) : null}
    </>
  );
}
