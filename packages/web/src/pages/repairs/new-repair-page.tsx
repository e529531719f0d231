import {
  BREACH_KIND_LABELS,
  BREACH_KINDS,
  type BreachKind,
  type Repair,
  type Team,
  type TeamSummary,
} from '@kintsugi/core';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client';
import { SelectField, TextField } from '../../components/field';
import { FormAlert } from '../../components/form-alert';
import { Loading } from '../../components/loading';
import { PageHeading } from '../../components/page-heading';
import { SubmitButton } from '../../components/submit-button';
import { useApiResource } from '../../hooks/use-api-resource';
import { useFormErrors } from '../../hooks/use-form-errors';
import { Link, navigate } from '../../router/router';
import { useSession } from '../../session/session-context';
import { AffectedPicker } from './affected-picker';
import { TextAreaField } from './text-area-field';

export function NewRepairPage() {
  const session = useSession();
  const anywhere = session.abilities.openRepairAnywhere;
  const teams = useApiResource<{ teams: TeamSummary[] }>('/api/v1/teams');
  // Each team says whether the caller may open a repair for it; a repair also needs the team to have a leader.
  const choices = (teams.data?.teams ?? []).filter(
    (team) => team.abilities.openRepair && team.leader !== null,
  );

  return (
    <>
      <p className="breadcrumb">
        <Link to="/repairs">← All repairs</Link>
      </p>
      <PageHeading>Open a repair</PageHeading>
      <p className="lead">
        Start by describing what happened, as someone on the team would have seen it. You will not explain or
        defend it here: that comes much later, after you have listened.
      </p>
      {teams.loading && !teams.data ? <Loading label="Loading your teams…" /> : null}
      <FormAlert message={teams.error} />
      {teams.data && choices.length === 0 ? (
        <p className="panel panel--form">
          {anywhere
            ? 'No team has a leader yet. Give a team a leader on its page first.'
            : 'You do not lead a team yet. An admin can make you the leader of one.'}{' '}
          <Link to="/teams">Go to teams</Link>
        </p>
      ) : null}
      {choices.length > 0 ? <NewRepairForm teams={choices} /> : null}
    </>
  );
}

function NewRepairForm({ teams }: { teams: TeamSummary[] }) {
  const { errors, clear, showFields, showError } = useFormErrors();
  const kindsId = useId();
  const [teamId, setTeamId] = useState(teams.length === 1 ? (teams[0]?.id ?? '') : '');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [kinds, setKinds] = useState<BreachKind[]>([]);
  const [wholeTeam, setWholeTeam] = useState(true);
  const [affected, setAffected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const team = useApiResource<Team>(teamId ? `/api/v1/teams/${encodeURIComponent(teamId)}` : null);
  const teamData = team.data?.id === teamId ? team.data : null;

  const changeTeam = (id: string) => {
    setTeamId(id);
    setAffected([]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fields: Record<string, string> = {};
    if (!teamId) fields.teamId = 'Choose the team.';
    if (!title.trim()) fields.title = 'Give the repair a short title.';
    if (!description.trim()) fields.description = 'Describe what happened.';
    if (kinds.length === 0) fields.breachKinds = 'Choose at least one kind of breach.';
    if (!wholeTeam && affected.length === 0) fields.affectedIds = 'Choose at least one person.';
    if (Object.keys(fields).length > 0) return showFields(fields);

    clear();
    setBusy(true);
    try {
      const leaderId = teamData?.leader?.id;
      const leaderIsMember = teamData?.members.some((m) => m.id === leaderId) ?? false;
      // The leader is never asked about their own breach, even when they are listed as a member.
      const affectedIds = !wholeTeam
        ? affected
        : leaderIsMember
          ? teamData?.members.filter((m) => m.id !== leaderId).map((m) => m.id)
          : undefined;
      const repair = await api.post<Repair>('/api/v1/repairs', {
        teamId,
        title,
        description,
        breachKinds: BREACH_KINDS.filter((k) => kinds.includes(k)),
        ...(affectedIds ? { affectedIds } : {}),
      });
      navigate(`/repairs/${repair.id}`);
    } catch (error) {
      showError(error);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form panel panel--form panel--wide">
      <SelectField
        label="Team"
        value={teamId}
        onValueChange={changeTeam}
        options={[
          ...(teams.length === 1 ? [] : [{ value: '', label: 'Choose a team…' }]),
          ...teams.map((t) => ({ value: t.id, label: t.name })),
        ]}
        error={errors.fields.teamId}
      />
      <TextField
        label="Title"
        value={title}
        onValueChange={setTitle}
        hint="A few words you would be comfortable with the team reading, e.g. “The roadmap change in March”."
        error={errors.fields.title}
        autoComplete="off"
        maxLength={120}
        required
      />
      <TextAreaField
        label="What happened"
        value={description}
        onValueChange={setDescription}
        hint="Plain, observable terms: what was said or done, when, and who it affected. Leave out why — intentions come later, if at all."
        error={errors.fields.description}
        rows={6}
        required
      />
      <fieldset
        className={errors.fields.breachKinds ? 'fieldset fieldset--invalid' : 'fieldset'}
        aria-describedby={errors.fields.breachKinds ? `${kindsId}-error` : `${kindsId}-hint`}
      >
        <legend>What kind of breach was it?</legend>
        <p className="field__hint" id={`${kindsId}-hint`}>
          Choose all that apply: the coaching differs for each.
        </p>
        <ul className="checkbox-list checkbox-list--full">
          {BREACH_KINDS.map((kind) => (
            <li key={kind}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={kinds.includes(kind)}
                  onChange={(e) =>
                    setKinds(e.target.checked ? [...kinds, kind] : kinds.filter((k) => k !== kind))
                  }
                />
                <span>{BREACH_KIND_LABELS[kind]}</span>
              </label>
            </li>
          ))}
        </ul>
        {errors.fields.breachKinds ? (
          <p className="field__error" id={`${kindsId}-error`}>
            {errors.fields.breachKinds}
          </p>
        ) : null}
      </fieldset>
      <AffectedPicker
        team={teamData}
        loading={team.loading}
        wholeTeam={wholeTeam}
        onWholeTeamChange={setWholeTeam}
        selected={affected}
        onSelectedChange={setAffected}
        error={errors.fields.affectedIds}
      />
      <FormAlert message={errors.form} />
      <SubmitButton busy={busy} busyLabel="Opening…">
        Open the repair
      </SubmitButton>
    </form>
  );
}
