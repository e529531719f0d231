import type { PulseInvitation } from '@kintsugi/core';
import { type ReactNode, useEffect, useMemo } from 'react';
import type { SubmissionState } from '../../ballot/send-ballot';
import { ByHandNote } from '../../components/by-hand-note';
import { FormAlert } from '../../components/form-alert';
import { PublicLayout } from '../../components/layout';
import { LinkUsedNotice } from '../../components/link-used-notice';
import { Loading } from '../../components/loading';
import { nextLinkWords } from '../../components/next-link-words';
import { PageHeading } from '../../components/page-heading';
import { StatusWords } from '../../components/status-words';
import { formatDay } from '../../dates';
import { PulseForm } from './pulse-form';
import { linkFromHash, usePulseFlow } from './use-pulse-flow';

/** The public page a team member reaches through their personal pulse link: no account, no cookie. */
export function PulsePage() {
  const link = useMemo(() => linkFromHash(window.location.hash), []);
  return (
    <PublicLayout>
      <div className="pulse-page">
        <PulseContent link={link} />
      </div>
    </PublicLayout>
  );
}

function PulseContent({ link }: { link: string }) {
  const { flow, setFlow, sender, retry, finish } = usePulseFlow(link);

  switch (flow.step) {
    case 'no-link':
      return (
        <>
          <PageHeading>Trust pulse</PageHeading>
          <p className="lead">
            This page opens with a personal link. Open the pulse link from your email (or the one handed to
            you): the part after “#” in it is your key, and it seems to be missing here.
          </p>
        </>
      );
    case 'loading':
      return (
        <>
          <PageHeading title="Trust pulse">Trust pulse</PageHeading>
          <Loading label="Opening your link…" />
        </>
      );
    case 'error':
      return (
        <>
          <PageHeading>This link does not open</PageHeading>
          <FormAlert message={flow.message} />
          {flow.retry ? (
            <button type="button" className="button" onClick={retry}>
              Try again
            </button>
          ) : null}
        </>
      );
    case 'closed':
      return (
        <Notice invitation={flow.invitation} title="This pulse has closed">
          <p>
            It took answers until {formatDay(flow.invitation.closesOn)}; answers are no longer taken.{' '}
            {nextLinkWords(flow.invitation.delivery)}
          </p>
        </Notice>
      );
    case 'used':
      return (
        <>
          <FocusHeading />
          <p className="answer-page__eyebrow">
            {flow.invitation.teamName} · pulse from {flow.invitation.leaderName}
          </p>
          <PageHeading title="Trust pulse">Trust pulse</PageHeading>
          <ByHandNote delivery={flow.invitation.delivery} used />
          <LinkUsedNotice link={link}>
            <p>
              Each person answers a pulse once, so that every answer counts once and stays anonymous. If you
              answered in another browser or on another device, your answers are in — thank you.
            </p>
          </LinkUsedNotice>
        </>
      );
    case 'write':
      return (
        <>
          <Intro invitation={flow.invitation} />
          {sender ? (
            <PulseForm
              invitation={flow.invitation}
              sender={sender}
              draft={flow.draft}
              onOutcome={(outcome) => {
                const invitation = flow.invitation;
                if (outcome === 'stored' || outcome === 'pending') finish(invitation, outcome);
                else setFlow({ step: outcome, invitation });
              }}
            />
          ) : null}
        </>
      );
    case 'answered':
      return <Thanks invitation={flow.invitation} state={flow.state} already={flow.already} />;
  }
}

function Intro({ invitation }: { invitation: PulseInvitation }) {
  const leader = invitation.leaderName;
  return (
    <>
      <p className="answer-page__eyebrow">
        {invitation.teamName} · open until {formatDay(invitation.closesOn)}
      </p>
      <PageHeading title="Trust pulse">How are things with {leader}?</PageHeading>
      <p className="lead">
        {leader} asks the {invitation.teamName} team a few short questions every few weeks, to see whether
        trust is being rebuilt. It takes about two minutes.
      </p>
      <div className="privacy-note">
        <h2 className="privacy-note__title">Your answers are anonymous</h2>
        <p>
          Nobody — not {leader}, and not whoever runs the Kintsugi server — can tell which answers are yours.
          Only totals for the whole team are kept, and nothing is shown until at least {invitation.threshold}{' '}
          people have answered. This link is personal and works once: please don’t forward it.
        </p>
      </div>
      <ByHandNote delivery={invitation.delivery} />
    </>
  );
}

/** A pulse that cannot be answered through this link: what happened, first and plainly. */
function Notice({
  invitation,
  title,
  children,
}: {
  invitation: PulseInvitation;
  title: string;
  children: ReactNode;
}) {
  return (
    <>
      <FocusHeading />
      <p className="answer-page__eyebrow">
        {invitation.teamName} · pulse from {invitation.leaderName}
      </p>
      <PageHeading>{title}</PageHeading>
      <div className="notice panel pulse-notice">{children}</div>
    </>
  );
}

/** The status line for a pulse's answers: received and waiting for others' (pending), or stored. */
export function pulseStatusWords(state: SubmissionState, threshold: number, already: boolean): string {
  if (state === 'pending')
    return `Received. Your answers will be stored together with those of at least ${threshold} people — once enough of the team has answered, or when the pulse closes — so nobody can tell whose is whose. This page keeps a copy until then; you can close it — opening your link again will check and, if needed, send it again.`;
  return already
    ? 'Stored. Your answers are in: this pulse counts each person once.'
    : 'Stored. Your answers are in, counted anonymously.';
}

/** After sending: one view for 'pending' and 'stored', so that the status line's change is announced. */
function Thanks({
  invitation,
  state,
  already,
}: {
  invitation: PulseInvitation;
  state: SubmissionState;
  already: boolean;
}) {
  return (
    <>
      <FocusHeading />
      <p className="answer-page__eyebrow">{invitation.teamName}</p>
      <PageHeading title="Thank you">{already ? 'You have answered this pulse' : 'Thank you'}</PageHeading>
      <p role="status" className="lead">
        <StatusWords text={pulseStatusWords(state, invitation.threshold, already)} />
      </p>
      <div className="pulse-next panel">
        <h2 className="pulse-page__subheading">What happens next</h2>
        <ul className="pulse-next__list">
          <li>
            {state === 'pending'
              ? 'Your ratings will be added to the team’s totals together with others’; nothing links them to you or to your link.'
              : 'Your ratings were added to the team’s totals; nothing links them to you or to your link.'}
          </li>
          <li>
            {invitation.leaderName} sees results only once at least {invitation.threshold} people have
            answered, and only for the team as a whole. The pulse is open until{' '}
            {formatDay(invitation.closesOn)}.
          </li>
          <li>{nextLinkWords(invitation.delivery)}</li>
        </ul>
      </div>
    </>
  );
}

/** After sending, the form (and the focused button) is gone: move focus to the new heading, not the page's top. */
function FocusHeading() {
  useEffect(() => {
    document.querySelector<HTMLElement>('.pulse-page h1')?.focus();
  }, []);
  return null;
}
