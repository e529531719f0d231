import { NTHS, type Nth, type ScheduleInput, WEEKDAYS, type Weekday } from '@kintsugi/core';
import { useId } from 'react';
import { SelectField, TextField } from '../../../components/field';

export type ScheduleChoice =
  | 'once'
  | 'weekly'
  | 'every-n-weeks'
  | 'monthly-day'
  | 'monthly-nth-weekday'
  | 'first-working-day'
  | 'event';

export interface ScheduleDraft {
  choice: ScheduleChoice;
  due: string;
  weekdays: Weekday[];
  interval: string;
  weekday: Weekday;
  day: string;
  nth: Nth;
  timeOfDay: string;
  event: string;
}

export const CHOICES: { value: ScheduleChoice; label: string }[] = [
  { value: 'once', label: 'Once, by a date' },
  { value: 'weekly', label: 'Every week, on chosen days' },
  { value: 'every-n-weeks', label: 'Every few weeks, on one day' },
  { value: 'monthly-day', label: 'Monthly, on a day of the month' },
  { value: 'monthly-nth-weekday', label: 'Monthly, on the first… last weekday' },
  { value: 'first-working-day', label: 'On the first working day of each month' },
  { value: 'event', label: 'Each time something happens' },
];

const DAY_NAMES: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

const NTH_NAMES: Record<Nth, string> = {
  first: 'First',
  second: 'Second',
  third: 'Third',
  fourth: 'Fourth',
  last: 'Last',
};

/** The schedule as the API takes it; null while a required part is missing (the reason is returned). */
export function toSchedule(d: ScheduleDraft): { schedule: ScheduleInput | null; problem?: string } {
  const timeOfDay = d.timeOfDay || '09:00';
  switch (d.choice) {
    case 'once':
      return d.due
        ? { schedule: { kind: 'once', due: d.due, timeOfDay } }
        : { schedule: null, problem: 'Choose the date it will be done by.' };
    case 'weekly':
      return d.weekdays.length > 0
        ? { schedule: { kind: 'recurring', pattern: { type: 'weekly', weekdays: d.weekdays, timeOfDay } } }
        : { schedule: null, problem: 'Choose at least one day.' };
    case 'every-n-weeks': {
      const interval = Number(d.interval);
      return Number.isInteger(interval) && interval >= 1 && interval <= 52
        ? {
            schedule: {
              kind: 'recurring',
              pattern: { type: 'every-n-weeks', interval, weekday: d.weekday, timeOfDay },
            },
          }
        : { schedule: null, problem: 'Choose a number of weeks from 1 to 52.' };
    }
    case 'monthly-day': {
      const day = Number(d.day);
      return Number.isInteger(day) && day >= 1 && day <= 31
        ? { schedule: { kind: 'recurring', pattern: { type: 'monthly-day', day, timeOfDay } } }
        : { schedule: null, problem: 'Choose a day of the month from 1 to 31.' };
    }
    case 'monthly-nth-weekday':
      return {
        schedule: {
          kind: 'recurring',
          pattern: { type: 'monthly-nth-weekday', nth: d.nth, weekday: d.weekday, timeOfDay },
        },
      };
    case 'first-working-day':
      return { schedule: { kind: 'recurring', pattern: { type: 'first-working-day', timeOfDay } } };
    case 'event':
      return d.event.trim()
        ? { schedule: { kind: 'event', description: d.event.trim() } }
        : {
            schedule: null,
            problem: 'Describe the event, e.g. “before any decision that changes your project”.',
          };
  }
}

/** A schedule prefilled from an existing commitment (for "retire and write a replacement"). */
export function fromSchedule(schedule: ScheduleInput, base: ScheduleDraft): ScheduleDraft {
  if (schedule.kind === 'once')
    return { ...base, choice: 'once', due: schedule.due, timeOfDay: schedule.timeOfDay ?? '09:00' };
  if (schedule.kind === 'event') return { ...base, choice: 'event', event: schedule.description };
  const p = schedule.pattern;
  const timeOfDay = p.timeOfDay ?? '09:00';
  switch (p.type) {
    case 'weekly':
      return { ...base, choice: 'weekly', weekdays: [...p.weekdays], timeOfDay };
    case 'every-n-weeks':
      return {
        ...base,
        choice: 'every-n-weeks',
        interval: String(p.interval),
        weekday: p.weekday,
        timeOfDay,
      };
    case 'monthly-day':
      return { ...base, choice: 'monthly-day', day: String(p.day), timeOfDay };
    case 'monthly-nth-weekday':
      return { ...base, choice: 'monthly-nth-weekday', nth: p.nth, weekday: p.weekday, timeOfDay };
    case 'first-working-day':
      return { ...base, choice: 'first-working-day', timeOfDay };
  }
}

