import type { BallotInvitation } from '@kintsugi/core';
import { useMemo, useState } from 'react';
import { FormAlert } from '../../components/form-alert';
import { PublicLayout } from '../../components/layout';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { formatDay } from '../../dates';
import { AnswerForm } from './answer-form';
import { AnswerThread } from './answer-thread';
import { PasteKeyForm } from './paste-key-form';
import { ReplyKeyPanel } from './reply-key-panel';
import { linkFromHash, useAnswerFlow } from './use-answer-flow';

/** The public page a team member reaches through their personal link: no account, no cookie. */
export function AnswerPage() {
  const link = useMemo(() => linkFromHash(window.location.hash), []);
  return (
    <PublicLayout>
      <div className="answer-page">
        <AnswerContent link={link} />
      </div>
    </PublicLayout>
  );
}

function AnswerContent({ link }: { link: string }) {
  const { flow, enterKey, answered, reloadThread } = useAnswerFlow(link);
  const [alreadyAnswered, setAlreadyAnswered] = useState(false);

  switch (flow.step) {
    case 'loading':
      return (
        <>
          <PageHeading title="Your answers">Listening round</PageHeading>
          <Loading label={flow.label} />
        </>
      );
    case 'no-link':
      return (
        <>
          <PageHeading>Answer a listening round</PageHeading>
          <p>
            Open the personal link from your email (or the one your leader gave you) to answer. To come back
            to answers you already gave, paste your reply key.
          </p>
          <PasteKeyForm onKey={enterKey} />
        </>
      );
    case 'error':
      return (
        <>
          <PageHeading>This link does not open</PageHeading>
          <FormAlert message={flow.message} />
          <h2 className="answer-page__subheading">Already answered?</h2>
          <PasteKeyForm onKey={enterKey} />
        </>
      );
    case 'need-key':
      return (
        <>
          <Intro invitation={flow.invitation} />
          <p className="notice panel">
            This link was already opened in another browser or on another device, which holds your answer key.
            Go back there, or paste the reply key you saved.
          </p>
          <PasteKeyForm onKey={enterKey} />
        </>
      );
    case 'closed':
      return (
        <>
          <Intro invitation={flow.invitation} />
          <p className="notice panel">This listening round has closed: answers are no longer taken.</p>
          <h2 className="answer-page__subheading">Answered before?</h2>
          <PasteKeyForm onKey={enterKey} />
        </>
      );
    case 'write':
      return (
        <>
          <Intro invitation={flow.invitation} />
          <AnswerForm
            invitation={flow.invitation}
            replyKey={flow.key}
            onAnswered={(already) => {
              setAlreadyAnswered(already);
              void answered(flow.key);
            }}
          />
        </>
      );
    case 'thread':
      return (
        <>
          {flow.invitation ? (
            <p className="answer-page__eyebrow">
              {flow.invitation.teamName} · {flow.invitation.repairTitle}
            </p>
          ) : null}
          <PageHeading title="Your answers">
            {flow.justAnswered
              ? alreadyAnswered
                ? 'You have already answered'
                : 'Thank you'
              : 'Your answers'}
          </PageHeading>
          {flow.justAnswered && !alreadyAnswered ? (
            <p className="lead">
              Your answers are in{flow.invitation ? `, and ${flow.invitation.leaderName} will read them` : ''}{' '}
              once enough people have answered.
            </p>
          ) : null}
          {flow.justAnswered ? (
            <ReplyKeyPanel
              replyKey={flow.key}
              intro="Your leader may ask you a follow-up question about an answer. To see it, come back through the same link on this device. On another device, you will need this key."
            />
          ) : null}
          <AnswerThread
            invitation={flow.invitation}
            replyKey={flow.key}
            answers={flow.answers}
            onReplied={reloadThread}
          />
          {!flow.justAnswered ? (
            <details className="details-box">
              <summary>Your reply key</summary>
              <ReplyKeyPanel replyKey={flow.key} />
            </details>
          ) : null}
        </>
      );
  }
}

function Intro({ invitation }: { invitation: BallotInvitation }) {
  const leader = invitation.leaderName;
  return (
    <>
      <p className="answer-page__eyebrow">
        {invitation.teamName} · answers until {formatDay(invitation.closesOn)}
      </p>
      <PageHeading title={`Listening: ${invitation.repairTitle}`}>{invitation.repairTitle}</PageHeading>
      <p className="lead">
        {leader} wants to understand how this affected you, before explaining anything. Please answer
        honestly.
      </p>
      <div className="privacy-note">
        <h2 className="privacy-note__title">What {leader} will and will not see</h2>
        <p>
          {leader} sees answers only once at least {invitation.threshold} people have answered, mixed in
          random order and dated by day only — never who wrote what, unless you choose to give your name, and
          never who has or has not answered. This link is personal: please don’t forward it.
        </p>
      </div>
    </>
  );
}
