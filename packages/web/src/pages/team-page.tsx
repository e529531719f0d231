import type { Team } from '@kintsugi/core';
import { useState } from 'react';
import { api } from '../api/client';
import { ConfirmDialog } from '../components/confirm-dialog';
import { FormAlert } from '../components/form-alert';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { useAllPeople } from '../hooks/use-all-people';
import { useApiResource } from '../hooks/use-api-resource';
import { Link, navigate } from '../router/router';
import { AddMemberForm } from './teams/add-member-form';
import { MemberList } from './teams/member-list';
import { TeamPulseSection } from './teams/team-pulse';
import { TeamSettingsForm } from './teams/team-settings-form';

/** `canReadPeople` (the session's ability) decides whether the people to choose from are fetched at once. */
export function TeamPage({ teamId, canReadPeople }: { teamId: string; canReadPeople: boolean }) {
  const team = useApiResource<Team>(`/api/v1/teams/${encodeURIComponent(teamId)}`);
  const people = useAllPeople(canReadPeople);
  const [deleting, setDeleting] = useState(false);

  const data = team.data;
  // The team's own abilities say who may change it.
  const canManage = data?.abilities.manage ?? false;
  const deleteTeam = async () => {
    await api.delete(`/api/v1/teams/${teamId}`);
    navigate('/teams');
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to="/teams">← All teams</Link>
      </p>
      <PageHeading title={data ? data.name : 'Team'}>{data ? data.name : 'Team'}</PageHeading>
      {team.loading && !data ? <Loading label="Loading the team…" /> : null}
      <FormAlert message={team.error} />
      {data ? (
        <>
          <p className="lead">
            {data.leader ? (
              <>
                Led by <strong>{data.leader.name}</strong>
              </>
            ) : (
              'This team has no leader yet.'
            )}{' '}
            · {data.memberCount} {data.memberCount === 1 ? 'member' : 'members'}
          </p>

          <section aria-labelledby="members" className="section">
            <h2 id="members">Members</h2>
            <MemberList team={data} canEdit={canManage} onChanged={team.setData} />
          </section>

          <TeamPulseSection teamId={data.id} />

          {canManage && people.data ? (
            <div className="grid grid--two">
              <section aria-labelledby="add-member" className="panel">
                <h2 id="add-member">Add a member</h2>
                <AddMemberForm team={data} people={people.data.people} onAdded={team.setData} />
              </section>
              <section aria-labelledby="team-settings" className="panel">
                <h2 id="team-settings">Team settings</h2>
                <TeamSettingsForm team={data} people={people.data.people} onSaved={team.setData} />
              </section>
            </div>
          ) : null}
          {canManage ? (
            <section aria-labelledby="danger-zone" className="panel panel--danger">
              <h2 id="danger-zone">Delete this team</h2>
              <p>
                The people stay in your organisation; only the team and its memberships are removed. A team
                with a repair or a trust pulse cannot be deleted: their history would go with it.
              </p>
              <button type="button" className="button button--danger" onClick={() => setDeleting(true)}>
                Delete team
              </button>
              <ConfirmDialog
                open={deleting}
                title={`Delete ${data.name}?`}
                confirmLabel="Delete team"
                onConfirm={deleteTeam}
                onClose={() => setDeleting(false)}
              >
                <p>
                  This removes the team and its {data.memberCount} memberships. This cannot be undone. If the
                  team has a repair or a trust pulse, Kintsugi keeps it and says why: deleting it would delete
                  their listening rounds, messages, commitments, reliability record and pulse results.
                </p>
              </ConfirmDialog>
            </section>
          ) : null}
          {canManage ? <FormAlert message={people.error} /> : null}
        </>
      ) : null}
    </>
  );
}
