import { useId, useRef, useState } from 'react';
import { formatReplyKey, type ReplyKey } from '../../ballot/reply-key';

/** The reply key: the only way back to one's anonymous answers, from this or any other device. */
export function ReplyKeyPanel({ replyKey, intro }: { replyKey: ReplyKey; intro?: string }) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const text = formatReplyKey(replyKey);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Copied. Keep it somewhere private, like a password manager or a note to yourself.');
    } catch {
      ref.current?.select();
      setCopied('Selected: press Ctrl+C (or ⌘C, or “Copy” on a phone) to copy it.');
    }
  };

  return (
    <section className="secret reply-key" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Your reply key</h2>
      <p>
        {intro ??
          'This browser remembers it. To read follow-up questions on another device, or after clearing your browser, you will need this key: save it.'}{' '}
        It proves you may reply, without saying who you are — so nobody can give it back to you if it is lost.
      </p>
      <label htmlFor={id} className="visually-hidden">
        Reply key
      </label>
      <div className="secret__row">
        <textarea
          ref={ref}
          id={id}
          className="secret__value"
          readOnly
          rows={3}
          spellCheck={false}
          value={text}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button button--secondary" onClick={copy}>
          Copy<span className="visually-hidden"> your reply key</span>
        </button>
      </div>
      <p role="status" className="small">
        {copied}
      </p>
    </section>
  );
}
