import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';

const settings = { loginLimitPerIp: { max: 3, windowMs: 60_000 }, loginLimitPerEmail: { max: 100, windowMs: 60_000 } };

const failLogin = async (server: TestServer, i: number, forwardedFor: string) =>
  (
    await fetch(`${server.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ email: `nobody${i}@example.com`, password: 'wrong' }),
    })
  ).status;

const ipBuckets = async (server: TestServer) =>
  (await server.store.db.selectFrom('rate_limits').select(['bucket', 'count']).where('bucket', 'like', 'login:ip:%').orderBy('bucket').execute()).map((r) => [r.bucket, r.count]);

describe(`--trust-proxy and the per-address login limit (${ENGINE})`, () => {
  let behind: TestServer;
  let direct: TestServer;

  beforeAll(async () => {
    [behind, direct] = await Promise.all([startTestServer({ settings, trustProxy: true }), startTestServer({ settings })]);
  });
  afterAll(async () => {
    await Promise.all([behind?.close(), direct?.close()]);
  });

  it('behind a load balancer, each client address (X-Forwarded-For) has its own count', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await failLogin(behind, i, '203.0.113.7'));
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Another client behind the same balancer is not locked out by the first one.
    expect(await failLogin(behind, 9, '198.51.100.20, 10.0.0.2')).toBe(401);
    expect(await ipBuckets(behind)).toEqual([
      ['login:ip:198.51.100.20', 1],
      ['login:ip:203.0.113.7', 3],
    ]);
  });

  it('without --trust-proxy the header is ignored: a client cannot pick its address to escape the limit', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await failLogin(direct, i, `203.0.113.${i}`));
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(await ipBuckets(direct)).toEqual([['login:ip:127.0.0.1', 3]]);
  });
});
