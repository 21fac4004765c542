import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import * as repo from './outbox.repository';

/** The outbox as an operator sees it: `smin notify status`. */
export interface OutboxStatus {
  topics: {
    topic: string;
    /** Not delivered and not dead, including those waiting for a retry. */
    queued: number;
    /** Queued messages that have been tried at least once. */
    retrying: number;
    delivered: number;
    deadLettered: number;
    oldestQueuedAt: string | null;
  }[];
  failedAddresses: {
    outboxId: number;
    topic: string;
    address: string;
    attempts: number;
    reason: string | null;
    /** Final: the server refused it for good, it is malformed or the message ran out of attempts. */
    givenUp: boolean;
    /** When the message is tried again, unless it is given up. */
    nextAttemptAt: string | null;
  }[];
  deadLetters: { outboxId: number; topic: string; attempts: number; deadAt: string; reason: string | null }[];
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Counts per topic, then the latest failed addresses and dead letters (at most `limit` each). */
export async function outboxStatus(db: Kysely<DB>, limit = 50): Promise<OutboxStatus> {
  const [topics, failed, dead] = await Promise.all([
    repo.countsByTopic(db),
    repo.failedAddresses(db, limit),
    repo.deadMessages(db, limit),
  ]);
  return {
    topics: topics.map((t) => ({
      topic: t.topic,
      queued: t.queued,
      retrying: t.retrying,
      delivered: t.delivered,
      deadLettered: t.dead,
      oldestQueuedAt: iso(t.oldest_queued),
    })),
    failedAddresses: failed.map((f) => {
      const givenUp = f.given_up_at !== null || f.dead_at !== null;
      return {
        outboxId: f.outbox_id,
        topic: f.topic,
        address: f.address,
        attempts: f.attempts,
        reason: f.last_error,
        givenUp,
        nextAttemptAt: givenUp ? null : iso(f.available_at),
      };
    }),
    deadLetters: dead.map((d) => ({
      outboxId: d.id,
      topic: d.topic,
      attempts: d.attempts,
      deadAt: iso(d.dead_at)!,
      reason: d.last_error,
    })),
  };
}
