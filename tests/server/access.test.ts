import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/api/enums.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * Every endpoint against every role, and against no token: the matrix is read from the route table,
 * so a new route is covered the day it is added.
 */
describe('access matrix', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  async function loginAll() {
    for (const [role, email] of [['agent', 'agent@example.com'], ['supervisor', 'lead@example.com'], ['admin', 'admin@example.com']]) {
      const res = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo' }) });
      tokens[role!] = ((await res.json()) as { token: string }).token;
    }
  }

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    await loginAll();
  });
  afterAll(() => server.close());

  const routes = () => server.app.accessTable;

  it('answers 401 without a token on every non-public route, and 403 for roles not listed', async () => {
    // Logout revokes the token it is called with: it goes last, or every later route would answer 401.
    const table = [...routes()].sort((a, b) => Number(a.url === '/v1/auth/logout') - Number(b.url === '/v1/auth/logout'));
    expect(table.length).toBeGreaterThan(5);
    for (const route of table) {
      if (route.access === 'public' || route.method === 'HEAD') continue;
      const url = `${server.url}${route.url.replace(':id', '1')}`;
      const anonymous = await fetch(url, { method: route.method, headers: { 'content-type': 'application/json' }, ...(route.method === 'GET' ? {} : { body: '{}' }) });
      expect(anonymous.status, `${route.method} ${route.url} without a token`).toBe(401);
      for (const role of ROLES) {
        const res = await fetch(url, { method: route.method, headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' }, ...(route.method === 'GET' ? {} : { body: '{}' }) });
        // A role the route allows gets past authentication and access control: neither 401 nor 403.
        if (route.access.includes(role)) expect([401, 403], `${route.method} ${route.url} as ${role}`).not.toContain(res.status);
        else expect(res.status, `${route.method} ${route.url} as ${role}`).toBe(403);
        expect(res.status, `${route.method} ${route.url} as ${role}`).toBeLessThan(500);
      }
      // Logging out revoked the tokens just used: the routes after it need fresh ones.
      if (route.url === '/v1/auth/logout') await loginAll();
    }
  });
});
