import { type FormEvent, useState } from 'react';
import { AdminOnly } from '../components/admin-only';
import { TextField } from '../components/field';
import { FormAlert } from '../components/form-alert';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { usePeoplePages } from '../hooks/use-people-pages';
import { useSession } from '../session/session-context';
import { AddPersonForm } from './people/add-person-form';
import { ImportPeople } from './people/import-people';
import { PeopleTable } from './people/people-table';

export function PeoplePage() {
  const session = useSession();
  if (!session.abilities.managePeople) return <AdminOnly title="People" />;
  return <PeopleAdmin selfId={session.person.id} />;
}

function PeopleAdmin({ selfId }: { selfId: string }) {
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const people = usePeoplePages(search);
  const find = (event: FormEvent) => {
    event.preventDefault();
    setSearch(draft.trim());
  };
  const shown = people.people?.length ?? 0;

  return (
    <>
      <PageHeading>People</PageHeading>
      <p className="lead">Everyone in your organisation. People need an account only if they will sign in.</p>

      <section aria-labelledby="people-list" className="section">
        <h2 id="people-list">{search ? `People matching “${search}”` : 'Everyone'}</h2>
        <search aria-label="People">
          <form onSubmit={find} className="form">
            <TextField
              label="Find people"
              hint="Part of a name or an email address."
              value={draft}
              onValueChange={setDraft}
              type="search"
            />
            <button type="submit" className="button button--secondary">
              Search
            </button>
            {search ? (
              <button
                type="button"
                className="button button--quiet"
                onClick={() => {
                  setDraft('');
                  setSearch('');
                }}
              >
                Show everyone
              </button>
            ) : null}
          </form>
        </search>
        {people.loading && !people.people ? <Loading label="Loading people…" /> : null}
        {people.people ? (
          <>
            {search && shown === 0 ? (
              <p>No one's name or email contains “{search}”.</p>
            ) : (
              <PeopleTable people={people.people} selfId={selfId} onChanged={people.reload} />
            )}
            {/* Said aloud when a page is added, so a screen-reader user knows the button worked. */}
            <p className="muted small" aria-live="polite">
              {people.hasMore
                ? `Showing the first ${shown}, in name order.`
                : shown > 0
                  ? `Showing all ${shown}.`
                  : null}
            </p>
            {people.hasMore ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={people.loadMore}
                aria-disabled={people.loading || undefined}
              >
                {people.loading ? 'Loading…' : 'Show more'}
              </button>
            ) : null}
          </>
        ) : null}
        <FormAlert message={people.error} />
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
