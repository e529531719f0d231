import { ROLE_LABELS } from '@kintsugi/core';
import { PageHeading } from '../components/page-heading';
import { useSession } from '../session/session-context';
import { ApiTokens } from './account/api-tokens';
import { CalendarFeed } from './account/calendar-feed';
import { ChangePasswordForm } from './account/change-password-form';

export function AccountPage() {
  const session = useSession();
  return (
    <>
      <PageHeading title="Your account">Your account</PageHeading>
      <section aria-labelledby="profile" className="panel">
        <h2 id="profile">Profile</h2>
        <dl className="details">
          <div>
            <dt>Name</dt>
            <dd>{session.user.name}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd className="break">{session.user.email}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{ROLE_LABELS[session.role]}</dd>
          </div>
          <div>
            <dt>Organisation</dt>
            <dd>{session.organization.name}</dd>
          </div>
        </dl>
      </section>
      <div className="grid grid--two">
        <section aria-labelledby="change-password" className="panel">
          <h2 id="change-password">Change password</h2>
          <ChangePasswordForm />
        </section>
        <section aria-labelledby="api-tokens" className="panel">
          <h2 id="api-tokens">Personal API tokens</h2>
          <ApiTokens />
        </section>
      </div>
      {session.abilities.leadRepairs ? (
        <section aria-labelledby="calendar-feed" className="panel">
          <h2 id="calendar-feed">Your commitments in your calendar</h2>
          <CalendarFeed />
        </section>
      ) : null}
    </>
  );
}
