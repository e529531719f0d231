import { type Person, ROLE_LABELS } from '@kintsugi/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { EditPersonDialog } from './edit-person-dialog';

interface PeopleTableProps {
  people: Person[];
  selfId: string;
  onChanged: () => void;
}

export function PeopleTable({ people, selfId, onChanged }: PeopleTableProps) {
  const [editing, setEditing] = useState<Person | null>(null);
  const [removing, setRemoving] = useState<Person | null>(null);

  if (people.length === 0) {
    return <EmptyState title="No people yet — add the first one below." />;
  }

  const remove = async () => {
    if (!removing) return;
    await api.delete(`/api/v1/people/${removing.id}`);
    onChanged();
  };

  return (
    <>
      <table className="table table--stack">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Account</th>
            <th scope="col">Teams</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <tr key={person.id}>
              <th scope="row" data-label="Name">
                {person.name}
                {person.id === selfId ? <span className="muted small"> (you)</span> : null}
              </th>
              <td data-label="Email" className="break">
                {person.email}
              </td>
              <td data-label="Role">{ROLE_LABELS[person.role]}</td>
              <td data-label="Account">{person.hasAccount ? 'Yes' : 'No'}</td>
              <td data-label="Teams">{person.teamIds.length}</td>
              <td className="table__actions">
                <button
                  type="button"
                  className="button button--small button--secondary"
                  onClick={() => setEditing(person)}
                >
                  Edit<span className="visually-hidden"> {person.name}</span>
                </button>
                {/* You cannot remove yourself (the API refuses), so the button is not offered. */}
                {person.id === selfId ? null : (
                  <button
                    type="button"
                    className="button button--small button--danger-quiet"
                    onClick={() => setRemoving(person)}
                  >
                    Remove<span className="visually-hidden"> {person.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <EditPersonDialog person={editing} onClose={() => setEditing(null)} onSaved={onChanged} />
      <ConfirmDialog
        open={removing !== null}
        title={removing ? `Remove ${removing.name}?` : 'Remove person?'}
        confirmLabel="Remove person"
        onConfirm={remove}
        onClose={() => setRemoving(null)}
      >
        <p>
          {removing?.name} will be removed from the organisation and from all of their teams
          {removing?.hasAccount ? ', and will no longer be able to sign in' : ''}. This cannot be undone.
        </p>
        <p>
          Someone a repair names (its leader, one of the people it affected, or the author of a message in it)
          is kept, because removing them would delete part of that repair’s record; so is someone invited to a
          trust pulse still open. Kintsugi then says which; you can remove them from their teams instead.
        </p>
      </ConfirmDialog>
    </>
  );
}
