import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ApiError } from './errors.js';
import type { HttpOptions } from './http.js';
import { answerError, networkError } from './translate-error.js';

export interface LeanAnswer {
  body: unknown;
  status: number;
  headers: IncomingHttpHeaders;
}

export type LeanRequest = (
  method: string,
  path: string,
  options: { json?: unknown; query?: Record<string, string | number | boolean>; headers?: Record<string, string> },
) => Promise<LeanAnswer>;

/**
 * The one exception to got, for bulk runs (HttpOptions.bulk): plain node:http over kept-alive
 * sockets, no retries (the runner retries on the client's one policy, retry-policy.ts). got costs
 * about 550 µs more CPU per request than this (measured: ~900 vs ~350 µs per POST against a local
 * server, 2 cores), which on a shared machine held `support bulk refund` at 20 % of the server's own
 * refund throughput against 49 % for this client (tests/bench/bulk.ts); the budget is 60 %. Failures
 * are the same ApiErrors as through got.
 */
export function createLeanHttp(options: HttpOptions & { bulk: { concurrency: number } }): LeanRequest {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const base = new URL(`${baseUrl}/`);
  const secure = base.protocol === 'https:';
  // Sockets are kept between rows: a run reconnects only when the server closes one.
  const agentOptions = { keepAlive: true };
  const agent = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  const send = secure ? httpsRequest : httpRequest;
  const common: Record<string, string> = {
    'user-agent': options.userAgent ?? 'support-terminal',
    accept: 'application/json, application/problem+json',
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
  };
  const timeoutMs = options.timeoutMs ?? 30_000;

  return (method, path, { json, query, headers }) =>
    new Promise<LeanAnswer>((resolve, reject) => {
      const url = new URL(path.replace(/^\//, ''), base);
      if (query) for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
      const body = json === undefined ? undefined : JSON.stringify(json);
      const request = send(
        url,
        {
          method,
          agent,
          headers: { ...common, ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (error) => reject(networkError(undefined, error.message, baseUrl, error)));
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            if (text) {
              try {
                parsed = JSON.parse(text);
              } catch {
                parsed = undefined;
                if (status < 400) {
                  reject(new ApiError('bad_response', `the server at ${baseUrl} sent a response that is not JSON; is ${baseUrl} a Support API?`, { status }));
                  return;
                }
              }
            }
            if (status >= 400) reject(answerError(status, response.statusMessage, response.headers, parsed, baseUrl));
            else resolve({ body: parsed, status, headers: response.headers });
          });
        },
      );
      request.setTimeout(timeoutMs, () => {
        request.destroy();
        reject(new ApiError('timeout', `the Support API at ${baseUrl} did not answer in time (request timeout); check the server or your network and try again`));
      });
      request.on('error', (error: NodeJS.ErrnoException) => reject(networkError(error.code, error.message, baseUrl, error)));
      request.end(body);
    });
}
