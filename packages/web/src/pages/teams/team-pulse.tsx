import type { LinksSent, PulseSummary, TeamPulse } from '@kintsugi/core';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { api, request } from '../../api/client';
import { EmptyState } from '../../components/empty-state';
import { SelectField } from '../../components/field';
import { FormAlert, RetryAlert, StatusMessage } from '../../components/form-alert';
import { Loading } from '../../components/loading';
import { Modal } from '../../components/modal';
import { SubmitButton } from '../../components/submit-button';
import { formatDay } from '../../dates';
import { useRefusableResource } from '../../hooks/use-refusable-resource';
import { LinksSentNotice } from '../repairs/links-sent-notice';

type Cadence = TeamPulse['everyWeeks'];
const NONE = 'none';

const CADENCE_OPTIONS = [
  { value: '1', label: 'Every week' },
  { value: '2', label: 'Every 2 weeks' },
  { value: '4', label: 'Every 4 weeks' },
  { value: NONE, label: 'Only the baseline when a repair opens' },
];

const cadenceValue = (everyWeeks: Cadence) => (everyWeeks === null ? NONE : String(everyWeeks));
const cadenceLabel = (everyWeeks: Cadence) =>
  CADENCE_OPTIONS.find((o) => o.value === cadenceValue(everyWeeks))?.label ?? '';

/** Today as the server counts days (UTC), YYYY-MM-DD. */
const utcToday = () => new Date().toISOString().slice(0, 10);

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * When the next regular pulse really goes out. The scheduler skips a due date while a pulse is still open and
 * moves on by the cadence, so a date that has come while one is open is not the next one.
 */
export function effectiveNextOn(pulse: TeamPulse, today = utcToday()): string | null {
  if (!pulse.nextOn || !pulse.everyWeeks) return pulse.nextOn;
  if (!pulse.pulses.some((p) => p.status === 'open')) return pulse.nextOn;
  let next = pulse.nextOn;
  while (next <= today) next = addDays(next, pulse.everyWeeks * 7);
  return next;
}

/** "today" rather than a date that has already come: the scheduler sends it within minutes. */
function describeNext(pulse: TeamPulse): string {
  const next = effectiveNextOn(pulse);
  if (!next) return 'none scheduled (a baseline goes out when a repair opens)';
  return next <= utcToday() ? 'today, within a few minutes' : formatDay(next);
}

function parseCadence(value: string): Cadence {
  if (value === '1') return 1;
  if (value === '2') return 2;
  if (value === '4') return 4;
  return null;
}

/** The caller may not see this team's pulse: the section stays out of the way. */
const HIDDEN_FOR = [403, 404] as const;

/**
 * A team's trust pulse: how often it goes out, sending one now (saying to whom the links went, never the links), and
 * the recent pulses with their answer counts — counts only at the threshold or more.
 */
export function TeamPulseSection({ teamId }: { teamId: string }) {
  const path = `/api/v1/teams/${encodeURIComponent(teamId)}/pulse`;
  const { load, retry, setData: setPulse } = useRefusableResource<TeamPulse>(path, HIDDEN_FOR);
  const [sent, setSent] = useState<Sent | null>(null);

  if (load.state === 'refused') return null;
  // The pulse's abilities say who may set and send it: the team's leader or an admin (others only follow).
  const canManage = load.state === 'ready' && load.data.abilities.manage;

  return (
    <section aria-labelledby="team-pulse" className="section team-pulse">
      <h2 id="team-pulse">Trust pulse</h2>
      <p className="muted team-pulse__intro">
        A short anonymous survey: eleven statements about trust in the team’s leader, rated from 1 to 7, and
        one open question. The team’s answers are kept only as totals and shown only once at least{' '}
        {load.state === 'ready' ? load.data.threshold : 3} people have answered.
      </p>
      {load.state === 'loading' ? <Loading label="Loading the pulse…" /> : null}
      {load.state === 'error' ? <RetryAlert message={load.message} onRetry={retry} /> : null}
      {load.state === 'ready' ? (
        <>
          <div className={canManage ? 'grid grid--two team-pulse__grid' : 'team-pulse__grid'}>
            <div className={canManage ? 'panel' : 'panel panel--form'}>
              <h3>How often</h3>
              {canManage ? (
                <CadenceForm
                  // A pulse sent since saving makes the saved message stale: start afresh.
                  key={load.data.pulses.length}
                  path={path}
                  pulse={load.data}
                  onSaved={setPulse}
                />
              ) : (
                <p>
                  {cadenceLabel(load.data.everyWeeks)}. Only the team’s leader or an admin can change this.
                </p>
              )}
              <p className="team-pulse__next">
                <strong>Next pulse: </strong>
                {describeNext(load.data)}
              </p>
            </div>
            {canManage ? (
              <div className="panel">
                <h3>Send a pulse now</h3>
                <SendNow
                  teamPath={`/api/v1/teams/${encodeURIComponent(teamId)}`}
                  open={load.data.pulses.find((p) => p.status === 'open') ?? null}
                  onSent={(result) => {
                    setSent(result);
                    retry();
                  }}
                />
              </div>
            ) : null}
          </div>
          {sent ? (
            <LinksSentNotice sent={sent} onDone={() => setSent(null)} level={3} heading="The pulse is out">
              <p>Each link is personal: it lets one person answer, once and anonymously.</p>
            </LinksSentNotice>
          ) : null}
          <h3 className="team-pulse__recent">Recent pulses</h3>
          <PulseList pulses={load.data.pulses} threshold={load.data.threshold} />
        </>
      ) : null}
    </section>
  );
}

