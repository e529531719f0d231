import type { Team } from '@kintsugi/core';
import { useId } from 'react';

interface AffectedPickerProps {
  team: Team | null;
  loading: boolean;
  wholeTeam: boolean;
  onWholeTeamChange: (wholeTeam: boolean) => void;
  selected: string[];
  onSelectedChange: (ids: string[]) => void;
  error?: string | undefined;
}

/** Whole team, or a chosen few of its members (the leader is not asked about their own breach). */
export function AffectedPicker({
  team,
  loading,
  wholeTeam,
  onWholeTeamChange,
  selected,
  onSelectedChange,
  error,
}: AffectedPickerProps) {
  const id = useId();
  const members = (team?.members ?? [])
    .filter((m) => m.id !== team?.leader?.id)
    .sort((a, b) => a.name.localeCompare(b.name));
  const toggle = (personId: string, checked: boolean) =>
    onSelectedChange(checked ? [...selected, personId] : selected.filter((x) => x !== personId));

  return (
    <fieldset className="fieldset" aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend>Who was affected?</legend>
      <p className="field__hint" id={`${id}-hint`}>
        Each person affected gets a personal link to answer the listening round.
      </p>
      <label className="checkbox">
        <input type="radio" name={`${id}-who`} checked={wholeTeam} onChange={() => onWholeTeamChange(true)} />
        <span>
          The whole team{team ? ` (${members.length} ${members.length === 1 ? 'person' : 'people'})` : ''}
        </span>
      </label>
      <label className="checkbox">
        <input
          type="radio"
          name={`${id}-who`}
          checked={!wholeTeam}
          onChange={() => onWholeTeamChange(false)}
        />
        <span>Only some members</span>
      </label>
      {!wholeTeam && loading ? <p className="muted small">Loading the team’s members…</p> : null}
      {!wholeTeam && team && members.length === 0 ? (
        <p className="muted small">This team has no members besides its leader yet.</p>
      ) : null}
      {!wholeTeam && members.length > 0 ? (
        <ul className="checkbox-list checkbox-list--indented">
          {members.map((member) => (
            <li key={member.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={selected.includes(member.id)}
                  onChange={(event) => toggle(member.id, event.target.checked)}
                />
                <span>{member.name}</span>
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
