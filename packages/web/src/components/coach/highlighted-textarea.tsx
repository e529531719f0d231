import type { CoachFinding } from '@kintsugi/core';
import { type ReactNode, type TextareaHTMLAttributes, useRef } from 'react';

interface Segment {
  start: number;
  end: number;
  kind: 'defensive' | 'repair' | null;
}

/** Splits the text where findings start and end; a defensive finding wins over a repair one. */
function segments(length: number, findings: readonly CoachFinding[]): Segment[] {
  const cuts = new Set([0, length]);
  for (const f of findings) {
    cuts.add(Math.min(f.start, length));
    cuts.add(Math.min(f.end, length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const covering = findings.filter((f) => f.start <= start && f.end >= end);
    const kind = covering.some((f) => f.kind === 'defensive')
      ? 'defensive'
      : covering.length > 0
        ? 'repair'
        : null;
    out.push({ start, end, kind });
  }
  return out;
}

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & {
  value: string;
  onValueChange: (value: string) => void;
  findings: readonly CoachFinding[];
};

/**
 * A textarea with the coach's findings marked behind the text: a backdrop with the same text and wrapping shows
 * wavy underlines for defensive moves and solid ones for repair moves. The marks are decoration; the list of
 * findings beside it carries the same information in words for screen readers.
 */
export function HighlightedTextarea({ value, onValueChange, findings, className, ...rest }: Props) {
  const backdrop = useRef<HTMLDivElement>(null);
  const parts: ReactNode[] = segments(value.length, findings).map((s) => {
    const text = value.slice(s.start, s.end);
    return s.kind ? (
      <mark key={s.start} className={`coach-mark coach-mark--${s.kind}`}>
        {text}
      </mark>
    ) : (
      text
    );
  });
  return (
    <div className="coach-editor">
      <div className="coach-editor__backdrop" ref={backdrop} aria-hidden="true">
        {parts}
        {'\n'}
      </div>
      <textarea
        {...rest}
        className={`coach-editor__input ${className ?? ''}`}
        value={value}
        spellCheck
        onChange={(event) => onValueChange(event.target.value)}
        onScroll={(event) => {
          if (backdrop.current) backdrop.current.scrollTop = event.currentTarget.scrollTop;
        }}
      />
    </div>
  );
}
