import type { Actor } from '../../server/context';
import { AppError } from '../../server/errors';
import { nextStatus, type WorkflowAction, type WorkflowStatus } from './rules';

/** The status an action leads to, or a 409 naming why the version cannot take it. */
export function transition(status: WorkflowStatus, action: WorkflowAction, what: string): WorkflowStatus {
  const next = nextStatus(status, action);
  if (!next) {
    const why: Record<WorkflowAction, string> = {
      edit: `only a draft can be edited; this ${what} is ${status} (create a new version instead)`,
      approve: `only a draft can be approved; this ${what} is ${status}`,
      return: `only an approved ${what} can be returned to draft; this one is ${status}`,
      publish: `a ${what} must be approved before it is published; this one is ${status}`,
    };
    throw new AppError('conflict', why[action]);
  }
  return next;
}

/** Four eyes: the author of a version does not approve it (the system actor, seeding demo data, may). */
export function assertNotAuthor(createdBy: string | null, actor: Actor, what: string): void {
  if (actor.principal.via !== 'system' && createdBy !== null && createdBy === actor.principal.userId) {
    throw new AppError('forbidden', `You drafted this ${what}; someone else must approve it`);
  }
}

export function authorId(actor: Actor): string | null {
  return actor.principal.via === 'system' ? null : actor.principal.userId;
}
