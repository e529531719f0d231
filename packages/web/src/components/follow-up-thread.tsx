import { formatDay } from '../dates';

export interface FollowUpMessage {
  from: 'leader' | 'author';
  text: string;
  createdOn: string;
}

interface FollowUpThreadProps {
  followUps: FollowUpMessage[];
  /** The list's accessible name. */
  label: string;
  /** Who wrote a message, as the reader should see it (“You asked”, “Your leader asked”…). */
  fromLabel: (from: FollowUpMessage['from']) => string;
}

/** The follow-up conversation under one answer, oldest first. */
export function FollowUpThread({ followUps, label, fromLabel }: FollowUpThreadProps) {
  return (
    <ol className="thread" aria-label={label}>
      {followUps.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a thread only grows at its end
        <li key={i} className={`thread__item thread__item--${f.from}`}>
          <span className="thread__from small">
            {fromLabel(f.from)} · {formatDay(f.createdOn)}
          </span>
          <p className="prewrap">{f.text}</p>
        </li>
      ))}
    </ol>
  );
}
