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

  const paramValue = (name: string) => (name === 'id' ? '1' : `x-${name}`);
  const auditRows = () => server.store.db.selectFrom('audit_log').selectAll().orderBy('id').execute();

  it('answers 401 without a token on every non-public route, and 403 for roles not listed; a refused change is audited as denied', async () => {
    const agents = await server.store.db.selectFrom('agents').select(['id', 'email']).execute();
    const idOf: Record<string, string> = {
      agent: agents.find((a) => a.email === 'agent@example.com')!.id,
      supervisor: agents.find((a) => a.email === 'lead@example.com')!.id,
      admin: agents.find((a) => a.email === 'admin@example.com')!.id,
    };
    // Logout revokes the token it is called with: it goes last, or every later route would answer 401.
    const table = [...routes()].sort((a, b) => Number(a.url === '/v1/auth/logout') - Number(b.url === '/v1/auth/logout'));
    expect(table.length).toBeGreaterThan(5);
    for (const route of table) {
      if (route.access === 'public' || route.method === 'HEAD') continue;
      const url = `${server.url}${route.url.replace(/:(\w+)/g, (_, name: string) => paramValue(name))}`;
      const what = (who: string) => `${route.method} ${route.url} ${who}`;
      let seen = (await auditRows()).length;
      const anonymous = await fetch(url, { method: route.method, headers: { 'content-type': 'application/json' }, ...(route.method === 'GET' ? {} : { body: '{}' }) });
      expect(anonymous.status, what('without a token')).toBe(401);
      // Nobody to name: a request without a valid token is answered, not audited.
      expect((await auditRows()).length, what('without a token')).toBe(seen);
      for (const role of ROLES) {
        seen = (await auditRows()).length;
        const res = await fetch(url, { method: route.method, headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' }, ...(route.method === 'GET' ? {} : { body: '{}' }) });
        // A role the route allows gets past authentication and access control: neither 401 nor 403.
        if (route.access.includes(role)) expect([401, 403], what(`as ${role}`)).not.toContain(res.status);
        else {
          expect(res.status, what(`as ${role}`)).toBe(403);
          const added = (await auditRows()).slice(seen);
          if (route.method === 'GET') expect(added, what(`as ${role}: a refused read is not audited`)).toEqual([]);
          else {
            const audit = route.audit!;
            expect(audit, what('declares how its refusals are audited')).toBeDefined();
            expect(
              added.map((a) => [a.actor_id, a.actor_role, a.action, a.target_type, a.target_id, a.outcome, JSON.parse(a.after!).refused, a.reason?.startsWith(`your role (${role}) cannot do this`)]),
              what(`as ${role}`),
            ).toEqual([[idOf[role], role, audit.action, audit.targetType, audit.targetParam ? paramValue(audit.targetParam) : route.url, 'denied', 'forbidden', true]]);
          }
        }
        expect(res.status, what(`as ${role}`)).toBeLessThan(500);
      }
      // Logging out revoked the tokens just used: the routes after it need fresh ones.
      if (route.url === '/v1/auth/logout') await loginAll();
    }
  });
});
