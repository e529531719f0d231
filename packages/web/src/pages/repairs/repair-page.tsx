import { BREACH_KIND_LABELS, type LinksSent, type Repair } from '@kintsugi/core';
import { useState } from 'react';
import { FormAlert } from '../../components/form-alert';
import { Loading } from '../../components/loading';
import { PageContents } from '../../components/page-contents';
import { PageHeading } from '../../components/page-heading';
import { useApiResource } from '../../hooks/use-api-resource';
import { Link } from '../../router/router';
import { AnswersSection } from './answers-section';
import { reached } from './commit/commit-api';
import { CommitmentsArea } from './commit/commitments-area';
import { RespondSection } from './commit/respond-section';
import { ForecastForm } from './forecast-form';
import { shortBreachLabel } from './labels';
import { LinksSentNotice } from './links-sent-notice';
import { repairPath } from './repair-api';
import { RoundDraftEditor } from './round-draft-editor';
import { RoundStatus } from './round-status';
import { StageIndicator } from './stage-indicator';

export function RepairPage({ repairId }: { repairId: string }) {
  const repair = useApiResource<Repair>(repairPath(repairId));
  const [sent, setSent] = useState<LinksSent | null>(null);
  const [questionsDirty, setQuestionsDirty] = useState(false);
  const data = repair.data;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/repairs">← All repairs</Link>
      </p>
      <PageHeading title={data ? data.title : 'Repair'}>{data ? data.title : 'Repair'}</PageHeading>
      {repair.loading && !data ? <Loading label="Loading the repair…" /> : null}
      <FormAlert message={repair.error} />
      {data ? (
        <>
          <p className="lead">
            {data.team.name} · led by {data.leader.name} · {data.affected.length}{' '}
            {data.affected.length === 1 ? 'person' : 'people'} affected
          </p>
          <StageIndicator stage={data.stage} nextStep={data.nextStep} />
          <PageContents watch={data} />
          <p className="recovery-link">
            <Link to={`/repairs/${encodeURIComponent(data.id)}/recovery`}>See the recovery story</Link>
            <span className="muted">
              {' '}
              — trust over time, commitments and what was heard, on one printable page
            </span>
          </p>

          <section aria-labelledby="what-happened" className="section what-happened">
            <h2 id="what-happened">What happened</h2>
            <p className="prewrap">{data.description}</p>
            <p className="repair-list__kinds">
              <span className="visually-hidden">Kinds of breach: </span>
              {data.breachKinds.map((kind) => (
                <span key={kind} className="badge" title={BREACH_KIND_LABELS[kind]}>
                  {shortBreachLabel(BREACH_KIND_LABELS[kind])}
                </span>
              ))}
            </p>
            <p className="small muted">Affected: {data.affected.map((p) => p.name).join(', ')}</p>
          </section>

          {sent ? (
            <LinksSentNotice
              sent={sent}
              level={2}
              heading="The round is out"
              onDone={() => setSent(null)}
              className="links-sent--round"
            >
              <p>
                Each link is personal: it lets one person answer, once. You never see the links, so nobody can
                answer in someone else’s place. Someone lost theirs? Send them a new one under “The listening
                round”.
              </p>
            </LinksSentNotice>
          ) : null}

          {data.round.status === 'draft' && !data.abilities.manage ? (
            <section aria-labelledby="round-heading" className="panel panel--wide">
              <h2 id="round-heading">The listening round</h2>
              <p className="muted">
                The repair’s leader is preparing the questions; the round has not gone out yet.
              </p>
            </section>
          ) : data.round.status === 'draft' ? (
            <>
              <section aria-labelledby="questions-heading" className="panel panel--wide">
                <h2 id="questions-heading">1. The questions</h2>
                <p className="muted">
                  Three sincere questions, asked before you explain anything. Reword, reorder or add your own.
                </p>
                <RoundDraftEditor repair={data} onSaved={repair.setData} onDirtyChange={setQuestionsDirty} />
              </section>
              <section aria-labelledby="forecast-heading" className="panel panel--wide">
                <h2 id="forecast-heading">2. Your forecast</h2>
                <p className="muted">
                  Before hearing anyone, step into their shoes: how will they answer? Only you see this. Later
                  Kintsugi puts it beside what people actually said.
                </p>
                <ForecastForm
                  repair={data}
                  questionsDirty={questionsDirty}
                  onSaved={repair.setData}
                  onSent={(result) => {
                    setSent(result);
                    repair.reload();
                  }}
                />
              </section>
            </>
          ) : (
            <section aria-labelledby="round-heading" className="panel panel--wide">
              <h2 id="round-heading">The listening round</h2>
              <RoundStatus repair={data} onChanged={repair.setData} />
            </section>
          )}

          {/* What people said is for the repair's leader and admins only (the repair's abilities say so). */}
          {data.round.status !== 'draft' && data.abilities.readAnswers ? (
            <AnswersSection repairId={data.id} />
          ) : null}
          {reached(data, 'understanding') || data.round.status === 'closed' ? (
            <RespondSection repair={data} onPublished={repair.reload} />
          ) : null}
          {reached(data, 'committing') ? <CommitmentsArea repair={data} onRepair={repair.setData} /> : null}
        </>
      ) : null}
    </>
  );
}
