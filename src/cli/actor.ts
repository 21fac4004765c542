import { SYSTEM_PRINCIPAL } from '../server/auth/principal';
import type { Actor } from '../server/context';

/** Whoever runs the CLI on the server acts as the system (audited as such, request id "cli"). */
export const CLI_ACTOR: Actor = { principal: SYSTEM_PRINCIPAL, requestId: 'cli' };
