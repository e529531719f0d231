import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { parseReplyKey, type ReplyKey } from '../../ballot/reply-key';
import { SubmitButton } from '../../components/submit-button';
import { TextAreaField } from '../repairs/text-area-field';

/** Brings back one's answers and follow-up questions with a saved reply key. */
export function PasteKeyForm({ onKey }: { onKey: (key: ReplyKey) => Promise<void> }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const key = parseReplyKey(text);
    if (!key) {
      setError('This is not a reply key. It starts with “kintsugi-reply-v1.”: paste all of it.');
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await onKey(key);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      <TextAreaField
        label="Your reply key"
        hint="You were shown it after you answered. Paste all of it."
        value={text}
        onValueChange={setText}
        error={error ?? undefined}
        rows={3}
        spellCheck={false}
        autoComplete="off"
      />
      <SubmitButton busy={busy} busyLabel="Opening…" className="button button--secondary">
        Open my answers
      </SubmitButton>
    </form>
  );
}
