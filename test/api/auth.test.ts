import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createTestApp, TEST_PASSWORD, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ SMIN_LOGIN_MAX_FAILURES: '3' });
});
afterAll(() => t.close());

describe('sign-in, sessions and API tokens', () => {
  it('signs in with a secure, HttpOnly, SameSite session cookie and reports grants', async () => {
    await t.user('ana', admin);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ANA', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'smin_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(res.json().user).toMatchObject({
      username: 'ana',
      permissions: expect.arrayContaining(['users.write', 'audit.read']),
    });
    const me = await t.app.inject({ url: '/api/auth/me', cookies: { smin_session: cookie.value } });
    expect(me.json().username).toBe('ana');
  });

  it('sets security headers', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('rejects a wrong password with a problem response and audits the denial', async () => {
    await t.user('ben', []);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ben', password: 'nope' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      type: '/problems/unauthenticated',
      status: 401,
      code: 'unauthenticated',
    });
    const denied = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.some((d) => d.actor_label === 'ben')).toBe(true);
  });

  it('rate-limits repeated failures for a username, even with the right password', async () => {
    await t.user('cara', []);
    for (let i = 0; i < 3; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'cara', password: `bad${i}` },
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'cara', password: TEST_PASSWORD },
    });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('rejects requests without credentials and with an unknown session', async () => {
    expect((await t.app.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ url: '/api/auth/me', cookies: { smin_session: 'forged' } })).statusCode,
    ).toBe(401);
  });

  it('logout ends the session', async () => {
    const u = await t.user('dan', []);
    expect((await u.request({ url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await u.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await u.request({ url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('an expired session is refused', async () => {
    const u = await t.user('eve', []);
    await t.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', u.id)
      .execute();
    expect((await u.request({ url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('disabling a user ends their sessions', async () => {
    const boss = await t.user('boss', admin);
    const u = await t.user('fay', []);
    const before = (await boss.request({ url: `/api/users/${u.id}` })).json();
    const res = await boss.request({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      payload: { status: 'disabled', version: before.version },
    });
    expect(res.statusCode).toBe(200);
    expect((await u.request({ url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('API tokens authenticate as their user, are shown once, stored hashed and can be revoked', async () => {
    const u = await t.user('gus', admin);
    const created = await u.request({
      method: 'POST',
      url: '/api/auth/tokens',
      payload: { name: 'HR sync' },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^smin_/);
    const stored = await t.database.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const me = await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({ username: 'gus', via: 'token' });
    const list = await u.request({ url: '/api/auth/tokens' });
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect((await u.request({ method: 'DELETE', url: `/api/auth/tokens/${id}` })).statusCode).toBe(200);
    expect(
      (await t.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(401);
  });
});
