import type { Person } from '@kintsugi/core';
import { AdminOnly } from '../components/admin-only';
import { FormAlert } from '../components/form-alert';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { useApiResource } from '../hooks/use-api-resource';
import { useSession } from '../session/session-context';
import { AddPersonForm } from './people/add-person-form';
import { ImportPeople } from './people/import-people';
import { PeopleTable } from './people/people-table';

export function PeoplePage() {
  const session = useSession();
  if (session.role !== 'admin') return <AdminOnly title="People" />;
  return <PeopleAdmin selfId={session.person.id} />;
}

function PeopleAdmin({ selfId }: { selfId: string }) {
  const people = useApiResource<{ people: Person[] }>('/api/v1/people');

  return (
    <>
      <PageHeading>People</PageHeading>
      <p className="lead">Everyone in your organisation. People need an account only if they will sign in.</p>

      <section aria-labelledby="people-list" className="section">
        <h2 id="people-list">
          Everyone{people.data ? <span className="count"> ({people.data.people.length})</span> : null}
        </h2>
        {people.loading && !people.data ? <Loading label="Loading people…" /> : null}
        <FormAlert message={people.error} />
        {people.data ? (
          <PeopleTable people={people.data.people} selfId={selfId} onChanged={people.reload} />
        ) : null}
      </section>

      <div className="grid grid--two">
        <section aria-labelledby="add-person" className="panel">
          <h2 id="add-person">Add a person</h2>
          <AddPersonForm onAdded={people.reload} />
        </section>
        <section aria-labelledby="import-people" className="panel">
          <h2 id="import-people">Import from a CSV file</h2>
          <ImportPeople onImported={people.reload} />
        </section>
      </div>
    </>
  );
}
