import type { Repair } from '@kintsugi/core';
import { useState } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { FormAlert } from '../../../components/form-alert';
import { Loading } from '../../../components/loading';
import { useApiResource } from '../../../hooks/use-api-resource';
import { type CommitmentsView, commitmentsPath } from './commit-api';
import { type CommitmentDraft, CommitmentForm, emptyDraft, replacementDraft } from './commitment-form';
import { CommitmentList } from './commitment-list';
import { CoverageList } from './coverage-list';
import { DemonstrateSection } from './demonstrate-section';
import { TeamLinksPanel } from './team-links-panel';

/** Commit and Demonstrate share one read of the commitments, their coverage and the record. */
export function CommitmentsArea({
  repair,
  onRepair,
}: {
  repair: Repair;
  onRepair: (repair: Repair) => void;
}) {
  const view = useApiResource<CommitmentsView>(commitmentsPath(repair.id));
  // Facilitators may read a repair but not act for its leader: the server's abilities say who may.
  const canManage = repair.abilities.manage;
  const [form, setForm] = useState<{ draft: CommitmentDraft; version: number }>({
    draft: emptyDraft(),
    version: 0,
  });
  const data = view.data;
  const live = data?.commitments.filter((c) => !c.retired) ?? [];

  return (
    <>
      <section aria-labelledby="commit-heading" className="section commit-section">
        <h2 id="commit-heading">Commit: answer every theme</h2>
        {view.loading && !data ? <Loading label="Loading commitments…" /> : null}
        <FormAlert message={view.error} />
        {data ? (
          <div className="grid grid--two commit-grid">
            <div className="commit-grid__main">
              <div className="panel">
                <CoverageList
                  repairId={repair.id}
                  view={data}
                  onChanged={view.reload}
                  canManage={canManage}
                />
              </div>
              <h3>{canManage ? 'Your commitments' : 'The commitments'}</h3>
              {data.commitments.length === 0 ? (
                <EmptyState title="No commitments yet.">
                  <p>A commitment is a specific action the team can see you do, on a schedule.</p>
                </EmptyState>
              ) : (
                <CommitmentList
                  repairId={repair.id}
                  view={data}
                  onChanged={view.reload}
                  canManage={canManage}
                  onReplace={(old) => setForm({ draft: replacementDraft(old), version: form.version + 1 })}
                />
              )}
              {live.length === 0 && data.commitments.length > 0 ? (
                <p className="small muted">Every commitment is retired.</p>
              ) : null}
            </div>
            {!canManage ? null : live.length === 0 || form.draft.replacesId ? (
              <div className="panel" id="commitment-form">
                <h3>{form.draft.replacesId ? 'Write the replacement' : 'Make a commitment'}</h3>
                <CommitmentForm
                  key={form.version}
                  repairId={repair.id}
                  view={data}
                  initial={form.draft}
                  onSaved={() => {
                    setForm({ draft: emptyDraft(), version: form.version + 1 });
                    view.reload();
                  }}
                  {...(form.draft.replacesId
                    ? { onCancel: () => setForm({ draft: emptyDraft(), version: form.version + 1 }) }
                    : {})}
                />
              </div>
            ) : (
              <details className="details-box commitment-more" id="commitment-form">
                <summary>Make another commitment</summary>
                <h3 className="visually-hidden">
                  {form.draft.replacesId ? 'Write the replacement' : 'Make a commitment'}
                </h3>
                <CommitmentForm
                  key={form.version}
                  repairId={repair.id}
                  view={data}
                  initial={form.draft}
                  onSaved={() => {
                    setForm({ draft: emptyDraft(), version: form.version + 1 });
                    view.reload();
                  }}
                  {...(form.draft.replacesId
                    ? { onCancel: () => setForm({ draft: emptyDraft(), version: form.version + 1 }) }
                    : {})}
                />
              </details>
            )}
          </div>
        ) : null}
      </section>
      {data ? (
        <DemonstrateSection
          repair={repair}
          view={data}
          onChanged={view.reload}
          onMoved={(r) => {
            onRepair(r);
            view.reload();
          }}
        />
      ) : null}
      {canManage ? <TeamLinksPanel repair={repair} /> : null}
    </>
  );
}
