import { BREACH_KIND_LABELS, type RepairSummary } from '@kintsugi/core';
import { EmptyState } from '../../components/empty-state';
import { FormAlert } from '../../components/form-alert';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { useApiResource } from '../../hooks/use-api-resource';
import { Link } from '../../router/router';
import { useSession } from '../../session/session-context';
import { STAGE_LABELS, shortBreachLabel } from './labels';

export function RepairsPage() {
  const session = useSession();
  const canOpen = session.abilities.openRepair;
  const repairs = useApiResource<{ repairs: RepairSummary[] }>('/api/v1/repairs');
  const list = repairs.data?.repairs ?? [];

  return (
    <>
      <div className="page-title-row">
        <PageHeading>Repairs</PageHeading>
        {canOpen && list.length > 0 ? (
          <Link to="/repairs/new" className="button">
            Open a repair
          </Link>
        ) : null}
      </div>
      <p className="lead">
        A repair is the work of mending trust after something went wrong between a leader and their team:
        listen first, understand, respond, commit — and then show it, again and again.
      </p>
      {repairs.loading && !repairs.data ? <Loading label="Loading repairs…" /> : null}
      <FormAlert message={repairs.error} />
      {repairs.data && list.length === 0 ? (
        <EmptyState title="No repairs yet.">
          {canOpen ? (
            <>
              <p>
                Open one when trust with your team has cracked: a decision made without asking, a promise not
                kept. You will describe what happened and forecast how the team sees it, before hearing
                anyone.
              </p>
              <Link to="/repairs/new" className="button">
                Open a repair
              </Link>
            </>
          ) : (
            <p>Repairs are opened by team leaders. When one concerns your teams, it will appear here.</p>
          )}
        </EmptyState>
      ) : null}
      {list.length > 0 ? <RepairList repairs={list} /> : null}
    </>
  );
}

function RepairList({ repairs }: { repairs: RepairSummary[] }) {
  return (
    <ul className="repair-list">
      {repairs.map((repair) => (
        <li key={repair.id} className="repair-list__item">
          <div className="repair-list__main">
            <Link to={`/repairs/${repair.id}`} className="repair-list__title">
              {repair.title}
            </Link>
            <span className="muted small">
              {repair.team.name} · led by {repair.leader.name} · opened{' '}
              {new Date(repair.createdAt).toLocaleDateString()}
            </span>
            <span className="repair-list__kinds">
              {repair.breachKinds.map((kind) => (
                <span key={kind} className="badge">
                  {shortBreachLabel(BREACH_KIND_LABELS[kind])}
                </span>
              ))}
            </span>
          </div>
          <span className="stage-pill">
            <span className="visually-hidden">Stage: </span>
            {STAGE_LABELS[repair.stage]}
          </span>
        </li>
      ))}
    </ul>
  );
}
