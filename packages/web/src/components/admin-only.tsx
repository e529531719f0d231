import { PageHeading } from './page-heading';

/** Shown instead of an admin page to anyone else; the API refuses them too. */
export function AdminOnly({ title }: { title: string }) {
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p>Only admins of your organisation can see this page. Ask an admin if you need something changed.</p>
    </>
  );
}
