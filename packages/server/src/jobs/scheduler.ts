import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../use-cases/deps.js';
import { sendMissedTwiceAlerts } from './alert-jobs.js';
import { runCommitmentJobs } from './commitment-jobs.js';
import { runListeningJobs } from './listening-jobs.js';
import { warnBeforeAutomaticMiss } from './miss-warning-jobs.js';
import { runPulseJobs } from './pulse-jobs.js';

export const JOB_INTERVAL_MS = 60_000;

/**
 * Runs the periodic jobs inside the server. Every job claims its work with conditional updates and sends mail
 * with idempotency keys, so several instances may run it side by side and a restart repeats nothing.
 */
export function startScheduler(
  deps: Deps,
  log: FastifyBaseLogger,
  intervalMs = JOB_INTERVAL_MS,
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        const done = {
          // Closed rounds and pulses first: what waited to be mixed is stored before anything reads it.
          ballotsStored: await deps.ballots.flushClosed(deps),
          ...(await runListeningJobs(deps)),
          ...(await runCommitmentJobs(deps)),
          missWarnings: await warnBeforeAutomaticMiss(deps),
          ...(await runPulseJobs(deps)),
          missedTwiceAlerts: await sendMissedTwiceAlerts(deps),
        };
        if (Object.values(done).some((count) => count > 0)) log.info(done, 'scheduled jobs ran');
      } catch (error) {
        log.error({ err: error }, 'scheduled jobs failed; will retry');
      }
    });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
