import {
  type Overview,
  type OverviewRow,
  REPAIR_STAGES,
  type RepairStage,
  type TeamSummary,
} from '@kintsugi/core';
import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import { api } from '../../api/client';
import { EmptyState } from '../../components/empty-state';
import { SelectField } from '../../components/field';
import { FormAlert } from '../../components/form-alert';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { useApiResource } from '../../hooks/use-api-resource';
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

type Load =
  | { state: 'loading' }
  | { state: 'forbidden' }
  | { state: 'error'; message: string }
  | { state: 'ready'; overview: Overview };

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
  const allowed = session.role === 'admin' || session.role === 'facilitator';
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
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const params = new URLSearchParams();
  if (teamId) params.set('teamId', teamId);
  if (stage) params.set('stage', stage);
  const search = params.toString();

  useEffect(() => {
    const controller = new AbortController();
    void attempt;
    api
      .get<Overview>(`/api/v1/overview${search ? `?${search}` : ''}`, controller.signal)
      .then((overview) => setLoad({ state: 'ready', overview }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 403) return setLoad({ state: 'forbidden' });
        setLoad({ state: 'error', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [search, attempt]);

  const setFilter = (name: 'teamId' | 'stage', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    const text = next.toString();
    // Filters are part of the address, so a reload or a shared link shows the same view.
    navigate(`/overview${text ? `?${text}` : ''}`, { replace: true });
  };

  if (load.state === 'forbidden') return <NotAllowed />;
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
      {load.state === 'error' ? (
        <FormAlert message={load.message}>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setAttempt((n) => n + 1)}
          >
            Try again
          </button>
        </FormAlert>
      ) : null}
      {load.state === 'ready' ? (
        <>
          <p className="overview-totals" role="status">
            {plural(load.overview.totals.repairs, 'open repair', 'open repairs')},{' '}
            {load.overview.totals.withAlerts} with alerts
          </p>
          {load.overview.repairs.length === 0 ? (
            <EmptyState title={filtered ? 'No open repairs match these filters.' : 'No open repairs.'}>
              <p>
                {filtered
                  ? 'Choose another team or stage, or show all.'
                  : 'When a leader opens a repair, its progress appears here.'}
              </p>
            </EmptyState>
          ) : (
            <OverviewTable rows={load.overview.repairs} threshold={load.overview.threshold} />
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
