import type { Person } from '@kintsugi/core';
import { useId } from 'react';

interface MemberPickerProps {
  people: Person[];
  selected: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}

/** Checkboxes in a fieldset: simpler and more accessible than a multi-select list box. */
export function MemberPicker({ people, selected, onChange, error }: MemberPickerProps) {
  const id = useId();
  const sorted = [...people].sort((a, b) => a.name.localeCompare(b.name));
  const toggle = (personId: string, checked: boolean) => {
    onChange(checked ? [...selected, personId] : selected.filter((x) => x !== personId));
  };

  return (
    <fieldset className="fieldset" aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend>Members (optional)</legend>
      <p className="field__hint" id={`${id}-hint`}>
        {people.length === 0
          ? 'Add people first; you can also add members later.'
          : 'You can also add members later.'}
      </p>
      {sorted.length > 0 ? (
        <ul className="checkbox-list">
          {sorted.map((person) => (
            <li key={person.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={selected.includes(person.id)}
                  onChange={(event) => toggle(person.id, event.target.checked)}
                />
                <span>
                  {person.name} <span className="muted small">{person.email}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
