/**
 * Types of the inbox API, inferred from the server's schemas with type-only imports (nothing of
 * the server reaches the browser bundle), as in ../api/types.ts.
 */
import type { z } from 'zod';
import type * as s from '../../modules/notifications/inbox.schema';

export type InboxItem = z.infer<typeof s.inboxItem>;
export type InboxPage = z.infer<typeof s.inboxPage>;
export type UnreadCount = z.infer<typeof s.unreadCount>;
