import { z } from 'zod';

export const inboxQuery = z.strictObject({
  /** The `next` of the previous page: messages older than it. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.enum(['true', 'false']).default('false'),
});
export type InboxQuery = z.infer<typeof inboxQuery>;

export const inboxItem = z.object({
  id: z.number().int(),
  topic: z.string(),
  createdAt: z.string(),
  subject: z.string(),
  /** The start of the message text, at most 280 characters. */
  summary: z.string(),
  url: z.string().nullable(),
  read: z.boolean(),
  readAt: z.string().nullable(),
});
export type InboxItem = z.infer<typeof inboxItem>;

export const inboxPage = z.object({
  items: z.array(inboxItem),
  next: z.number().int().nullable(),
  unread: z.number().int(),
});

export const unreadCount = z.object({
  /** Unread messages, counted up to 100 (show "99+" above 99). */
  unread: z.number().int(),
});

export const messageId = z.object({ id: z.coerce.number().int().positive() });
