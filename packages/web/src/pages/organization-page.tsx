import type { Organization, Outbox } from '@kintsugi/core';
import { AdminOnly } from '../components/admin-only';
import { FormAlert } from '../components/form-alert';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { useApiResource } from '../hooks/use-api-resource';
import { useSession } from '../session/session-context';
import { OrganizationSettingsForm } from './organization/organization-settings-form';
import { OutboxList } from './organization/outbox-list';

export function OrganizationPage() {
  const session = useSession();
  const isAdmin = session.abilities.manageOrganization;
  const organization = useApiResource<Organization>(isAdmin ? '/api/v1/organization' : null);
  const outbox = useApiResource<Outbox>(isAdmin ? '/api/v1/outbox' : null);
  if (!isAdmin) return <AdminOnly title="Organisation" />;
  return (
    <>
      <PageHeading>Organisation</PageHeading>
      <section aria-labelledby="org-settings" className="panel panel--form">
        <h2 id="org-settings">Settings</h2>
        {organization.loading && !organization.data ? <Loading label="Loading settings…" /> : null}
        <FormAlert message={organization.error} />
        {organization.data ? (
          <OrganizationSettingsForm organization={organization.data} onSaved={organization.setData} />
        ) : null}
      </section>
      <section aria-labelledby="outbox" className="section">
        <h2 id="outbox">Outbox</h2>
        {outbox.loading && !outbox.data ? <Loading label="Loading email…" /> : null}
        <FormAlert message={outbox.error} />
        {outbox.data ? <OutboxList outbox={outbox.data} /> : null}
      </section>
    </>
  );
}
