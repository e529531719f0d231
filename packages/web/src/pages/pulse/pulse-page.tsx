import type { PulseInvitation } from '@kintsugi/core';
import { type ReactNode, useEffect, useMemo } from 'react';
import { FormAlert } from '../../components/form-alert';
import { PublicLayout } from '../../components/layout';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
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
  const { flow, setFlow, retry, ensureToken, finish, dropToken } = usePulseFlow(link);

  switch (flow.step) {
    case 'no-link':
      return (
        <>
          <PageHeading>Trust pulse</PageHeading>
          <p className="lead">
            This page opens with a personal link. Open the pulse link from your email (or the one your leader
            shared with you): the part after “#” in it is your key, and it seems to be missing here.
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
            It took answers until {formatDay(flow.invitation.closesOn)}; answers are no longer taken. The next
            pulse will come by email, with a new link.
          </p>
        </Notice>
      );
    case 'used':
      return (
        <Notice invitation={flow.invitation} title="This link was already used">
          <p>
            Each pulse link works once, so that every answer counts once and stays anonymous. This one was
            already opened in another browser or on another device. If you answered there, your answers are in
            — thank you. If not, go back to that browser to finish.
          </p>
          <p>The next pulse will come by email, with a new link.</p>
        </Notice>
      );
    case 'write':
      return (
        <>
          <Intro invitation={flow.invitation} />
          <PulseForm
            invitation={flow.invitation}
            ensureToken={ensureToken}
            dropToken={dropToken}
            onOutcome={(outcome) => {
              const invitation = flow.invitation;
              if (outcome === 'answered' || outcome === 'already-answered')
                finish(invitation, outcome === 'already-answered');
              else setFlow({ step: outcome, invitation });
            }}
          />
        </>
      );
    case 'thanks':
      return <Thanks invitation={flow.invitation} already={flow.already} />;
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

function Thanks({ invitation, already }: { invitation: PulseInvitation; already: boolean }) {
  return (
    <>
      <FocusHeading />
      <p className="answer-page__eyebrow">{invitation.teamName}</p>
      <PageHeading title="Thank you">{already ? 'You have answered this pulse' : 'Thank you'}</PageHeading>
      <p className="lead">
        {already
          ? 'Your answers are in: this pulse counts each person once.'
          : 'Your answers are in, counted anonymously.'}
      </p>
      <div className="pulse-next panel">
        <h2 className="pulse-page__subheading">What happens next</h2>
        <ul className="pulse-next__list">
          <li>Your ratings were added to the team’s totals; nothing links them to you or to your link.</li>
          <li>
            {invitation.leaderName} sees results only once at least {invitation.threshold} people have
            answered, and only for the team as a whole. The pulse is open until{' '}
            {formatDay(invitation.closesOn)}.
          </li>
          <li>The next pulse will come by email, with a new personal link.</li>
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
