import type { RecoveryView } from '@kintsugi/core';
import { FormAlert } from '../../components/form-alert';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { useApiResource } from '../../hooks/use-api-resource';
import { Link } from '../../router/router';
import { STAGE_LABELS } from '../repairs/labels';
import { repairPath } from '../repairs/repair-api';
import { NumbersDetails, TrendTable } from './chart-tables';
import { DimensionCharts } from './dimension-charts';
import { EventList } from './events-axis';
import { period, shortDate, timeDomain } from './recovery-format';
import { RecoverySummary } from './recovery-summary';
import {
  CommentsSection,
  HeardSection,
  ReliabilitySection,
  ThemesAndCommitments,
  WhatHappened,
} from './story-sections';
import { TrendChart } from './trend-chart';

/**
 * The recovery story of one repair on one page (SPEC §3 stage 9): whether trust is recovering, how sure that
 * reading is, and which actions went with it. Every number arrives already past its anonymity threshold.
 */
export function RecoveryPage({ repairId }: { repairId: string }) {
  const view = useApiResource<RecoveryView>(repairPath(repairId, '/recovery'));
  const data = view.data;
  const title = data ? `Recovery story: ${data.repair.title}` : 'Recovery story';

  return (
    <div className="recovery">
      <p className="breadcrumb">
        <Link to="/repairs">← All repairs</Link>
        {data ? (
          <>
            {' / '}
            <Link to={`/repairs/${encodeURIComponent(repairId)}`}>{data.repair.title}</Link>
          </>
        ) : null}
      </p>
      <p className="recovery__eyebrow">The recovery story</p>
      <PageHeading title={title}>{data ? data.repair.title : 'Recovery story'}</PageHeading>
      {view.loading && !data ? <Loading label="Loading the recovery story…" /> : null}
      <FormAlert message={view.error} />
      {data ? <RecoveryStory view={data} /> : null}
    </div>
  );
}

function RecoveryStory({ view }: { view: RecoveryView }) {
  const { repair } = view;
  return (
    <>
      <p className="lead">
        {repair.team.name} · led by {repair.leader.name} · stage: {STAGE_LABELS[repair.stage]}
      </p>
      <div className="recovery-actions">
        <a
          className="button button--secondary button--small"
          href={repairPath(repair.id, '/recovery.csv')}
          download
        >
          Download the data (CSV)
        </a>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => window.print()}
        >
          Print or save as PDF
        </button>
      </div>
      <RecoverySummary view={view} />
      <WhatHappened repair={repair} />
      <HeardSection heard={view.heard} threshold={view.threshold} />
      <ThemesAndCommitments commitments={view.commitments} />
      <ReliabilitySection commitments={view.commitments} />
      <TrustSection view={view} />
      {view.pulse.comments !== null ? <CommentsSection comments={view.pulse.comments} /> : null}
      <p className="recovery__generated small muted">
        Generated on {new Date(view.generatedAt).toLocaleString()} · answers are shown only where at least{' '}
        {view.threshold} people answered.
      </p>
    </>
  );
}

function TrustSection({ view }: { view: RecoveryView }) {
  const { pulse, events } = view;
  const domain = timeDomain(view);
  return (
    <section aria-labelledby="trust-heading" className="recovery-section recovery-trust">
      <h2 id="trust-heading">Trust over time</h2>
      <p className="muted recovery-prose">
        The team’s anonymous trust pulse, on a scale of 0 to 100. The band around the line is the 95%
        interval: the narrower it is, the surer the reading. A pulse is shown only when at least{' '}
        {pulse.threshold} people answered it.
        {pulse.mode === 'pooled'
          ? ' This team is small, so pulses are read together (pooled) until enough people have answered.'
          : ''}
      </p>
      {pulse.points.length === 0 ? (
        <NothingYet pulse={pulse} />
      ) : (
        <>
          <TrendChart pulse={pulse} events={events} domain={domain} />
          <NumbersDetails label="the trust index">
            <TrendTable pulse={pulse} />
          </NumbersDetails>
        </>
      )}
      <EventList events={events} />
      {pulse.points.length > 0 ? (
        <>
          <h3 className="recovery-trust__sub">By dimension of trust</h3>
          <p className="small muted recovery-prose">
            The same time axis for each of the seven dimensions the pulse asks about. The dashed line is the
            baseline.
          </p>
          <DimensionCharts pulse={pulse} domain={domain} />
        </>
      ) : null}
    </section>
  );
}

function NothingYet({ pulse }: { pulse: RecoveryView['pulse'] }) {
  return (
    <div className="panel notice recovery-nothing">
      <p>
        <strong>No trust reading is shown yet.</strong> Nothing is shown until at least {pulse.threshold}{' '}
        people have answered a pulse, so that nobody can be singled out.
      </p>
      {pulse.withheld.length > 0 ? (
        <>
          <p className="recovery-nothing__list-title">Pulses so far:</p>
          <ul className="recovery-nothing__list">
            {pulse.withheld.map((w) => (
              <li key={`${w.from}-${w.to}`}>
                {period(w.from, w.to)}: fewer than {pulse.threshold} answered
                {w.open ? ` so far; open until ${shortDate(w.closesOn)}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>No pulse has been sent since the repair opened.</p>
      )}
    </div>
  );
}
