import {
  type Overview,
  type OverviewRow,
  REPAIR_STAGES,
  type RepairStage,
  type TeamSummary,
} from '@kintsugi/core';
import { EmptyState } from '../../components/empty-state';
import { SelectField } from '../../components/field';
import { FormAlert, RetryAlert } from '../../components/form-alert';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { useApiResource } from '../../hooks/use-api-resource';
import { useRefusableResource } from '../../hooks/use-refusable-resource';
import { Link, navigate, useRoute } from '../../router/router';
import { useSession } from '../../session/session-context';
import { STAGE_LABELS } from '../repairs/labels';
import { TrustSparkline } from './trust-sparkline';

const ALL = '';
/** Closed repairs are not in the overview, so they are not a filter either. */
const OPEN_STAGES = REPAIR_STAGES.filter((s) => s !== 'closed');

const ALERT_WORDS: Record<OverviewRow['alerts'][number], string> = {
  trust_relapse: 'Trust fell back',
  missed_twice: 'Missed twice in a row',
};

const VERDICT_WORDS = {
  improvement: 'Improvement',
  decline: 'Decline',
  no_clear_change: 'No clear change yet',
} as const;

/** The overview is for facilitators and admins: the API refuses anyone else. */
const NOT_ALLOWED = [403] as const;

const percent = (share: number) => `${Math.round(share * 100)}%`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function isStage(value: string): value is RepairStage {
  return (OPEN_STAGES as readonly string[]).includes(value);
}

/**
 * Every open repair of the organisation at a glance, for facilitators and admins: stage, coverage,
 * reliability and the trust trend — aggregates only, each behind the anonymity threshold.
 */
export function OverviewPage() {
  const session = useSession();
  const allowed = session.abilities.readOverview;
  return (
    <>
      <PageHeading>Overview</PageHeading>
      {allowed ? <OverviewContent /> : <NotAllowed />}
    </>
  );
}

function NotAllowed() {
  return (
    <div className="notice panel panel--form">
      <p>
        <strong>You are not allowed to see the overview.</strong> It shows the progress of every repair in the
        organisation and is for facilitators and admins only. Your own repairs are under{' '}
        <Link to="/repairs">Repairs</Link>.
      </p>
    </div>
  );
}

function OverviewContent() {
  const { query } = useRoute();
  const teams = useApiResource<{ teams: TeamSummary[] }>('/api/v1/teams');
  const teamList = teams.data?.teams ?? [];
  const teamParam = query.get('teamId') ?? ALL;
  const stageParam = query.get('stage') ?? ALL;
  const stage = isStage(stageParam) ? stageParam : ALL;
  // Wait for the team list before trusting a team id from the address: an unknown one is ignored.
  const teamId = teams.data ? (teamList.some((t) => t.id === teamParam) ? teamParam : ALL) : teamParam;

  const params = new URLSearchParams();
  if (teamId) params.set('teamId', teamId);
  if (stage) params.set('stage', stage);
  const search = params.toString();

  const { load, retry } = useRefusableResource<Overview>(
    `/api/v1/overview${search ? `?${search}` : ''}`,
    NOT_ALLOWED,
  );

  const setFilter = (name: 'teamId' | 'stage', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    const text = next.toString();
    // Filters are part of the address, so a reload or a shared link shows the same view.
    navigate(`/overview${text ? `?${text}` : ''}`, { replace: true });
  };

  if (load.state === 'refused') return <NotAllowed />;
  const filtered = Boolean(teamId || stage);

  return (
    <>
      <p className="lead">
        Every open repair in the organisation, with how far it has come. Only aggregates are shown: never what
        anyone said, and trust only from pulses with enough answers.
      </p>
      <form className="overview-filters" aria-label="Filter repairs" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Team"
          value={teamId}
          onValueChange={(value) => setFilter('teamId', value)}
          options={[
            { value: ALL, label: 'All teams' },
            ...teamList.map((t) => ({ value: t.id, label: t.name })),
          ]}
        />
        <SelectField
          label="Stage"
          value={stage}
          onValueChange={(value) => setFilter('stage', value)}
          options={[
            { value: ALL, label: 'All stages' },
            ...OPEN_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] })),
          ]}
        />
      </form>
      <FormAlert message={teams.error} />
      {load.state === 'loading' ? <Loading label="Loading the overview…" /> : null}
      {load.state === 'error' ? <RetryAlert message={load.message} onRetry={retry} /> : null}
      {load.state === 'ready' ? (
        <>
          <p className="overview-totals" role="status">
            {plural(load.data.totals.repairs, 'open repair', 'open repairs')}, {load.data.totals.withAlerts}{' '}
            with alerts
          </p>
          {load.data.repairs.length === 0 ? (
            <EmptyState title={filtered ? 'No open repairs match these filters.' : 'No open repairs.'}>
              <p>
                {filtered
                  ? 'Choose another team or stage, or show all.'
                  : 'When a leader opens a repair, its progress appears here.'}
              </p>
            </EmptyState>
          ) : (
            <OverviewTable rows={load.data.repairs} threshold={load.data.threshold} />
          )}
        </>
      ) : null}
    </>
  );
}

