import type { BallotInvitation } from '@kintsugi/core';
import { useMemo } from 'react';
import { ByHandNote } from '../../components/by-hand-note';
import { FormAlert } from '../../components/form-alert';
import { PublicLayout } from '../../components/layout';
import { LinkUsedNotice } from '../../components/link-used-notice';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { formatDay } from '../../dates';
import { AnswerForm } from './answer-form';
import { AnswerReceived } from './answer-received';
import { PasteKeyForm } from './paste-key-form';
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
  const { flow, sender, enterKey, answered, markUsed, reloadThread } = useAnswerFlow(link);

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
            Open the personal link from your email (or the one you were given) to answer. To come back to
            answers you already gave, paste your reply key.
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
    case 'used':
      return (
        <>
          <Eyebrow invitation={flow.invitation} />
          <PageHeading title={`Listening: ${flow.invitation.repairTitle}`}>
            {flow.invitation.repairTitle}
          </PageHeading>
          <ByHandNote delivery={flow.invitation.delivery} used />
          <LinkUsedNotice link={link}>
            <p>
              If you answered on another device or in another browser, your answers are there: open your link
              there to see them, or paste the reply key you were shown after answering.
            </p>
            <PasteKeyForm onKey={enterKey} />
          </LinkUsedNotice>
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
          {sender ? (
            <AnswerForm
              invitation={flow.invitation}
              sender={sender}
              draft={flow.draft}
              onAnswered={answered}
              onUsed={markUsed}
            />
          ) : null}
        </>
      );
    case 'pending':
      return <AnswerReceived invitation={flow.invitation} replyKey={flow.key} thread={null} />;
    case 'thread':
      return (
        <AnswerReceived
          invitation={flow.invitation}
          replyKey={flow.key}
          thread={{ answers: flow.answers, justAnswered: flow.justAnswered, onReplied: reloadThread }}
        />
      );
  }
}

function Eyebrow({ invitation }: { invitation: BallotInvitation }) {
  return (
    <p className="answer-page__eyebrow">
      {invitation.teamName} · answers until {formatDay(invitation.closesOn)}
    </p>
  );
}

function Intro({ invitation }: { invitation: BallotInvitation }) {
  const leader = invitation.leaderName;
  return (
    <>
      <Eyebrow invitation={invitation} />
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
      <ByHandNote delivery={invitation.delivery} />
    </>
  );
}