function CadenceForm({
  path,
  pulse,
  onSaved,
}: {
  path: string;
  pulse: TeamPulse;
  onSaved: (pulse: TeamPulse) => void;
}) {
  const [value, setValue] = useState(cadenceValue(pulse.everyWeeks));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const updated = await request<TeamPulse>('PUT', path, { body: { everyWeeks: parseCadence(value) } });
      onSaved(updated);
      const next = describeNext(updated);
      setSaved(
        updated.everyWeeks === null
          ? 'Saved: the pulse goes out only as a baseline when a repair opens.'
          : `Saved: ${cadenceLabel(updated.everyWeeks).toLowerCase()}; the next pulse goes out ${
              next.startsWith('today') ? next : `on ${next}`
            }.`,
      );
    } catch (failed) {
      setError(errorMessage(failed));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      <SelectField
        label="Send the pulse"
        value={value}
        onValueChange={setValue}
        options={CADENCE_OPTIONS}
        hint="A baseline pulse always goes out when a repair of this team opens."
      />
      <FormAlert message={error} />
      <StatusMessage message={saved} />
      <SubmitButton busy={busy} busyLabel="Saving…" className="button button--secondary">
        Save
      </SubmitButton>
    </form>
  );
}

type Sent = LinksSent & { pulse: PulseSummary };

function SendNow({
  teamPath,
  open,
  onSent,
}: {
  teamPath: string;
  open: PulseSummary | null;
  onSent: (sent: Sent) => void;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const sent = await api.post<Sent>(`${teamPath}/pulses`);
      setBusy(false);
      setAsking(false);
      onSent(sent);
    } catch (failed) {
      setBusy(false);
      setError(errorMessage(failed));
    }
  };
  const close = () => {
    if (busy) return;
    setAsking(false);
    setError(null);
  };

  return (
    <>
      <p>
        {open
          ? `A pulse is open until ${formatDay(open.closesOn)}. The next one can go out after it closes.`
          : 'Outside the regular rhythm — for instance after a difficult week. Each member gets a personal link by email.'}
      </p>
      <button type="button" className="button" onClick={() => setAsking(true)}>
        Send a pulse now
      </button>
      <Modal open={asking} title="Send a pulse now?" onClose={close}>
        <div className="modal__body">
          <p>
            Every member of the team (not the leader) gets a personal link, by email (or through the admins’
            outbox while email is not set up). You never see the links, so nobody can answer in someone else’s
            place. The pulse takes answers for six days.
          </p>
        </div>
        <FormAlert message={error} />
        <div className="button-row">
          <button type="button" className="button" onClick={send} aria-disabled={busy || undefined}>
            {busy ? 'Sending…' : 'Send the pulse'}
          </button>
          <button type="button" className="button button--secondary" onClick={close}>
            Cancel
          </button>
        </div>
      </Modal>
    </>
  );
}

/** How many pulses show at once; older ones fold away (a weekly pulse makes a long list). */
const RECENT = 6;

function PulseList({ pulses, threshold }: { pulses: PulseSummary[]; threshold: number }) {
  if (pulses.length === 0)
    return (
      <EmptyState title="No pulses yet.">
        <p>The first one goes out when a repair of this team opens, or when you send one now.</p>
      </EmptyState>
    );
  const older = pulses.slice(RECENT);
  return (
    <>
      <PulseTable
        pulses={pulses.slice(0, RECENT)}
        threshold={threshold}
        caption="Recent pulses, newest first"
      />
      {older.length > 0 ? (
        <details className="details-box">
          <summary>
            {older.length} older {older.length === 1 ? 'pulse' : 'pulses'}
          </summary>
          <PulseTable pulses={older} threshold={threshold} caption="Older pulses, newest first" />
        </details>
      ) : null}
    </>
  );
}

function PulseTable({
  pulses,
  threshold,
  caption,
}: {
  pulses: PulseSummary[];
  threshold: number;
  caption: string;
}) {
  return (
    <table className="table table--stack team-pulse__table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Opened</th>
          <th scope="col">Closes</th>
          <th scope="col">Status</th>
          <th scope="col">Invited</th>
          <th scope="col">Answered</th>
        </tr>
      </thead>
      <tbody>
        {pulses.map((p) => (
          <tr key={p.id}>
            <th scope="row">
              {formatDay(p.opensOn)}
              {p.kind === 'baseline' ? <span className="badge badge--gold">Baseline</span> : null}
            </th>
            <td data-label="Closes">{formatDay(p.closesOn)}</td>
            <td data-label="Status">{p.status === 'open' ? 'Open' : 'Closed'}</td>
            <td data-label="Invited">{p.invited}</td>
            <td data-label="Answered">
              {p.answers === 'fewer than k' ? `fewer than ${threshold}` : p.answers}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
