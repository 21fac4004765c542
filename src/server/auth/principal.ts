import type { Grant } from '../access/rules';

/** The authenticated caller of a request: a signed-in user or an integration's API token. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  organizationId: string | null;
  grants: Grant[];
  via: 'session' | 'token' | 'system';
}

/** The principal used by the CLI and by start-up work (migrations, demo seeding). */
export const SYSTEM_PRINCIPAL: Principal = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  displayName: 'System',
  organizationId: null,
  grants: [{ role: 'admin', scopeType: 'global', scopeId: null }],
  via: 'system',
};
