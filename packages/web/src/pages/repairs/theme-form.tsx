import type { Theme } from '@kintsugi/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { LiveCoach } from '../../components/coach/live-coach';
import { TextField } from '../../components/field';
import { FormAlert } from '../../components/form-alert';
import { SubmitButton } from '../../components/submit-button';
import { useFormErrors } from '../../hooks/use-form-errors';
import { repairPath } from './repair-api';
import { TextAreaField } from './text-area-field';

export interface ThemeDraft {
  name: string;
  need: string;
  acknowledgement: string;
  answerIds: string[];
}

export const EMPTY_THEME: ThemeDraft = { name: '', need: '', acknowledgement: '', answerIds: [] };

interface ThemeFormProps {
  repairId: string;
  /** Editing an existing theme, or creating one (possibly prefilled from a suggestion). */
  theme?: Theme;
  initial: ThemeDraft;
  onSaved: () => void;
  onCancel?: () => void;
}

export function ThemeForm({ repairId, theme, initial, onSaved, onCancel }: ThemeFormProps) {
  const { errors, clear, showFields, showError } = useFormErrors();
  const [draft, setDraft] = useState<ThemeDraft>(initial);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // A suggestion taken up (or an edit started) remounts the form: move the reader to it.
  const prefilled = initial.name !== '';
  useEffect(() => {
    if (prefilled) formRef.current?.querySelector('input')?.focus();
  }, [prefilled]);

  const set = (field: keyof ThemeDraft) => (value: string) => setDraft({ ...draft, [field]: value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fields: Record<string, string> = {};
    if (!draft.name.trim()) fields.name = 'Name the theme in a few words.';
    if (!draft.need.trim()) fields.need = 'Write the need behind it.';
    if (Object.keys(fields).length > 0) return showFields(fields);
    clear();
    setBusy(true);
    try {
      if (theme) await api.patch<Theme>(repairPath(repairId, `/themes/${theme.id}`), draft);
      else await api.post<Theme>(repairPath(repairId, '/themes'), draft);
      if (!theme) setDraft(EMPTY_THEME);
      onSaved();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="form theme-form">
      <TextField
        label="Theme"
        value={draft.name}
        onValueChange={set('name')}
        hint="A few words, e.g. “Roadmap decisions”."
        error={errors.fields.name}
        maxLength={120}
        autoComplete="off"
      />
      <TextAreaField
        label="The need behind it"
        value={draft.need}
        onValueChange={set('need')}
        hint="What people needed, in their terms: “Be asked before decisions about our roadmap”."
        error={errors.fields.need}
        rows={2}
        maxLength={1000}
      />
      <LiveCoach
        label="Your acknowledgement, in your own words"
        value={draft.acknowledgement}
        onValueChange={set('acknowledgement')}
        hint="Name the impact you heard and that it was real. No explanations, no “but”."
        context="acknowledgement"
        rows={4}
        headingLevel={3}
      />
      {draft.answerIds.length > 0 ? (
        <p className="muted small">
          Grouping {draft.answerIds.length} {draft.answerIds.length === 1 ? 'answer' : 'answers'}.
        </p>
      ) : null}
      <FormAlert message={errors.form} />
      <div className="button-row">
        <SubmitButton busy={busy} busyLabel="Saving…">
          {theme ? 'Save theme' : 'Add theme'}
        </SubmitButton>
        {onCancel ? (
          <button type="button" className="button button--quiet" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
