/**
 * The one retry and backoff policy of everything that talks to the Support API: got's own retries,
 * bulk rows, the event stream's reconnects and the workspace's probe of an unreachable server. Each
 * waits what the server asked for (Retry-After, in seconds or as an HTTP-date) or else an exponential
 * backoff with jitter, so that a desk of clients that lost the server together does not come back in
 * lockstep.
 */

/** Methods that are safe to repeat. A POST joins them only when it carries an idempotency key. */
export const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'] as const;

/** Answers worth another attempt: the request timed out, was throttled, or the server failed. */
export const RETRY_STATUSES = [408, 429, 500, 502, 503, 504] as const;

/**
 * Network failures worth another attempt. ECONNREFUSED is not one: nothing listens there, and saying
 * so at once helps more than waiting.
 */
export const RETRY_ERROR_CODES = ['ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'EPIPE', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND'] as const;

export interface Backoff {
  /** The first delay's ceiling; each attempt doubles it. */
  initialMs: number;
  maxMs: number;
}

/** Single requests (got's retries, bulk rows): quick first retries, a few seconds at most. */
export const REQUEST_BACKOFF: Backoff = { initialMs: 200, maxMs: 8_000 };
/** Long-lived connections (event stream, the workspace's probe): patient, up to 30 s apart. */
export const RECONNECT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000 };

/**
 * The delay before retry number `attempt` (0 for the first retry): the exponential ceiling
 * `initialMs × 2^attempt` capped at `maxMs`, jittered over its upper half ("equal jitter"), so that the
 * delay still grows while clients spread out.
 */
export function backoffDelay(attempt: number, backoff: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Retry-After as milliseconds from `now`: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). A date in
 * the past is 0; anything else unreadable is undefined and must be ignored.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!Number.isNaN(Number(text))) return undefined;
  // asctime dates carry no zone but are UTC.
  const date = /^\w{3} \w{3} [\d ]\d \d{2}:\d{2}:\d{2} \d{4}$/.test(text) ? `${text} GMT` : text;
  const at = Date.parse(date);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * How long to wait before retry number `attempt`: what the server asked for when it said, otherwise the
 * backoff. A Retry-After beyond `maxRetryAfterMs` is not waited out: undefined means give up now.
 */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, options: { backoff: Backoff; maxRetryAfterMs: number }): number | undefined {
  if (retryAfterMs !== undefined) return retryAfterMs > options.maxRetryAfterMs ? undefined : Math.max(1, retryAfterMs);
  return backoffDelay(attempt, options.backoff);
}
