/**
 * Types of the roll-call API, inferred from the server's schemas
 * (src/modules/rollcall/rollcall.schema.ts) with type-only imports, as in types.ts. Kept apart
 * from types.ts so that only the roll-call chunks carry them.
 */

import type { z } from 'zod';
import type * as s from '../../modules/rollcall/rollcall.schema';
import type * as wardens from '../../modules/wardens/wardens.schema';

export type StartRollCall = z.input<typeof s.startRollCall>;
export type RollCallStarted = z.infer<typeof s.rollCallStarted>;
export type RollCallSummary = z.infer<typeof s.rollCallSummary>;
export type Board = z.infer<typeof s.board>;
export type BoardPerson = z.infer<typeof s.boardPerson>;
export type BoardCounts = Board['totals'];
export type BoardLogEntry = Board['log'][number];
export type Answer = BoardPerson['answer'];
export type MarkAnswer = z.input<typeof s.markAnswer>;
export type AnswerPage = z.infer<typeof s.answerPage>;
export type AnswerPagePerson = AnswerPage['people'][number];
export type SubmitAnswers = z.input<typeof s.submitAnswers>;

/** A warden zone as the zone picker of the start form lists it. */
export type ZoneOption = z.infer<typeof wardens.zoneSummary>;
