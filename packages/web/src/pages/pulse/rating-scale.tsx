import { useRef } from 'react';

/** One statement as a native radio group: arrow keys move between the seven points, as with any radios. */
export function RatingScale({
  number,
  itemId,
  text,
  scale,
  value,
  onChange,
}: {
  number: number;
  itemId: string;
  text: string;
  scale: readonly string[];
  value: number | undefined;
  onChange: (value: number | undefined) => void;
}) {
  const name = `pulse-${itemId}`;
  const groupRef = useRef<HTMLFieldSetElement>(null);
  const chosen = value === undefined ? undefined : scale[value - 1];
  return (
    <fieldset className="pulse-item" ref={groupRef}>
      <legend className="pulse-item__statement">
        <span className="pulse-item__number">{number}.</span> {text}
      </legend>
      <div className="pulse-scale__anchors" aria-hidden="true">
        <span>1 · {scale[0]}</span>
        <span>
          {scale.length} · {scale[scale.length - 1]}
        </span>
      </div>
      <div className="pulse-scale">
        {scale.map((label, i) => {
          const point = i + 1;
          return (
            <label key={label} className="pulse-scale__option">
              <input
                type="radio"
                className="pulse-scale__input"
                name={name}
                value={point}
                checked={value === point}
                onChange={() => onChange(point)}
              />
              <span className="pulse-scale__face">
                <span className="pulse-scale__point" aria-hidden="true">
                  {point}
                </span>
                <span className="pulse-scale__label">{label}</span>
              </span>
            </label>
          );
        })}
      </div>
      <div className="pulse-item__footer">
        <span className="pulse-item__chosen" aria-hidden="true">
          {chosen ? `${value} · ${chosen}` : 'Not rated'}
        </span>
        {value !== undefined ? (
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => {
              onChange(undefined);
              // The button goes away with the rating: keep focus in this statement, not at the page's top.
              groupRef.current?.querySelector('input')?.focus();
            }}
          >
            Clear<span className="visually-hidden"> my rating of statement {number}</span>
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}
