import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../use-cases/deps.js';
import { SCHEDULED_JOBS, type ScheduledJob } from './job-registry.js';

export const JOB_INTERVAL_MS = 60_000;

/**
 * What may be logged of a job's error. Not its message: a database error quotes the values it refused (an
 * email, a team's name), and SPEC §5 keeps personal data and answer text out of every log.
 */
function loggableError(error: unknown): { error: string; code?: string } {
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? { error: name, code } : { error: name };
}

/**
 * One run of the jobs: each in its own try/catch, so one that fails is logged by name and the others still
 * run. Returns what each job did; a failed or skipped job is absent.
 */
export async function runScheduledJobs(
  deps: Deps,
  log: FastifyBaseLogger,
  jobs: readonly ScheduledJob[] = SCHEDULED_JOBS,
): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  const failed = new Set<string>();
  for (const job of jobs) {
    const unmet = (job.needs ?? []).filter((name) => failed.has(name));
    if (unmet.length > 0) {
      failed.add(job.name);
      log.warn({ job: job.name, waitsFor: unmet }, 'scheduled job skipped until the next run');
      continue;
    }
    try {
      done[job.name] = await job.run(deps);
    } catch (error) {
      failed.add(job.name);
      log.error({ job: job.name, ...loggableError(error) }, 'scheduled job failed; will retry');
    }
  }
  if (Object.values(done).some((count) => count > 0)) log.info(done, 'scheduled jobs ran');
  return done;
}

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
      await runScheduledJobs(deps, log);
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
