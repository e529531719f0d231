import type { TeamSummary } from '@kintsugi/core';
import { EmptyState } from '../components/empty-state';
import { FormAlert } from '../components/form-alert';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { useAllPeople } from '../hooks/use-all-people';
import { useApiResource } from '../hooks/use-api-resource';
import { Link } from '../router/router';
import { useSession } from '../session/session-context';
import { CreateTeamForm } from './teams/create-team-form';

export function TeamsPage() {
  const session = useSession();
  const { manageTeams, readAllTeams, readPeople } = session.abilities;
  const teams = useApiResource<{ teams: TeamSummary[] }>('/api/v1/teams');
  // Creating a team means choosing its people, so both abilities are needed.
  const canCreate = manageTeams && readPeople;
  const people = useAllPeople(canCreate);

  return (
    <>
      <PageHeading>Teams</PageHeading>
      <section aria-labelledby="team-list" className="section">
        {/* Facilitators see every team too, so the heading follows what the list holds. */}
        <h2 id="team-list" className={readAllTeams ? undefined : 'visually-hidden'}>
          {readAllTeams ? 'All teams' : 'Your teams'}
        </h2>
        {teams.loading && !teams.data ? <Loading label="Loading teams…" /> : null}
        <FormAlert message={teams.error} />
        {teams.data ? <TeamsTable teams={teams.data.teams} canCreate={canCreate} /> : null}
      </section>

      {canCreate ? (
        <section aria-labelledby="create-team" className="panel panel--form">
          <h2 id="create-team">Create a team</h2>
          {people.loading && !people.data ? <Loading label="Loading people…" /> : null}
          <FormAlert message={people.error} />
          {people.data ? (
            <CreateTeamForm
              people={people.data.people}
              onCreated={() => {
                teams.reload();
                people.reload();
              }}
            />
          ) : null}
        </section>
      ) : null}
    </>
  );
}

function TeamsTable({ teams, canCreate }: { teams: TeamSummary[]; canCreate: boolean }) {
  if (teams.length === 0) {
    return (
      <EmptyState
        title={canCreate ? 'No teams yet — create the first one below.' : 'You are not part of a team yet.'}
      />
    );
  }
  return (
    <table className="table table--stack">
      <thead>
        <tr>
          <th scope="col">Team</th>
          <th scope="col">Leader</th>
          <th scope="col">Members</th>
        </tr>
      </thead>
      <tbody>
        {teams.map((team) => (
          <tr key={team.id}>
            <th scope="row" data-label="Team">
              <Link to={`/teams/${team.id}`}>{team.name}</Link>
            </th>
            <td data-label="Leader">{team.leader?.name ?? <span className="muted">No leader yet</span>}</td>
            <td data-label="Members">{team.memberCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