const weekdayOptions = WEEKDAYS.map((w) => ({ value: w, label: DAY_NAMES[w] }));

export function ScheduleFields({
  draft,
  onChange,
  error,
}: {
  draft: ScheduleDraft;
  onChange: (draft: ScheduleDraft) => void;
  error?: string | undefined;
}) {
  const name = useId();
  const set = <K extends keyof ScheduleDraft>(key: K, value: ScheduleDraft[K]) =>
    onChange({ ...draft, [key]: value });
  return (
    <fieldset className={error ? 'fieldset fieldset--invalid schedule' : 'fieldset schedule'}>
      <legend>When</legend>
      <ul className="checkbox-list checkbox-list--full schedule__choices">
        {CHOICES.map((c) => (
          <li key={c.value}>
            <label className="checkbox">
              <input
                type="radio"
                name={name}
                value={c.value}
                checked={draft.choice === c.value}
                onChange={() => set('choice', c.value)}
              />
              {c.label}
            </label>
          </li>
        ))}
      </ul>
      <div className="schedule__details">
        {draft.choice === 'once' ? (
          <TextField label="By" type="date" value={draft.due} onValueChange={(v) => set('due', v)} />
        ) : null}
        {draft.choice === 'weekly' ? (
          <fieldset className="fieldset schedule__days">
            <legend>On</legend>
            <ul className="schedule__day-list">
              {WEEKDAYS.map((w) => (
                <li key={w}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={draft.weekdays.includes(w)}
                      onChange={(event) =>
                        set(
                          'weekdays',
                          event.target.checked
                            ? WEEKDAYS.filter((x) => x === w || draft.weekdays.includes(x))
                            : draft.weekdays.filter((x) => x !== w),
                        )
                      }
                    />
                    {DAY_NAMES[w]}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : null}
        {draft.choice === 'every-n-weeks' ? (
          <div className="schedule__inline">
            <TextField
              label="Every how many weeks"
              type="number"
              min={1}
              max={52}
              inputMode="numeric"
              value={draft.interval}
              onValueChange={(v) => set('interval', v)}
            />
            <SelectField
              label="On"
              value={draft.weekday}
              options={weekdayOptions}
              onValueChange={(v) => set('weekday', v as Weekday)}
            />
          </div>
        ) : null}
        {draft.choice === 'monthly-day' ? (
          <TextField
            label="Day of the month"
            hint="29, 30 or 31 fall on the last day of shorter months."
            type="number"
            min={1}
            max={31}
            inputMode="numeric"
            value={draft.day}
            onValueChange={(v) => set('day', v)}
          />
        ) : null}
        {draft.choice === 'monthly-nth-weekday' ? (
          <div className="schedule__inline">
            <SelectField
              label="Which"
              value={draft.nth}
              options={NTHS.map((n) => ({ value: n, label: NTH_NAMES[n] }))}
              onValueChange={(v) => set('nth', v as Nth)}
            />
            <SelectField
              label="Weekday"
              value={draft.weekday}
              options={weekdayOptions}
              onValueChange={(v) => set('weekday', v as Weekday)}
            />
          </div>
        ) : null}
        {draft.choice === 'event' ? (
          <TextField
            label="The event"
            hint="For example: before any decision that changes someone’s project. You log each time it happens."
            value={draft.event}
            onValueChange={(v) => set('event', v)}
          />
        ) : (
          <TextField
            label="Time of day"
            hint="In your organisation’s time zone."
            type="time"
            value={draft.timeOfDay}
            onValueChange={(v) => set('timeOfDay', v)}
          />
        )}
      </div>
      {error ? <p className="field__error">{error}</p> : null}
    </fieldset>
  );
}
