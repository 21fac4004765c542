import type { FastifyInstance } from 'fastify';
import { principalFromSession, principalFromToken, SESSION_COOKIE } from './auth.service';

/**
 * Resolves the caller of every API request from the session cookie or a bearer API token.
 * A request without valid credentials has `principal = null`; routes decide whether that is
 * allowed (almost none do: deny by default).
 */
export function authenticateRequests(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    // SCIM (provisioning by identity systems) takes API tokens only: no session cookie, so a
    // signed-in browser cannot be made to provision users from another site.
    const scim = request.url.startsWith('/scim/');
    if (!scim && !request.url.startsWith('/api/') && !request.url.startsWith('/metrics')) return;
    const db = app.deps.database.db;
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      request.principal = await principalFromToken(db, auth.slice(7).trim());
      return;
    }
    if (scim) return;
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) request.principal = await principalFromSession(db, cookie);
  });
}
