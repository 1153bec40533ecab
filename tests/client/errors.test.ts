import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SupportClient } from '../../src/client/support-client.js';
import { networkError } from '../../src/client/translate-error.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { scriptedServer } from '../helpers/scripted-http.js';

const problem = (status: number, code: string, detail: string) => JSON.stringify({ type: 'x', title: 't', status, code, detail });

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('client failures become one ApiError a person can act on', () => {
  it('connection refused names the URL and how to fix it, without retrying', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    const error = await apiFailure(new SupportClient({ baseUrl: url, token: 'sup_x' }).queue.list());
    expect(error.code).toBe('connection_refused');
    expect(error.status).toBe(0);
    expect(error.isNetwork).toBe(true);
    expect(error.message).toBe(
      `cannot connect to the Support API at ${url}: nothing answers there (connection refused); check your network connection and the API URL of your profile (\`support config list\`, or SUPPORT_API_URL)`,
    );
    // Starting the demo is advice for the demo's address only, not for a desk's own server.
    expect(error.message).not.toContain('support server --demo');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('only the demo’s local address is told to start the demo', () => {
    for (const url of ['http://127.0.0.1:4000', 'http://localhost:4000/']) {
      expect(networkError('ECONNREFUSED', 'refused', url).message).toContain('if it is the local demo, start it with `support server --demo`');
    }
    for (const url of ['http://127.0.0.1:4001', 'https://support.example.com']) {
      expect(networkError('ECONNREFUSED', 'refused', url).message).not.toContain('support server --demo');
    }
    expect(networkError('ENOTFOUND', 'x', 'https://support.example.com').message).toBe(
      'cannot resolve the host of https://support.example.com; check your network connection and the API URL of your profile (`support config list`, or SUPPORT_API_URL)',
    );
  });

  it('passes the server problem code and detail through', async () => {
    const server = await scriptedServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/problem+json', 'x-request-id': 'req_abc' });
      res.end(problem(404, 'not_found', 'conversation 9 does not exist'));
    });
    try {
      const error = await apiFailure(new SupportClient({ baseUrl: server.url }).conversations.get(9));
      expect([error.code, error.status, error.message, error.requestId]).toEqual(['not_found', 404, 'conversation 9 does not exist', 'req_abc']);
    } finally {
      await server.close();
    }
  });

  it('a non-API answer (a proxy’s HTML page) says so', async () => {
    const server = await scriptedServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html>nginx</html>');
    });
    try {
      const error = await apiFailure(new SupportClient({ baseUrl: server.url }).me.get());
      expect(error.code).toBe('bad_response');
      expect(error.message).toContain(`is ${server.url} a Support API?`);
    } finally {
      await server.close();
    }
  });

  it('retries a GET on 503, waiting as long as Retry-After says', async () => {
    const server = await scriptedServer((_req, res, hit) => {
      if (hit === 1) {
        res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '1' });
        res.end(problem(503, 'unavailable', 'busy'));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [], nextCursor: null }));
    });
    try {
      const page = await new SupportClient({ baseUrl: server.url }).queue.list();
      expect(page.data).toEqual([]);
      expect(server.hits).toHaveLength(2);
      expect(server.hits[1]!.at - server.hits[0]!.at).toBeGreaterThanOrEqual(900);
    } finally {
      await server.close();
    }
  });

  it('never retries a POST that carries no idempotency key', async () => {
    const server = await scriptedServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/problem+json' });
      res.end(problem(503, 'unavailable', 'down for maintenance'));
    });
    try {
      const error = await apiFailure(new SupportClient({ baseUrl: server.url }).auth.login('a@example.com', 'pw'));
      expect(error.code).toBe('unavailable');
      expect(server.hits).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('retries a message send with the same clientMessageId, so the server can store it once', async () => {
    const server = await scriptedServer((_req, res, hit) => {
      if (hit === 1) {
        res.writeHead(502, { 'content-type': 'application/problem+json' });
        res.end(problem(502, 'unavailable', 'bad gateway'));
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: { id: 1 }, conversation: { id: 5 } }));
    });
    try {
      await new SupportClient({ baseUrl: server.url, retryLimit: 2 }).conversations.send(5, { body: 'hi' });
      expect(server.hits).toHaveLength(2);
      const ids = server.hits.map((h) => (JSON.parse(h.body) as { clientMessageId: string }).clientMessageId);
      expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(ids[1]).toBe(ids[0]);
    } finally {
      await server.close();
    }
  });
});
