import { type ReactNode, type TextareaHTMLAttributes, useId } from 'react';

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value' | 'id'> & {
  label: ReactNode;
  value: string;
  onValueChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  /** Rendered under the text area, e.g. the coach's live reading of it. */
  below?: ReactNode;
  /** Lets a caller tie other elements (the coach) to the text area. */
  id?: string;
};

/** A labelled multi-line field whose hint and error are tied to it with aria-describedby. */
export function TextAreaField({
  label,
  value,
  onValueChange,
  hint,
  error,
  below,
  id: givenId,
  rows = 4,
  ...rest
}: TextAreaFieldProps) {
  const ownId = useId();
  const id = givenId ?? ownId;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field--wide field--invalid' : 'field field--wide'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        className="textarea"
        rows={rows}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        {...rest}
      />
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {below}
    </div>
  );
}
