import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSse } from '../helpers/sse.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';
import { tokenFor } from '../helpers/money.js';
import { waitFor } from '../helpers/wait-for.js';

const getJson = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, connection: res.headers.get('connection'), body: (await res.json()) as Record<string, unknown> };
};

describe(`health, readiness and graceful drain (${ENGINE})`, () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
  });
  afterAll(() => server.close());

  it('GET /health and GET /ready answer without a token', async () => {
    expect(await getJson(`${server.url}/health`)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await getJson(`${server.url}/ready`)).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('/ready is 503 while a migration this build knows is not applied, and ready again once it is', async () => {
    const row = await server.store.db.selectFrom('kysely_migration' as never).selectAll().where('name' as never, '=', '004-money' as never).executeTakeFirstOrThrow();
    await server.store.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', '004-money' as never).execute();
    try {
      expect(await getJson(`${server.url}/ready`)).toEqual({ status: 503, connection: 'keep-alive', body: { status: 'not_ready', reason: 'migrations not applied: 004-money' } });
      // Liveness is not readiness: the process still answers.
      expect((await getJson(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.store.db.insertInto('kysely_migration' as never).values(row as never).execute();
    }
    expect((await getJson(`${server.url}/ready`)).status).toBe(200);
  });

  it('on shutdown: not ready, streams end with a retry hint, a request in flight still completes, then nothing is accepted', async () => {
    const other = await startTestServer({ demo: true });
    const token = await tokenFor(other.url, 'agent@example.com');
    const sse = await openSse(`${other.url}/v1/events`, { authorization: `Bearer ${token}` });
    await waitFor(() => sse.ids.length > 0);

    // A login whose body is still arriving when shutdown begins.
    const received = new Promise((resolve) => other.app.server.once('request', resolve));
    let finish!: () => void;
    const body = JSON.stringify({ email: 'agent@example.com', password: 'demo' });
    const inFlight = new Promise<{ status: number; connection: string | undefined; text: string }>((resolve, reject) => {
      const req = httpRequest(`${other.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      finish = () => req.end(body.slice(10));
    });
    await received;

    other.ctx.draining = true;
    const ready = await getJson(`${other.url}/ready`);
    expect(ready).toEqual({ status: 503, connection: 'close', body: { status: 'not_ready', reason: 'shutting down' } });

    const closing = other.close();
    await sse.ended;
    // The opening retry, then a short one (spread over 0.5 to 1 s) so clients come back soon, elsewhere.
    expect(sse.retries).toHaveLength(2);
    expect(sse.retries[1]).toBeGreaterThanOrEqual(500);
    expect(sse.retries[1]).toBeLessThan(1000);
    finish();
    const done = await inFlight;
    expect(done.status).toBe(200);
    expect(done.connection).toBe('close');
    expect(JSON.parse(done.text)).toHaveProperty('token');
    await closing;
    await expect(fetch(`${other.url}/health`)).rejects.toThrow();
  });
});
