import { z } from 'zod';
import { PERMISSIONS, ROLES, SCOPE_TYPES } from '../access/rules';

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1000),
});

export const grantSchema = z.object({
  role: z.enum(ROLES),
  scopeType: z.enum(SCOPE_TYPES),
  scopeId: z.string().nullable(),
});

export const meResponse = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  organizationId: z.string().nullable(),
  grants: z.array(grantSchema),
  permissions: z.array(z.enum(PERMISSIONS)),
  via: z.enum(['session', 'token', 'system']),
});
export type Me = z.infer<typeof meResponse>;

export const loginResponse = z.object({ user: meResponse, expiresAt: z.string() });

export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const createdTokenSchema = tokenSchema.extend({ token: z.string() });
