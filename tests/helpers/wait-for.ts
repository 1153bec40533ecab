import { vi } from 'vitest';

/**
 * vi.waitFor for a synchronous check that returns what it waited for: polls until `check` returns a
 * truthy value (and returns it), or fails with the last value seen.
 */
export async function waitFor<T>(check: () => T, options: { timeoutMs?: number; describe?: () => string } = {}): Promise<NonNullable<T>> {
  try {
    return await vi.waitFor(
      () => {
        const value = check();
        if (!value) throw new Error('not yet');
        return value as NonNullable<T>;
      },
      { timeout: options.timeoutMs ?? 5000, interval: 20 },
    );
  } catch {
    throw new Error(`timed out waiting${options.describe ? `; last seen:\n${options.describe()}` : ''}`);
  }
}
