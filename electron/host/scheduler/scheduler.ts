/**
 * The scheduler runs jobs at host start, every hour, and just after local midnight.
 * It polls the injected clock once a minute instead of trusting long timers, so a PC
 * that slept or had its clock changed still gets its runs; `tick()` lets tests drive it.
 */
import type { Job, JobTrigger } from '../../contract/handler';
export type { Job, JobTrigger };

export interface Scheduler {
  start(): Promise<void>;
  tick(): Promise<void>;
  stop(): void;
  readonly jobs: readonly Job[];
}

export interface SchedulerOptions {
  jobs: Job[];
  now: () => Date;
  /** Business calendar date and hour for an instant, in the business time zone. */
  localParts: (instant: Date) => { date: string; hour: number };
  onError: (job: string, error: unknown) => void;
  pollMs?: number;
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let last: { date: string; hour: number } | undefined;
  let running = false;

  async function runJobs(trigger: JobTrigger): Promise<void> {
    for (const job of opts.jobs) {
      if (!job.triggers.includes(trigger)) continue;
      try {
        await job.run();
      } catch (e) {
        opts.onError(job.name, e);
      }
    }
  }

  async function tick(): Promise<void> {
    if (running) return;
    running = true;
    try {
      const parts = opts.localParts(opts.now());
      if (last && parts.date !== last.date) await runJobs('midnight');
      else if (last && parts.hour !== last.hour) await runJobs('hourly');
      last = parts;
    } finally {
      running = false;
    }
  }

  return {
    jobs: opts.jobs,
    async start() {
      last = opts.localParts(opts.now());
      await runJobs('startup');
      timer = setInterval(() => void tick(), opts.pollMs ?? 60_000);
      timer.unref();
    },
    tick,
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
