import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/api/events.js';
import { ApiError } from '../../src/client/errors.js';
import type { StreamStateInfo } from '../../src/client/event-stream.js';
import { backoffDelay, parseRetryAfter, REQUEST_BACKOFF } from '../../src/client/retry-policy.js';
import { SupportClient } from '../../src/client/support-client.js';
import { delayMs } from '../../src/cli/bulk/retry.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { scriptedServer } from '../helpers/scripted-http.js';

const problem = (status: number, code: string) => JSON.stringify({ type: 'x', title: 't', status, code, detail: 'busy' });
const emptyPage = JSON.stringify({ data: [], nextCursor: null });

describe('the client’s one retry policy', () => {
  it('reads Retry-After as seconds or as an HTTP-date (IMF and asctime), a past date as now, and ignores the rest', () => {
    const now = Date.parse('2026-12-03T05:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 03 Dec 2026 05:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Thu Dec  3 05:00:02 2026', now)).toBe(2000);
    expect(parseRetryAfter('Thu, 03 Dec 2026 04:59:00 GMT', now)).toBe(0);
    for (const bad of ['soon', '-1', '1.5', '', undefined]) expect(parseRetryAfter(bad, now)).toBeUndefined();
  });

  it('jitters each backoff over the upper half of its exponential ceiling, capped at the maximum', () => {
    const backoff = { initialMs: 100, maxMs: 1000 };
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, backoff, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, backoff, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    const samples = Array.from({ length: 500 }, () => backoffDelay(2, backoff));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...samples)).toBeLessThanOrEqual(400);
    // Spread, not lockstep: a desk of clients does not come back at the same instant.
    expect(new Set(samples).size).toBeGreaterThan(50);
  });

  it('got retries a GET after the HTTP-date in Retry-After', async () => {
    const server = await scriptedServer((_req, res, hit) => {
      if (hit === 1) {
        // Dates have whole seconds: two seconds ahead is at least one second away.
        res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': new Date(Date.now() + 2000).toUTCString() });
        res.end(problem(503, 'unavailable'));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(emptyPage);
    });
    try {
      await new SupportClient({ baseUrl: server.url }).queue.list();
      expect(server.hits).toHaveLength(2);
      expect(server.hits[1]!.at - server.hits[0]!.at).toBeGreaterThanOrEqual(900);
    } finally {
      await server.close();
    }
  });

  it('without Retry-After got waits the policy’s jittered backoff (100–200 ms first), not its own 1 s', async () => {
    const server = await scriptedServer((_req, res, hit) => {
      res.writeHead(hit === 1 ? 502 : 200, { 'content-type': 'application/json' });
      res.end(hit === 1 ? problem(502, 'unavailable') : emptyPage);
    });
    try {
      await new SupportClient({ baseUrl: server.url }).queue.list();
      const waited = server.hits[1]!.at - server.hits[0]!.at;
      expect(waited).toBeGreaterThanOrEqual(REQUEST_BACKOFF.initialMs / 2 - 10);
      expect(waited).toBeLessThan(700);
    } finally {
      await server.close();
    }
  });

  it('does not wait out a Retry-After longer than 30 s: the answer comes at once, with how long to wait', async () => {
    const server = await scriptedServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '120' });
      res.end(problem(503, 'unavailable'));
    });
    try {
      const started = Date.now();
      const error = await apiFailure(new SupportClient({ baseUrl: server.url }).queue.list());
      expect([error.code, error.retryAfterSeconds, server.hits.length]).toEqual(['unavailable', 120, 1]);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await server.close();
    }
  });

  it('retries a POST that carries an idempotency key, with the same key; one without a key is answered as it failed', async () => {
    const keys: (string | undefined)[] = [];
    const server = await scriptedServer((req, res, hit) => {
      keys.push(req.headers['idempotency-key'] as string | undefined);
      if (hit === 1 || req.url === '/v1/queue/claim') {
        res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '0' });
        res.end(problem(503, 'unavailable'));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ account: {}, change: { from: 'active', to: 'frozen' } }));
    });
    try {
      const client = new SupportClient({ baseUrl: server.url });
      const done = await client.accounts.freeze('wal_Abc12345', { reason: 'fraud_review', note: 'n' });
      expect(server.hits.map((h) => h.method)).toEqual(['POST', 'POST']);
      expect(keys).toEqual([done.idempotencyKey, done.idempotencyKey]);
      const error = await apiFailure(client.queue.claimNext());
      expect([error.code, server.hits.length]).toEqual(['unavailable', 3]);
    } finally {
      await server.close();
    }
  });

  it('bulk rows wait what the server asked for, seconds or date, and give up on more than a minute', () => {
    const throttled = (seconds: number) => new ApiError('rate_limited', 'slow down', { status: 429, retryAfterSeconds: seconds });
    expect(delayMs(throttled(2), 0)).toBe(2000);
    expect(delayMs(throttled(61), 0)).toBeUndefined();
    const backoff = delayMs(new ApiError('unavailable', 'down', { status: 503 }), 3);
    expect(backoff).toBeGreaterThanOrEqual(800);
    expect(backoff).toBeLessThanOrEqual(1600);
  });

  it('an HTTP-date Retry-After reaches the caller as whole seconds', async () => {
    const server = await scriptedServer((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': new Date(Date.now() + 5000).toUTCString() });
      res.end(problem(429, 'rate_limited'));
    });
    try {
      const error = await apiFailure(new SupportClient({ baseUrl: server.url }).auth.login('a@example.com', 'pw'));
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(4);
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(5);
    } finally {
      await server.close();
    }
  });
});

describe('the event stream over got', () => {
  it('reconnects after a refusal when Retry-After says, resuming with Last-Event-ID', async () => {
    const lastIds: (string | undefined)[] = [];
    const event = { id: 7, type: 'presence', at: new Date().toISOString(), data: {} };
    const server = await scriptedServer((req, res, hit) => {
      lastIds.push(req.headers['last-event-id'] as string | undefined);
      if (hit === 1) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(`id: 7\nevent: presence\ndata: ${JSON.stringify(event)}\n\n`);
      } else if (hit === 2) {
        res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '1' });
        res.end(problem(503, 'unavailable'));
      } else {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(': open\n\n');
      }
    });
    const states: StreamStateInfo[] = [];
    const received: LiveEvent[] = [];
    const subscription = new SupportClient({ baseUrl: server.url, token: 'sup_x' }).events.subscribe({
      onEvent: (e) => received.push(e),
      onState: (s) => states.push(s),
      backoff: { initialMs: 20, maxMs: 40 },
    });
    try {
      await expect.poll(() => server.hits.length, { timeout: 5000 }).toBe(3);
      expect(lastIds).toEqual([undefined, '7', '7']);
      expect(received).toEqual([event]);
      expect(server.hits[2]!.at - server.hits[1]!.at).toBeGreaterThanOrEqual(900);
      expect(states.filter((s) => s.state === 'reconnecting').map((s) => s.retryInMs)).toContain(1000);
    } finally {
      subscription.close();
      await subscription.closed;
      await server.close();
    }
  });
});
