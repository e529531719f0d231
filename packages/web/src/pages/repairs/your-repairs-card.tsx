import type { RepairSummary } from '@kintsugi/core';
import { FormAlert } from '../../components/form-alert';
import { Loading } from '../../components/loading';
import { useApiResource } from '../../hooks/use-api-resource';
import { Link } from '../../router/router';
import { STAGE_LABELS } from './labels';

/** The home page's view of the repairs in progress, with the way to open one. */
export function YourRepairsCard({ canOpen }: { canOpen: boolean }) {
  const repairs = useApiResource<{ repairs: RepairSummary[] }>('/api/v1/repairs');
  const open = (repairs.data?.repairs ?? []).filter((r) => r.stage !== 'closed');

  return (
    <section aria-labelledby="your-repairs" className="panel">
      <h2 id="your-repairs">Your repairs</h2>
      {repairs.loading && !repairs.data ? <Loading label="Loading repairs…" /> : null}
      <FormAlert message={repairs.error} />
      {repairs.data && open.length === 0 ? (
        <p className="muted">
          No repair in progress.{' '}
          {canOpen ? 'When trust with your team has cracked, open one: it starts with listening.' : ''}
        </p>
      ) : null}
      {open.length > 0 ? (
        <ul className="link-list">
          {open.slice(0, 5).map((repair) => (
            <li key={repair.id}>
              <Link to={`/repairs/${repair.id}`}>{repair.title}</Link>
              <span className="muted small">
                {repair.team.name} · {STAGE_LABELS[repair.stage]}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="button-row">
        {canOpen ? (
          <Link to="/repairs/new" className="button button--secondary">
            Open a repair
          </Link>
        ) : null}
        {repairs.data && repairs.data.repairs.length > 0 ? <Link to="/repairs">All repairs</Link> : null}
      </p>
    </section>
  );
}
