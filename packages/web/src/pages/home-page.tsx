import { ROLE_LABELS, type TeamSummary } from '@kintsugi/core';
import { EmptyState } from '../components/empty-state';
import { FormAlert } from '../components/form-alert';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { useApiResource } from '../hooks/use-api-resource';
import { Link } from '../router/router';
import { useSession } from '../session/session-context';
import { YourRepairsCard } from './repairs/your-repairs-card';

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

export function HomePage() {
  const session = useSession();
  const teams = useApiResource<{ teams: TeamSummary[] }>('/api/v1/teams');
  const { abilities } = session;

  return (
    <>
      <PageHeading title="Home">Welcome, {firstName(session.user.name)}</PageHeading>
      <p className="lead">
        You are signed in to <strong>{session.organization.name}</strong> as{' '}
        <span className="badge">{ROLE_LABELS[session.role]}</span>.
      </p>

      <div className="grid grid--home">
        <section aria-labelledby="your-teams" className="panel">
          <h2 id="your-teams">Your teams</h2>
          {teams.loading ? <Loading label="Loading your teams…" /> : null}
          <FormAlert message={teams.error} />
          {teams.data && teams.data.teams.length === 0 ? (
            <EmptyState
              title={
                abilities.manageTeams
                  ? 'No teams yet — create the first one.'
                  : 'You are not part of a team yet.'
              }
            >
              {abilities.manageTeams ? (
                <Link to="/teams" className="button button--secondary">
                  Create a team
                </Link>
              ) : (
                <p>An admin of your organisation can add you to one.</p>
              )}
            </EmptyState>
          ) : null}
          {teams.data && teams.data.teams.length > 0 ? (
            <ul className="link-list">
              {teams.data.teams.map((team) => (
                <li key={team.id}>
                  <Link to={`/teams/${team.id}`}>{team.name}</Link>
                  <span className="muted small">
                    {team.memberCount} {team.memberCount === 1 ? 'member' : 'members'}
                    {team.leader ? ` · led by ${team.leader.name}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </section>

        {abilities.readAllRepairs || abilities.leadRepairs ? (
          <YourRepairsCard canOpen={abilities.openRepair} />
        ) : null}

        {abilities.manageOrganization ? (
          <section aria-labelledby="get-started" className="panel">
            <h2 id="get-started">Set up your organisation</h2>
            <ul className="link-list">
              <li>
                <Link to="/people">Add people</Link>
                <span className="muted small">One by one, or import a CSV file.</span>
              </li>
              <li>
                <Link to="/teams">Create a team</Link>
                <span className="muted small">Give it a leader and members.</span>
              </li>
            </ul>
          </section>
        ) : null}
      </div>

      <section aria-labelledby="about" className="about">
        <h2 id="about">What Kintsugi is for</h2>
        <p>
          Kintsugi mends broken pottery with gold. This Kintsugi helps a leader mend a team’s broken trust:
          listen to the team, respond honestly, make commitments, and let the team say whether trust is really
          being rebuilt.
        </p>
        <p className="muted">
          As Kintsugi grows, this page is where a leader’s open repairs, commitments and the team’s replies
          will appear.
        </p>
      </section>
    </>
  );
}
