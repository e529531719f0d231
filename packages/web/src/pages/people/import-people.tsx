import type { ImportReport } from '@kintsugi/core';
import { type FormEvent, useId, useRef, useState } from 'react';
import { ApiError, errorMessage, type ImportRowProblem } from '../../api/api-error';
import { api } from '../../api/client';
import { FormAlert } from '../../components/form-alert';
import { ImportSummary } from './import-summary';

type Outcome =
  | { kind: 'none' }
  | { kind: 'report'; report: ImportReport }
  | { kind: 'rejected'; message: string; rows: ImportRowProblem[] };

export function ImportPeople({ onImported }: { onImported: () => void }) {
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);

  const run = async (dryRun: boolean) => {
    if (busy) return;
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setFileError('Choose a CSV file first.');
      fileRef.current?.focus();
      return;
    }
    setFileError(null);
    setOutcome({ kind: 'none' });
    setBusy(dryRun ? 'check' : 'import');
    try {
      const csv = await file.text();
      const report = await api.postCsv<ImportReport>(`/api/v1/people/import?dryRun=${dryRun}`, csv);
      setOutcome({ kind: 'report', report });
      if (!report.dryRun) {
        onImported();
        if (fileRef.current) fileRef.current.value = '';
      }
    } catch (error) {
      const rows = error instanceof ApiError ? error.rows : [];
      // With a per-line report, say plainly what to do; otherwise the API's own explanation is best.
      const message =
        rows.length > 0
          ? `Nothing was imported. Fix ${rows.length === 1 ? 'this line' : `these ${rows.length} lines`} in the file, then check it again:`
          : errorMessage(error);
      setOutcome({ kind: 'rejected', message, rows });
    } finally {
      setBusy(null);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(false);
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      <p>
        The first line must be the header <code>name,email,team</code>; then one person per line.{' '}
        <code>team</code> may be empty; a team that does not exist yet is created. Nothing is imported if any
        line has a problem.
      </p>
      <p className="small muted">For example:</p>
      <pre className="example">
        {'name,email,team\nAda Byron,ada@example.org,Ops\nGrace Hopper,grace@example.org,'}
      </pre>
      <div className={fileError ? 'field field--invalid' : 'field'}>
        <label htmlFor={inputId}>CSV file</label>
        <input
          ref={fileRef}
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? `${inputId}-error` : undefined}
          onChange={() => {
            setFileError(null);
            setOutcome({ kind: 'none' });
          }}
        />
        {fileError ? (
          <p className="field__error" id={`${inputId}-error`}>
            {fileError}
          </p>
        ) : null}
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => run(true)}
          aria-disabled={busy !== null || undefined}
        >
          {busy === 'check' ? 'Checking…' : 'Check file'}
        </button>
        <button type="submit" className="button" aria-disabled={busy !== null || undefined}>
          {busy === 'import' ? 'Importing…' : 'Import'}
        </button>
      </div>

      <FormAlert message={outcome.kind === 'rejected' ? outcome.message : null}>
        {outcome.kind === 'rejected' && outcome.rows.length > 0 ? (
          <ul className="row-errors">
            {outcome.rows.map((row) => (
              <li key={row.line}>
                <strong>Line {row.line}:</strong> {row.messages.join(' ')}
              </li>
            ))}
          </ul>
        ) : null}
      </FormAlert>
      <div role="status" className="form__status">
        {outcome.kind === 'report' ? <ImportSummary report={outcome.report} /> : null}
      </div>
    </form>
  );
}
