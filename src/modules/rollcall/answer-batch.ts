/**
 * Answers by link are written in small batches: in a crisis thousands arrive at once, and every
 * write takes the audit trail's chain lock until it commits, so one transaction per answer would
 * queue them behind each other's disk flush. A batch (up to 200 answers, or what arrived within
 * 20 ms) is one transaction: the answers, the need-help log lines and one audit entry per roll call
 * naming every answer. Each caller is answered only after the commit, so an acknowledged answer is
 * durable; an answer for someone the link does not cover fails alone.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { SYSTEM_PRINCIPAL } from '../../server/auth/principal';
import { audit } from '../../server/context';
import { invalid } from '../../server/errors';
import * as repo from './rollcall.repository';

type Db = Kysely<DB>;

export interface LinkAnswer {
  rollCallId: string;
  reference: string;
  countryCode: string;
  contactId: string;
  answers: { personId: string; answer: 'safe' | 'need_help' }[];
  note: string | null;
  lat: number | null;
  lon: number | null;
  at: Date;
  requestId?: string;
}

interface Pending {
  item: LinkAnswer;
  resolve: () => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 200;
const WAIT_MS = 20;

export type AnswerBatcher = ReturnType<typeof createAnswerBatcher>;

export function createAnswerBatcher(db: Db) {
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    // One batch at a time: the next waits for the previous commit.
    flushing = flushing.then(() => write(db, batch));
  };

  return {
    submit(item: LinkAnswer): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (queue.length >= MAX_BATCH) flush();
        else if (!timer) timer = setTimeout(flush, WAIT_MS);
      });
    },
    /** Writes what is queued now (shutdown, tests). */
    async drain() {
      flush();
      await flushing;
    },
  };
}

async function write(db: Db, batch: Pending[]): Promise<void> {
  try {
    const covered = await repo.coveredPairs(
      db,
      batch.flatMap((p) =>
        p.item.answers.map((a) => ({
          rollCallId: p.item.rollCallId,
          contactId: p.item.contactId,
          personId: a.personId,
        })),
      ),
    );
    const ok: Pending[] = [];
    for (const p of batch) {
      const i = p.item.answers.findIndex(
        (a) => !covered.has(`${p.item.rollCallId} ${p.item.contactId} ${a.personId}`),
      );
      if (i >= 0) p.reject(invalid(`answers.${i}.personId`, 'not one of the people this link answers for'));
      else ok.push(p);
    }
    if (ok.length > 0) {
      await db.transaction().execute(async (trx) => {
        await repo.recordLinkAnswers(
          trx,
          ok.map((p) => p.item),
        );
        for (const p of ok) {
          const help = p.item.answers.filter((a) => a.answer === 'need_help').length;
          if (help > 0)
            await repo.appendLog(trx, {
              roll_call_id: p.item.rollCallId,
              kind: 'answered',
              actor_label: 'web link',
              at: p.item.at,
              text: `${help} ${help === 1 ? 'person needs' : 'people need'} help${p.item.note ? `: ${p.item.note}` : ''}`,
            });
        }
        const byRollCall = new Map<string, Pending[]>();
        for (const p of ok)
          byRollCall.set(p.item.rollCallId, [...(byRollCall.get(p.item.rollCallId) ?? []), p]);
        for (const [rollCallId, items] of byRollCall) {
          const first = items[0]!.item;
          await audit(
            trx,
            {
              principal: {
                ...SYSTEM_PRINCIPAL,
                username: `web link answers to ${first.reference}`,
                displayName: 'web link answers',
              },
              requestId: items.length === 1 ? first.requestId : `batch of ${items.length}`,
            },
            {
              action: 'rollcall.answer',
              entityType: 'roll_call',
              entityId: rollCallId,
              countryCode: first.countryCode,
              after: {
                answers: items.flatMap((p) =>
                  p.item.answers.map((a) => ({
                    personId: a.personId,
                    answer: a.answer,
                    contactId: p.item.contactId,
                  })),
                ),
                requests: items.map((p) => p.item.requestId ?? null),
                located: items.filter((p) => p.item.lat !== null).length,
              },
            },
          );
        }
      });
    }
    for (const p of ok) p.resolve();
  } catch (error) {
    for (const p of batch) p.reject(error);
  }
}
