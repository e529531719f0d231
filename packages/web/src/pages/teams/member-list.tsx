import type { Team } from '@kintsugi/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';

type Member = Team['members'][number];

interface MemberListProps {
  team: Team;
  canEdit: boolean;
  onChanged: (team: Team) => void;
}

export function MemberList({ team, canEdit, onChanged }: MemberListProps) {
  const [removing, setRemoving] = useState<Member | null>(null);

  if (team.members.length === 0) {
    return <EmptyState title={canEdit ? 'No members yet — add the first one below.' : 'No members yet.'} />;
  }

  const remove = async () => {
    if (!removing) return;
    const updated = await api.delete<Team>(`/api/v1/teams/${team.id}/members/${removing.id}`);
    onChanged(updated);
  };

  return (
    <>
      <ul className="member-list">
        {team.members.map((member) => (
          <li key={member.id} className="member-list__item">
            <span className="member-list__who">
              <span className="member-list__name">
                {member.name}
                {team.leader?.id === member.id ? <span className="badge badge--gold">Leader</span> : null}
              </span>
              <span className="muted small break">{member.email}</span>
            </span>
            {canEdit ? (
              <button
                type="button"
                className="button button--small button--danger-quiet"
                onClick={() => setRemoving(member)}
              >
                Remove<span className="visually-hidden"> {member.name} from the team</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={removing !== null}
        title={removing ? `Remove ${removing.name} from ${team.name}?` : 'Remove member?'}
        confirmLabel="Remove from team"
        onConfirm={remove}
        onClose={() => setRemoving(null)}
      >
        <p>{removing?.name} stays in your organisation and can be added back later.</p>
      </ConfirmDialog>
    </>
  );
}
