import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SupportClient } from '../../src/client/support-client.js';
import type { ApiError } from '../../src/client/errors.js';
import { hashToken } from '../../src/server/auth/tokens.js';
import { apiFailure as failure } from '../helpers/expect-failure.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('auth', () => {
  let server: TestServer;
  let anonymous: SupportClient;

  beforeAll(async () => {
    server = await startTestServer({
      demo: true,
      settings: { tokenTtlMs: 60 * 60 * 1000, loginLimitPerEmail: { max: 3, windowMs: 60_000 }, loginLimitPerIp: { max: 8, windowMs: 60_000 } },
    });
    anonymous = new SupportClient({ baseUrl: server.url });
  });
  afterAll(() => server.close());

  it('logs in with the right password and returns the agent and an expiry', async () => {
    const result = await anonymous.auth.login('agent@example.com', 'demo');
    expect(result.token).toMatch(/^sup_/);
    expect(result.agent).toMatchObject({ email: 'agent@example.com', role: 'agent', name: 'Ayu Lestari' });
    expect(Date.parse(result.expiresAt)).toBe(server.clock.now + 60 * 60 * 1000);
  });

  it('matches the email case-insensitively', async () => {
    const result = await anonymous.auth.login('  Lead@Example.com ', 'demo');
    expect(result.agent.role).toBe('supervisor');
  });

  it('refuses a wrong password and an unknown email with the same 401 invalid_credentials', async () => {
    const wrong = await failure(anonymous.auth.login('admin@example.com', 'nope'));
    const unknown = await failure(anonymous.auth.login('nobody@example.com', 'demo'));
    for (const error of [wrong, unknown]) {
      expect(error.status).toBe(401);
      expect(error.code).toBe('invalid_credentials');
      expect(error.message).toBe('wrong email or password');
    }
  });

  it('stores only a hash of the token', async () => {
    const { token } = await anonymous.auth.login('agent@example.com', 'demo');
    const rows = await server.store.db.selectFrom('tokens').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(rows.some((r) => r.token_hash === hashToken(token))).toBe(true);
  });

  it('answers /v1/me for a valid token, 401 without one or with a bad one', async () => {
    const client = await server.login();
    expect((await client.me.get()).agent.email).toBe('agent@example.com');
    const missing = await failure(anonymous.me.get());
    expect([missing.status, missing.code]).toEqual([401, 'unauthenticated']);
    const bad = await failure(new SupportClient({ baseUrl: server.url, token: 'sup_not-a-real-token' }).me.get());
    expect([bad.status, bad.code]).toEqual([401, 'unauthenticated']);
  });

  it('refuses an expired token with token_expired', async () => {
    const client = await server.login('budi@example.com');
    server.clock.advance(60 * 60 * 1000 + 1);
    try {
      const error = await failure(client.me.get());
      expect([error.status, error.code]).toEqual([401, 'token_expired']);
    } finally {
      server.clock.advance(-(60 * 60 * 1000 + 1));
    }
  });

  it('logout revokes the token and only that token', async () => {
    const first = await server.login('mei@example.com');
    const second = await server.login('mei@example.com');
    await first.auth.logout();
    const error = await failure(first.me.get());
    expect(error.code).toBe('unauthenticated');
    expect((await second.me.get()).agent.email).toBe('mei@example.com');
  });

  it('rate-limits failed logins per email, even for the right password, with Retry-After', async () => {
    for (let i = 0; i < 3; i++) await failure(anonymous.auth.login('budi@example.com', `wrong-${i}`));
    const limited = await failure(anonymous.auth.login('budi@example.com', 'demo'));
    expect(limited.status).toBe(429);
    expect(limited.code).toBe('rate_limited');
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another email is not locked by budi's failures.
    expect((await anonymous.auth.login('lead@example.com', 'demo')).agent.email).toBe('lead@example.com');
    // The window passes; the right password works again.
    server.clock.advance(61_000);
    expect((await anonymous.auth.login('budi@example.com', 'demo')).agent.email).toBe('budi@example.com');
  });

  it('rate-limits failed logins per client address across emails', async () => {
    server.clock.advance(61_000);
    let limited: ApiError | undefined;
    for (let i = 0; i < 10 && !limited; i++) {
      const error = await failure(anonymous.auth.login(`stranger${i}@example.com`, 'x'));
      if (error.code === 'rate_limited') limited = error;
    }
    expect(limited?.status).toBe(429);
    server.clock.advance(61_000);
  });

  it('records logins in the audit log, failed ones too', async () => {
    const rows = await server.store.db.selectFrom('audit_log').select(['action', 'outcome']).where('action', '=', 'auth.login').execute();
    expect(rows.some((r) => r.outcome === 'succeeded')).toBe(true);
    expect(rows.some((r) => r.outcome === 'failed')).toBe(true);
  });
});
