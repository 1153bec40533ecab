import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, type RawResponse } from '../helpers/raw-http.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';
import { countRows } from '../helpers/workflow.js';

/**
 * Requests broken below the JSON: bytes that are not HTTP, headers too large, URLs that do not decode,
 * bodies that are not UTF-8. Sent over a raw socket, since an HTTP client would refuse to send most of
 * them. Every answer is problem+json with a code, as from any route.
 */
describe('malformed HTTP is answered with problem+json and a code', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    const res = await fetch(`${server.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'agent@example.com', password: 'demo' }) });
    token = ((await res.json()) as { token: string }).token;
  });
  afterAll(() => server.close());

  function expectProblem(res: RawResponse, status: number, code: string) {
    expect(res.status, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(body).toMatchObject({ status, code, type: expect.stringContaining('/problems/'), title: expect.any(String), detail: expect.any(String) });
    expect(body['requestId']).toBe(res.headers['x-request-id']);
    return body;
  }

  const get = (target: string, headers = '') => rawRequest(server.url, `GET ${target} HTTP/1.1\r\nhost: x\r\n${headers}connection: close\r\n\r\n`);
  const post = (target: string, body: Buffer, contentType = 'application/json', method = 'POST') =>
    rawRequest(
      server.url,
      Buffer.concat([
        Buffer.from(`${method} ${target} HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${token}\r\ncontent-type: ${contentType}\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`),
        body,
      ]),
    );

  it('a header name with a space, or a control character in a header value, is 400 malformed_request', async () => {
    expectProblem(await get('/health', 'bad header: x\r\n'), 400, 'malformed_request');
    expectProblem(await get('/health', 'x-note: a\u0001b\r\n'), 400, 'malformed_request');
    expectProblem(await get('/health', 'content-length: twelve\r\n'), 400, 'malformed_request');
  });

  it('a request line that is not HTTP is 400 malformed_request', async () => {
    expectProblem(await rawRequest(server.url, 'HELLO THERE\r\n\r\n'), 400, 'malformed_request');
    expectProblem(await rawRequest(server.url, 'GET /health HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n'), 400, 'malformed_request');
  });

  it('headers over the server’s limit are 431 headers_too_large', async () => {
    expectProblem(await get('/health', `x-big: ${'a'.repeat(20_000)}\r\n`), 431, 'headers_too_large');
    expectProblem(await get(`/health?${'q'.repeat(20_000)}`), 431, 'headers_too_large');
  });

  it('a URL whose percent-escapes are not UTF-8 is 400 malformed_request; an over-long id is 414', async () => {
    expectProblem(await get('/v1/macros/%E0%A4%A'), 400, 'malformed_request');
    expectProblem(await get('/v1/macros/%FF'), 400, 'malformed_request');
    expectProblem(await get(`/v1/macros/${'a'.repeat(200)}`), 414, 'uri_too_long');
  });

  it('an unknown route is 404 route_not_found; an unknown content type is 415; bad JSON is 400', async () => {
    expectProblem(await get('/v1/nowhere'), 404, 'route_not_found');
    expectProblem(await post('/v1/conversations/1/messages', Buffer.from('<body/>'), 'text/xml'), 415, 'unsupported_media_type');
    expectProblem(await post('/v1/conversations/1/messages', Buffer.from('{"body": ')), 400, 'malformed_json');
  });

  it('a body nested deeper or a list longer than any request is 400, before a validator chokes on it', async () => {
    const before = await countRows(server.store.db, 'events');
    const nested = (depth: number) => '['.repeat(depth) + '1' + ']'.repeat(depth);
    // tags is a list of unique items: checking uniqueness hashed the nested arrays until the stack ran out.
    const deep = expectProblem(await post('/v1/conversations/1', Buffer.from(`{"tags":${nested(20_000)}}`), 'application/json', 'PATCH'), 400, 'validation_failed');
    expect(deep['detail']).toContain('nests deeper');
    // Equal tags: the validator reported every duplicate pair, holding the event loop for seconds
    // (20,000 tags) to minutes (200,000, still under 1 MiB).
    const wide = JSON.stringify({ tags: Array.from({ length: 20_000 }, () => 'a') });
    const long = expectProblem(await post('/v1/conversations/1', Buffer.from(wide), 'application/json', 'PATCH'), 400, 'validation_failed');
    expect(long['detail']).toContain('more than 1000 items');
    expect(await countRows(server.store.db, 'events')).toBe(before);
  });

  it('a body that is not UTF-8 is 400 malformed_json and nothing is stored (it was stored with U+FFFD)', async () => {
    const before = [await countRows(server.store.db, 'messages'), await countRows(server.store.db, 'audit_log')];
    for (const bytes of [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xe2, 0x82]]) {
      const body = Buffer.concat([Buffer.from('{"body":"note '), Buffer.from(bytes), Buffer.from('","kind":"note"}')]);
      const problem = expectProblem(await post('/v1/conversations/1/messages', body), 400, 'malformed_json');
      expect(problem['detail']).toContain('UTF-8');
    }
    expect([await countRows(server.store.db, 'messages'), await countRows(server.store.db, 'audit_log')]).toEqual(before);
    // The same message in valid UTF-8 goes through.
    const ok = await post('/v1/conversations/1/messages', Buffer.from(JSON.stringify({ body: 'note ü', kind: 'note' })));
    expect(ok.status).toBe(201);
  });

  it('a request arriving on a busy connection while the server closes is 503 problem+json (Fastify’s was plain JSON)', async () => {
    const other = await startTestServer({ demo: true });
    const { port } = new URL(other.url);
    const socket = connect({ host: '127.0.0.1', port: Number(port) });
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const socketClosed = new Promise((resolve) => socket.on('close', resolve));
    // A login whose body is still arriving when the close begins keeps the connection busy.
    const body = JSON.stringify({ email: 'agent@example.com', password: 'demo' });
    const received = new Promise((resolve) => other.app.server.once('request', resolve));
    socket.write(`POST /v1/auth/login HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
    await received;
    // Fastify's close alone (the drain around it would answer the login with Connection: close).
    const closing = other.app.close();
    await waitFor(() => !other.app.server.listening);
    // The rest of the login, and right behind it on the same connection, a new request.
    socket.write(`${body.slice(10)}GET /v1/me HTTP/1.1\r\nhost: x\r\n\r\n`);
    await socketClosed;
    await closing;
    await other.close();
    const answers = text.split(/(?=HTTP\/1\.1 )/);
    expect(answers.map((a) => a.slice(9, 12))).toEqual(['200', '503']);
    const [head, json] = answers[1]!.split('\r\n\r\n');
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(json!)).toMatchObject({ status: 503, code: 'unavailable' });
  });
});
