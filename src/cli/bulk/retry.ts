import { setTimeout as sleep } from 'node:timers/promises';
import { isApiError } from '../../client/errors.js';
import { REQUEST_BACKOFF, retryDelay } from '../../client/retry-policy.js';

export const MAX_ATTEMPTS = 8;

/** 429 and 5xx and no answer are worth another try with the same key; a 4xx answer is the answer. */
export function retryable(error: unknown): boolean {
  if (!isApiError(error)) return false;
  if (error.status === 429 || error.status >= 500) return true;
  if (error.code === 'idempotency_key_in_use') return true;
  return error.status === 0 && (error.isNetwork || error.code === 'network_error');
}

/**
 * The client's one policy: Retry-After when the server gave one, otherwise backoff with jitter. A
 * Retry-After beyond a minute is not waited out (undefined): the row fails and --resume sends it later.
 */
export function delayMs(error: unknown, attempt: number): number | undefined {
  const retryAfterMs = isApiError(error) && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : undefined;
  return retryDelay(attempt, retryAfterMs, { backoff: REQUEST_BACKOFF, maxRetryAfterMs: 60_000 });
}

/** A read, tried again on what `retryable` accepts. */
export async function withRetries<T>(read: () => Promise<T>, maxAttempts = MAX_ATTEMPTS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      const delay = retryable(error) && attempt + 1 < maxAttempts ? delayMs(error, attempt) : undefined;
      if (delay === undefined) throw error;
      await sleep(delay);
    }
  }
}
