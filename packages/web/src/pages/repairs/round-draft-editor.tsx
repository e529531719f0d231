import type { Repair } from '@kintsugi/core';
import { type FormEvent, useState } from 'react';
import { TextField } from '../../components/field';
import { FormAlert, StatusMessage } from '../../components/form-alert';
import { SubmitButton } from '../../components/submit-button';
import { useFormErrors } from '../../hooks/use-form-errors';
import { dayFromToday, putRepair, repairPath } from './repair-api';
import { TextAreaField } from './text-area-field';

interface DraftQuestion {
  key: string;
  id?: string;
  text: string;
}

const MAX_QUESTIONS = 10;
let nextKey = 0;

interface RoundDraftEditorProps {
  repair: Repair;
  onSaved: (repair: Repair) => void;
  onDirtyChange: (dirty: boolean) => void;
}

/** Reword, reorder, add and remove the questions of a draft round, and set its closing day. */
export function RoundDraftEditor({ repair, onSaved, onDirtyChange }: RoundDraftEditorProps) {
  const { errors, clear, showFields, showError } = useFormErrors();
  const initial = () => repair.round.questions.map((q) => ({ key: q.id, id: q.id, text: q.text }));
  const [questions, setQuestions] = useState<DraftQuestion[]>(initial);
  const [closesOn, setClosesOn] = useState(repair.round.closesOn);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const update = (next: DraftQuestion[]) => {
    setQuestions(next);
    setSaved(null);
    onDirtyChange(true);
  };
  const move = (index: number, by: number) => {
    const next = [...questions];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    update(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fields: Record<string, string> = {};
    questions.forEach((q, i) => {
      if (!q.text.trim()) fields[`questions.${i}.text`] = 'Write the question, or remove it.';
    });
    if (!closesOn) fields.closesOn = 'Choose the day the round closes.';
    else if (closesOn <= dayFromToday(0)) fields.closesOn = 'Choose a day after today.';
    if (Object.keys(fields).length > 0) return showFields(fields);
    clear();
    setBusy(true);
    try {
      const updated = await putRepair(repairPath(repair.id, '/round'), {
        questions: questions.map((q) => (q.id ? { id: q.id, text: q.text } : { text: q.text })),
        closesOn,
      });
      setQuestions(updated.round.questions.map((q) => ({ key: q.id, id: q.id, text: q.text })));
      setClosesOn(updated.round.closesOn);
      onDirtyChange(false);
      onSaved(updated);
      setSaved('Questions saved. Now write your forecast for each of them below.');
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      <ol className="question-editor">
        {questions.map((q, i) => (
          <li key={q.key} className="question-editor__item">
            <TextAreaField
              label={`Question ${i + 1}`}
              value={q.text}
              onValueChange={(text) => update(questions.map((x) => (x.key === q.key ? { ...x, text } : x)))}
              error={errors.fields[`questions.${i}.text`]}
              rows={2}
              maxLength={500}
            />
            <div className="button-row question-editor__actions">
              <button
                type="button"
                className="button button--small button--quiet"
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                Move up<span className="visually-hidden"> question {i + 1}</span>
              </button>
              <button
                type="button"
                className="button button--small button--quiet"
                disabled={i === questions.length - 1}
                onClick={() => move(i, 1)}
              >
                Move down<span className="visually-hidden"> question {i + 1}</span>
              </button>
              <button
                type="button"
                className="button button--small button--danger-quiet"
                disabled={questions.length === 1}
                onClick={() => update(questions.filter((x) => x.key !== q.key))}
              >
                Remove<span className="visually-hidden"> question {i + 1}</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      {questions.length < MAX_QUESTIONS ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => update([...questions, { key: `new-${nextKey++}`, text: '' }])}
        >
          Add a question
        </button>
      ) : (
        <p className="muted small">A round asks at most {MAX_QUESTIONS} questions.</p>
      )}
      <TextField
        label="The round closes on"
        type="date"
        value={closesOn}
        min={dayFromToday(1)}
        onValueChange={(value) => {
          setClosesOn(value);
          setSaved(null);
          onDirtyChange(true);
        }}
        hint="People can answer until the end of this day. Reminders go out halfway and the day before."
        error={errors.fields.closesOn}
      />
      <FormAlert message={errors.form} />
      <StatusMessage message={saved} />
      <SubmitButton busy={busy} busyLabel="Saving…" className="button button--secondary">
        Save questions
      </SubmitButton>
    </form>
  );
}
