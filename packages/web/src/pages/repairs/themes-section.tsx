import type { Theme } from '@kintsugi/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { FormAlert } from '../../components/form-alert';
import { Loading } from '../../components/loading';
import { useApiResource } from '../../hooks/use-api-resource';
import { repairPath } from './repair-api';
import { EMPTY_THEME, type ThemeDraft, ThemeForm } from './theme-form';

interface ThemesView {
  themes: Theme[];
  suggestions: { label: string; terms: string[]; answerIds: string[] }[];
}

/** Understand: group what was heard into the needs behind it, and acknowledge each one. */
export function ThemesSection({ repairId }: { repairId: string }) {
  const view = useApiResource<ThemesView>(repairPath(repairId, '/themes'));
  const [prefill, setPrefill] = useState<{ draft: ThemeDraft; version: number }>({
    draft: EMPTY_THEME,
    version: 0,
  });
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Theme | null>(null);
  const data = view.data;
  // A suggestion whose answers all belong to a theme already has done its work.
  const themed = new Set(data?.themes.flatMap((t) => t.answerIds) ?? []);
  const suggestions = (data?.suggestions ?? []).filter((s) => s.answerIds.some((id) => !themed.has(id)));

  const remove = async () => {
    if (!deleting) return;
    await api.delete(repairPath(repairId, `/themes/${deleting.id}`));
    view.reload();
  };

  return (
    <section aria-labelledby="themes-heading" className="section">
      <h2 id="themes-heading">Themes: the needs behind what you heard</h2>
      {view.loading && !data ? <Loading label="Loading themes…" /> : null}
      <FormAlert message={view.error} />
      {data ? (
        <div className="grid grid--two">
          <div>
            <h3>Your themes</h3>
            {data.themes.length === 0 ? (
              <EmptyState title="No themes yet.">
                <p>Group the answers into a few needs. Kintsugi suggests some from the words people used.</p>
              </EmptyState>
            ) : (
              <ul className="theme-list">
                {data.themes.map((theme) => (
                  <li key={theme.id} className="panel theme">
                    {editing === theme.id ? (
                      <ThemeForm
                        repairId={repairId}
                        theme={theme}
                        initial={theme}
                        onSaved={() => {
                          setEditing(null);
                          view.reload();
                        }}
                        onCancel={() => setEditing(null)}
                      />
                    ) : (
                      <>
                        <h4 className="theme__name">{theme.name}</h4>
                        <p>
                          <span className="muted small">The need: </span>
                          {theme.need}
                        </p>
                        {theme.acknowledgement ? (
                          <blockquote className="theme__ack prewrap">{theme.acknowledgement}</blockquote>
                        ) : (
                          <p className="muted small">Not acknowledged yet.</p>
                        )}
                        {theme.answerIds.length > 0 ? (
                          <p className="muted small">
                            Groups {theme.answerIds.length}{' '}
                            {theme.answerIds.length === 1 ? 'answer' : 'answers'}
                          </p>
                        ) : null}
                        <div className="button-row">
                          <button
                            type="button"
                            className="button button--small button--quiet"
                            onClick={() => setEditing(theme.id)}
                          >
                            Edit<span className="visually-hidden"> {theme.name}</span>
                          </button>
                          <button
                            type="button"
                            className="button button--small button--danger-quiet"
                            onClick={() => setDeleting(theme)}
                          >
                            Delete<span className="visually-hidden"> {theme.name}</span>
                          </button>
                        </div>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            {suggestions.length > 0 ? (
              <>
                <h3>Suggested by Kintsugi</h3>
                <ul className="suggestion-list">
                  {suggestions.map((s) => (
                    <li key={s.label} className="suggestion">
                      <span>
                        <strong>{s.label}</strong>
                        <span className="muted small">
                          {' '}
                          · {s.answerIds.length} {s.answerIds.length === 1 ? 'answer' : 'answers'}
                          {s.terms.length > 3 ? ` · also ${s.terms.slice(3).join(', ')}` : ''}
                        </span>
                      </span>
                      <button
                        type="button"
                        className="button button--small button--secondary"
                        onClick={() =>
                          setPrefill({
                            draft: { ...EMPTY_THEME, name: s.label, answerIds: s.answerIds },
                            version: prefill.version + 1,
                          })
                        }
                      >
                        Make a theme<span className="visually-hidden"> of {s.label}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <div className="panel">
              <h3>Add a theme</h3>
              <ThemeForm
                key={prefill.version}
                repairId={repairId}
                initial={prefill.draft}
                onSaved={() => {
                  setPrefill({ draft: EMPTY_THEME, version: prefill.version + 1 });
                  view.reload();
                }}
              />
            </div>
          </div>
        </div>
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? `Delete the theme “${deleting.name}”?` : 'Delete theme?'}
        confirmLabel="Delete theme"
        onConfirm={remove}
        onClose={() => setDeleting(null)}
      >
        <p>Its acknowledgement is deleted with it. The answers themselves stay.</p>
      </ConfirmDialog>
    </section>
  );
}
