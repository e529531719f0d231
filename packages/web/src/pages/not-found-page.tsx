import { PageHeading } from '../components/page-heading';
import { Link } from '../router/router';

export function NotFoundPage() {
  return (
    <section className="card card--plain">
      <PageHeading>Page not found</PageHeading>
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </section>
  );
}
