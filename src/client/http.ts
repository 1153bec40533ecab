import got, { type Got, type Method } from 'got';

export interface HttpOptions {
  baseUrl: string;
  token?: string | undefined;
  /** Whole-request budget in milliseconds. */
  timeoutMs?: number;
  retryLimit?: number;
  userAgent?: string;
  /** Plain node:http without retries (lean-http.ts): for callers that send thousands and retry themselves. */
  lean?: boolean;
}

/** Methods that are safe to repeat. A POST joins them only when it carries an idempotency key. */
export const IDEMPOTENT_METHODS: Method[] = ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'];

/**
 * The one got instance: prefix URL, bearer token, timeouts, and retries with backoff that honour
 * Retry-After. Connection refused is not retried: the server is not there, say so at once.
 */
export function createHttp(options: HttpOptions): Got {
  return got.extend({
    prefixUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: {
      'user-agent': options.userAgent ?? 'support-terminal',
      accept: 'application/json, application/problem+json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    timeout: { connect: 5_000, request: options.timeoutMs ?? 30_000 },
    retry: {
      limit: options.retryLimit ?? 2,
      methods: IDEMPOTENT_METHODS,
      statusCodes: [408, 429, 500, 502, 503, 504],
      errorCodes: ['ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'EPIPE', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND'],
      maxRetryAfter: 30_000,
      backoffLimit: 4_000,
    },
    // Responses are parsed here, once; problem bodies are parsed by translateError.
    responseType: 'json',
  });
}
