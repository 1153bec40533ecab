import got, { type Got } from 'got';
import { IDEMPOTENT_METHODS, parseRetryAfter, REQUEST_BACKOFF, retryDelay, RETRY_ERROR_CODES, RETRY_STATUSES } from './retry-policy.js';

export interface HttpOptions {
  baseUrl: string;
  token?: string | undefined;
  /** Whole-request budget in milliseconds. */
  timeoutMs?: number;
  retryLimit?: number;
  userAgent?: string;
  /**
   * For callers that send thousands of requests and retry themselves on the same policy (bulk runs):
   * requests go through lean-http.ts, the one exception to got (its header says why).
   */
  bulk?: { concurrency: number } | undefined;
  /** Send only reads (GET), and the session's own calls (log in, log out): read-only mode's last guard. */
  readOnly?: boolean;
}

/** Longest Retry-After got waits out; a longer one fails at once with the server's answer. */
const MAX_RETRY_AFTER_MS = 30_000;

/**
 * The one got instance: prefix URL, bearer token, timeouts, and retries on the client's one policy
 * (retry-policy.ts): Retry-After honoured, otherwise backoff with jitter. Connection refused is not
 * retried: the server is not there, say so at once.
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
      methods: [...IDEMPOTENT_METHODS],
      statusCodes: [...RETRY_STATUSES],
      errorCodes: [...RETRY_ERROR_CODES],
      maxRetryAfter: MAX_RETRY_AFTER_MS,
      // got calls this only when its rules allow a retry (method, status, error code, limit).
      calculateDelay: ({ attemptCount, error }) =>
        retryDelay(attemptCount - 1, parseRetryAfter(error.response?.headers['retry-after']), { backoff: REQUEST_BACKOFF, maxRetryAfterMs: MAX_RETRY_AFTER_MS }) ?? 0,
    },
    // Responses are parsed here, once; problem bodies are parsed by translateError.
    responseType: 'json',
  });
}
