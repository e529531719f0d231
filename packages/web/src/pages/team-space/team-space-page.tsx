import { useEffect, useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import { FormAlert } from '../../components/form-alert';
import { PublicLayout } from '../../components/layout';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { linkFromHash } from '../answer/use-answer-flow';
import { CommitmentCard } from './commitment-card';
import { formatTimestampDay, recordLine, streakLine } from './format';
import { SpaceTrust } from './space-trust';
import { fetchTeamSpace, type SpaceCommitment, type SpaceTheme, type TeamSpace } from './team-space-api';
import { ThresholdContext } from './threshold-context';

const INVALID_LINK = 'This link is not valid or has been replaced; ask your leader for your current link.';

type State =
  | { step: 'no-link' }
  | { step: 'loading' }
  | { step: 'error'; message: string }
  | { step: 'ready'; space: TeamSpace; link: string };

/** The public page a team member opens through their personal team-space link: no account, no cookie. */
export function TeamSpacePage() {
  const link = useMemo(() => linkFromHash(window.location.hash), []);
  const [state, setState] = useState<State>(link ? { step: 'loading' } : { step: 'no-link' });

  useEffect(() => {
    if (!link) return;
    let cancelled = false;
    fetchTeamSpace(link).then(
      (space) => {
        if (!cancelled) setState({ step: 'ready', space, link });
      },
      (error: unknown) => {
        if (cancelled) return;
        const message =
          error instanceof ApiError && error.status === 404 ? INVALID_LINK : errorMessage(error);
        setState({ step: 'error', message });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [link]);

  return (
    <PublicLayout>
      <div className="team-space">
        <TeamSpaceContent state={state} />
      </div>
    </PublicLayout>
  );
}

function TeamSpaceContent({ state }: { state: State }) {
  switch (state.step) {
    case 'no-link':
      return (
        <>
          <PageHeading>Follow a repair</PageHeading>
          <p className="lead">
            This page shows what your leader heard from the team, what they promised, and what they have done
            so far.
          </p>
          <p>
            To open it, use the personal link in the email titled “Follow … with …”, or the link your leader
            gave you. The link is personal: please don’t forward it. If you cannot find it, ask your leader
            for a new one.
          </p>
        </>
      );
    case 'loading':
      return (
        <>
          <PageHeading title="Team space">Follow a repair</PageHeading>
          <Loading label="Opening your link…" />
        </>
      );
    case 'error':
      return (
        <>
          <PageHeading>This link does not open</PageHeading>
          <FormAlert message={state.message} />
        </>
      );
    case 'ready':
      return (
        <ThresholdContext.Provider value={state.space.threshold}>
          <TeamSpaceView space={state.space} link={state.link} />
        </ThresholdContext.Provider>
      );
  }
}

function TeamSpaceView({ space, link }: { space: TeamSpace; link: string }) {
  const leader = space.leaderName;
  const live = space.commitments.filter((c) => !c.retired);
  const retired = space.commitments.filter((c) => c.retired);
  const streak = streakLine(space.record);
  return (
    <>
      <p className="answer-page__eyebrow">
        {leader} · {space.teamName}
      </p>
      <PageHeading>{space.repairTitle}</PageHeading>
      {space.commitments.length > 0 ? (
        <p className="space-record">
          <strong>{recordLine(space.record)}</strong>
          {streak ? <span className="muted"> {streak}</span> : null}
        </p>
      ) : null}
      <p className="lead">
        Here you can follow what {leader} heard from the team, what {leader} promised, and what has been done
        so far. It shows themes, never who said what: no answer and no name appears here.
      </p>

      <section className="space-section" aria-labelledby="space-messages">
        <h2 id="space-messages">What {leader} wrote</h2>
        {space.messages.length === 0 ? (
          <p className="empty-state">Nothing published yet — {leader} will write to the team here.</p>
        ) : (
          <ol className="space-messages">
            {space.messages.map((m) => (
              <li key={m.id} className="panel space-message">
                <p className="space-message__meta small muted">
                  {m.authorName}, <time dateTime={m.publishedAt}>{formatTimestampDay(m.publishedAt)}</time>
                </p>
                <div className="space-message__body">{m.body}</div>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="space-section" aria-labelledby="space-themes">
        <h2 id="space-themes">What the team said it needed</h2>
        {space.themes.length === 0 ? (
          <p className="empty-state">No themes yet — {leader} is still reading what the team said.</p>
        ) : (
          <ul className="space-themes">
            {space.themes.map((t) => (
              <ThemeItem key={t.id} theme={t} leader={leader} commitments={space.commitments} />
            ))}
          </ul>
        )}
      </section>

      <section className="space-section" aria-labelledby="space-commitments">
        <h2 id="space-commitments">Commitments</h2>
        {live.length === 0 ? (
          <p className="empty-state">No commitments yet — your leader is still working on them.</p>
        ) : (
          <ul className="space-commitments">
            {live.map((c) => (
              <CommitmentCard key={c.id} commitment={c} leaderName={leader} link={link} />
            ))}
          </ul>
        )}
        {retired.length > 0 ? (
          <>
            <h3 className="space-section__subheading">Retired commitments</h3>
            <ul className="space-commitments">
              {retired.map((c) => (
                <CommitmentCard key={c.id} commitment={c} leaderName={leader} link={link} />
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="space-section" aria-labelledby="space-trust">
        <h2 id="space-trust">How the team’s trust is moving</h2>
        <SpaceTrust pulse={space.pulse} leader={leader} />
      </section>
    </>
  );
}

interface ThemeItemProps {
  theme: SpaceTheme;
  leader: string;
  commitments: SpaceCommitment[];
}

function ThemeItem({ theme, leader, commitments }: ThemeItemProps) {
  const matching = commitments.filter((c) => c.themeIds.includes(theme.id));
  const live = matching.filter((c) => !c.retired);
  const answering = live.length > 0 ? live : matching;
  return (
    <li className="panel space-theme">
      <h3 className="theme__name">{theme.name}</h3>
      <p className="space-theme__need">{theme.need}</p>
      {theme.acknowledgement ? (
        <div className="space-theme__ack">
          <p className="small muted space-theme__label">{leader} acknowledged:</p>
          <p className="theme__ack">{theme.acknowledgement}</p>
        </div>
      ) : null}
      {theme.state === 'committed' ? (
        <div className="space-theme__answer">
          <p className="space-theme__label">
            <span className="space-status space-status--kept">Answered</span> by{' '}
            {answering.length > 1 ? `${answering.length} commitments` : 'a commitment'}
            {answering.length > 0 ? ':' : '.'}
          </p>
          {answering.length > 0 ? (
            <ul className="space-theme__commitments">
              {answering.map((c) => (
                <li key={c.id}>{c.action}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : theme.state === 'reasoned' && theme.reason ? (
        <div className="space-theme__answer">
          <p className="space-theme__label">
            <span className="space-status space-status--reasoned">No commitment</span> {leader} explained why:
          </p>
          <p className="space-theme__reason">{theme.reason}</p>
        </div>
      ) : (
        <p className="space-theme__answer">
          <span className="space-status space-status--pending">Not answered yet</span>{' '}
          <span className="muted">{leader} has not yet made a commitment or given a reason.</span>
        </p>
      )}
    </li>
  );
}