function OverviewTable({ rows, threshold }: { rows: OverviewRow[]; threshold: number }) {
  return (
    <table className="table table--stack overview-table">
      <caption className="visually-hidden">Open repairs, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Repair</th>
          <th scope="col">Stage</th>
          <th scope="col">Coverage</th>
          <th scope="col">Reliability</th>
          <th scope="col">Trust</th>
          <th scope="col">Alerts</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <OverviewTableRow key={row.repair.id} row={row} threshold={threshold} />
        ))}
      </tbody>
    </table>
  );
}

function OverviewTableRow({ row, threshold }: { row: OverviewRow; threshold: number }) {
  const { repair, reliability, trust } = row;
  // Each alert once, in a stable order, whatever the API repeats.
  const alerts = [...new Set(row.alerts)];
  return (
    <tr>
      <th scope="row" className="overview-table__repair">
        <Link to={`/repairs/${repair.id}/recovery`}>{repair.title}</Link>
        <span className="muted small">
          {repair.team.name} · led by {repair.leader.name}
        </span>
      </th>
      <td data-label="Stage">
        <span className="stage-pill">{STAGE_LABELS[repair.stage]}</span>
      </td>
      <td data-label="Coverage">
        {row.coverage === null ? <span className="muted">No themes yet</span> : percent(row.coverage)}
      </td>
      <td data-label="Reliability">
        {reliability.due === 0 || reliability.keptShare === null ? (
          <span className="muted">Nothing due yet</span>
        ) : (
          <span className="overview-table__stack">
            <span>{percent(reliability.keptShare)} kept</span>
            <span className="muted small">{reliability.currentStreak} kept in a row</span>
          </span>
        )}
      </td>
      <td data-label="Trust">
        <TrustCell trust={trust} title={repair.title} threshold={threshold} />
      </td>
      <td data-label="Alerts">
        {alerts.length === 0 ? (
          <span className="muted">None</span>
        ) : (
          <ul className="overview-alerts">
            {alerts.map((alert) => (
              <li key={alert} className="alert-badge">
                <span aria-hidden="true">⚠ </span>
                {ALERT_WORDS[alert]}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

function TrustCell({
  trust,
  title,
  threshold,
}: {
  trust: OverviewRow['trust'];
  title: string;
  threshold: number;
}) {
  if (!trust.latest || trust.points.length === 0)
    return (
      <span className="muted" title={`Each point needs at least ${threshold} answers.`}>
        Not enough answers yet
      </span>
    );
  const { latest, change } = trust;
  // One reading is a baseline, not yet a trend.
  const verdict = change ? VERDICT_WORDS[change.verdict] : 'First reading only';
  return (
    <span className="trust-cell">
      <TrustSparkline points={trust.points} label={`Trust index over time for ${title}`} />
      <span className="overview-table__stack">
        <span>
          <span className="visually-hidden">Latest trust index </span>
          <strong>{Math.round(latest.mean)}</strong>
          <span className="visually-hidden"> out of 100</span>{' '}
          <span className="small muted">
            (<span className="visually-hidden">95% interval </span>
            {Math.round(latest.low)}–{Math.round(latest.high)})
          </span>
        </span>
        <span className={`trust-verdict trust-verdict--${change?.verdict ?? 'none'}`}>{verdict}</span>
        {trust.mode === 'pooled' ? <span className="small muted">pulses pooled (small team)</span> : null}
      </span>
    </span>
  );
}
