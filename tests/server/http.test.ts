import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('HTTP edges: every bad request is a 4xx problem+json, never a 500', () => {
  let server: TestServer;
  let token: string;
  const post = (path: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers } });

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    const res = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'agent@example.com', password: 'demo' }) });
    token = ((await res.json()) as { token: string }).token;
  });
  afterAll(() => server.close());

  async function expectProblem(res: Response, status: number, code: string) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status, code, type: expect.stringContaining('/problems/'), title: expect.any(String), detail: expect.any(String) });
    expect(body['requestId']).toBe(res.headers.get('x-request-id'));
    return body;
  }

  it('malformed JSON is 400 malformed_json', async () => {
    await expectProblem(await post('/v1/conversations/1/messages', '{"body": '), 400, 'malformed_json');
    await expectProblem(await post('/v1/auth/login', '[1,2'), 400, 'malformed_json');
  });

  it('a body over 1 MiB is 413 payload_too_large', async () => {
    const big = JSON.stringify({ body: 'x'.repeat(1024 * 1024 + 10) });
    await expectProblem(await post('/v1/conversations/1/messages', big), 413, 'payload_too_large');
  });

  it('an empty JSON body is 400, another content type is 415', async () => {
    await expectProblem(await post('/v1/auth/login', ''), 400, 'malformed_json');
    await expectProblem(await post('/v1/auth/login', 'email=a', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
  });

  it('unknown fields and wrong types are 400 with one entry per field', async () => {
    const body = await expectProblem(await post('/v1/auth/login', JSON.stringify({ email: 5, pass: 'x' })), 400, 'validation_failed');
    expect(body['errors']).toEqual(
      expect.arrayContaining([
        { field: 'pass', message: 'is not a known field' },
        { field: 'password', message: 'is required' },
        { field: 'email', message: 'must be string' },
      ]),
    );
  });

  it('JSON that is not an object is 400', async () => {
    await expectProblem(await post('/v1/auth/login', '"just a string"'), 400, 'validation_failed');
    await expectProblem(await post('/v1/auth/login', 'null'), 400, 'validation_failed');
  });

  it('unknown routes are 404 route_not_found, and say where the API is described', async () => {
    const body = await expectProblem(await fetch(`${server.url}/v2/queue`), 404, 'route_not_found');
    expect(body['detail']).toContain('/openapi.json');
  });

  it('serves an OpenAPI 3.1 document built from the route schemas', async () => {
    const res = await fetch(`${server.url}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { security?: unknown; requestBody?: unknown }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/auth/login', '/v1/auth/logout', '/v1/me', '/v1/queue', '/v1/conversations/{id}', '/v1/conversations/{id}/messages']),
    );
    expect(doc.paths['/v1/queue']!['get']!.security).toEqual([{ bearerAuth: [] }]);
    expect(JSON.stringify(doc.paths['/v1/conversations/{id}/messages']!['post']!.requestBody)).toContain('clientMessageId');
  });

  it('refuses to start when a route declares no access', async () => {
    const app = await buildApp(server.ctx);
    expect(() => app.get('/v1/oops', async () => 'open to anyone')).toThrow(/declares no config.access/);
    await app.close();
  });
});
