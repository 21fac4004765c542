import type { Kysely } from 'kysely';
import type { DB } from '../db/tables';
import { sweepOverdueMeasures } from '../modules/srm/dashboard.service';
import { sweepOverdueAdvisories } from '../modules/threats/advisories.service';

/**
 * Periodic checks. Every job is idempotent (its messages carry dedupe keys), so each app server
 * may run the scheduler without coordination: two servers produce one notice, not two.
 */
const JOBS: { id: string; everyMs: number; run(db: Kysely<DB>): Promise<number> }[] = [
  { id: 'advisories.overdue', everyMs: 60 * 60_000, run: (db) => sweepOverdueAdvisories(db) },
  { id: 'measures.overdue', everyMs: 60 * 60_000, run: (db) => sweepOverdueMeasures(db) },
];

export function startScheduler(db: Kysely<DB>, log: (msg: string, err?: unknown) => void): () => void {
  const timers = JOBS.map((job) => {
    const tick = () =>
      job
        .run(db)
        .then((n) => n > 0 && log(`${job.id}: queued ${n}`))
        .catch((err: unknown) => log(`${job.id} failed`, err));
    void tick();
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    return timer;
  });
  return () => {
    for (const t of timers) clearInterval(t);
  };
}
