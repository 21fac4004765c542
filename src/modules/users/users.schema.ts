import { z } from 'zod';
import { ROLES, SCOPE_TYPES } from '../../server/access/rules';

export const grant = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  scopeType: z.enum(SCOPE_TYPES),
  scopeId: z.string().nullable(),
});

export const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  organizationId: z.string().nullable(),
  organizationCode: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  grants: z.array(grant),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
});
export type User = z.infer<typeof user>;

const password = z.string().min(12, 'at least 12 characters').max(1000);
const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{1,99}$/, 'letters, digits, ".", "_", "@" or "-", 2 to 100');

export const createUser = z.strictObject({
  username,
  displayName: z.string().trim().min(1).max(200),
  email: z.email().max(320).nullable().optional(),
  organizationCode: z.string().trim().max(40).nullable().optional(),
  password: password.optional(),
});
export type CreateUser = z.infer<typeof createUser>;

export const updateUser = z.strictObject({
  displayName: z.string().trim().min(1).max(200).optional(),
  email: z.email().max(320).nullable().optional(),
  status: z.enum(['active', 'disabled']).optional(),
  password: password.optional(),
  version: z.number().int().positive(),
});
export type UpdateUser = z.infer<typeof updateUser>;

export const createGrant = z.strictObject({
  role: z.enum(ROLES),
  scopeType: z.enum(SCOPE_TYPES),
  scopeId: z.string().trim().max(100).nullable(),
});
export type CreateGrant = z.infer<typeof createGrant>;

export const roleInfo = z.object({
  role: z.enum(ROLES),
  label: z.string(),
  scopes: z.array(z.enum(SCOPE_TYPES)),
});
