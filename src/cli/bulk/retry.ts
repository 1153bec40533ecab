import { setTimeout as sleep } from 'node:timers/promises';
import { isApiError } from '../../client/errors.js';

export const MAX_ATTEMPTS = 8;

/** 429 and 5xx and no answer are worth another try with the same key; a 4xx answer is the answer. */
export function retryable(error: unknown): boolean {
  if (!isApiError(error)) return false;
  if (error.status === 429 || error.status >= 500) return true;
  if (error.code === 'idempotency_key_in_use') return true;
  return error.status === 0 && (error.isNetwork || error.code === 'network_error');
}

/** Retry-After when the server gave one, otherwise exponential backoff with jitter, at most 8 s. */
export function delayMs(error: unknown, attempt: number): number {
  if (isApiError(error) && error.retryAfterSeconds !== undefined) return Math.min(error.retryAfterSeconds, 60) * 1000;
  return Math.min(8_000, 200 * 2 ** attempt) * (0.5 + Math.random() / 2);
}

/** A read, tried again on what `retryable` accepts. */
export async function withRetries<T>(read: () => Promise<T>, maxAttempts = MAX_ATTEMPTS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (!retryable(error) || attempt + 1 >= maxAttempts) throw error;
      await sleep(delayMs(error, attempt));
    }
  }
}
