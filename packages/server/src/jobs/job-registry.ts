import type { Deps } from '../use-cases/deps.js';
import { sendMissedTwiceAlerts } from './alert-jobs.js';
import { remindLeaders, sendLoopDigests } from './commitment-jobs.js';
import { closeExpiredRounds, sendReminders, sendReplyDigests } from './listening-jobs.js';
import { warnBeforeAutomaticMiss } from './miss-warning-jobs.js';
import { closePulses, openBaselinePulses, openRegularPulses, sendPulseReminders } from './pulse-jobs.js';

/** One periodic job: its name (in logs) and a run that returns how many things it did. */
export interface ScheduledJob {
  readonly name: string;
  run(deps: Deps): Promise<number>;
  /** Jobs that must have succeeded earlier in the same run, or this one waits for the next run. */
  readonly needs?: readonly string[];
}

/** Every periodic job, in the order one run of the scheduler takes them. */
export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  // Closed rounds and pulses first: what waited to be mixed is stored before anything reads it.
  { name: 'ballotsStored', run: (deps) => deps.ballots.flushClosed(deps) },
  { name: 'closed', run: closeExpiredRounds },
  { name: 'reminders', run: sendReminders },
  { name: 'digests', run: sendReplyDigests },
  { name: 'occurrenceReminders', run: remindLeaders },
  { name: 'loopDigests', run: sendLoopDigests },
  { name: 'missWarnings', run: warnBeforeAutomaticMiss },
  // A relapse alert reads a closed pulse's stored answers: not while some may still wait in memory.
  { name: 'pulsesClosed', run: closePulses, needs: ['ballotsStored'] },
  { name: 'baselinePulses', run: openBaselinePulses },
  { name: 'regularPulses', run: openRegularPulses },
  { name: 'pulseReminders', run: sendPulseReminders },
  { name: 'missedTwiceAlerts', run: sendMissedTwiceAlerts },
];
