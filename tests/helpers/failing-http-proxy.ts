import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FailingProxy {
  url: string;
  /** Requests received, failed before reaching the server, and answered by the server but replaced by a 503. */
  stats: { requests: number; failedBefore: number; failedAfter: number; throttled: number };
  close(): Promise<void>;
}

/**
 * A real HTTP proxy in front of the server that fails one request in `every` with a 503 (no problem
 * body, as a load balancer would). Failures alternate between refusing the request before the server
 * sees it and letting the server do the work, then losing its answer: the case idempotency keys exist
 * for. With `throttleEvery`, one request in that many is answered 429 with Retry-After: 1 instead.
 * `delayMs` slows every request down, so that a test can stop a run in the middle.
 */
export async function failingProxy(target: string, options: { every?: number; throttleEvery?: number; delayMs?: number } = {}): Promise<FailingProxy> {
  const upstream = new URL(target);
  const stats = { requests: 0, failedBefore: 0, failedAfter: 0, throttled: 0 };
  const every = options.every ?? 0;
  const throttleEvery = options.throttleEvery ?? 0;
  const fail = (res: ServerResponse) => {
    res.writeHead(503, { 'content-type': 'text/plain', connection: 'close' });
    res.end('Service Unavailable');
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const n = ++stats.requests;
    if (throttleEvery > 0 && n % throttleEvery === 0 && !(every > 0 && n % every === 0)) {
      stats.throttled++;
      req.resume();
      res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '1' });
      res.end('Too Many Requests');
      return;
    }
    const failing = every > 0 && n % every === 0;
    const after = failing && (n / every) % 2 === 0;
    const forward = () => {
      if (failing && !after) {
        stats.failedBefore++;
        req.resume();
        fail(res);
        return;
      }
      const proxied = httpRequest(
        { hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          if (after) {
            stats.failedAfter++;
            answer.resume();
            answer.on('end', () => fail(res));
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      proxied.on('error', () => {
        if (!res.headersSent) fail(res);
      });
      req.pipe(proxied);
    };
    if (options.delayMs) setTimeout(forward, options.delayMs);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
