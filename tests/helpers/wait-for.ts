/** Polls until `check` returns a truthy value (and returns it), or fails with the last value seen. */
export async function waitFor<T>(check: () => T, options: { timeoutMs?: number; describe?: () => string } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting${options.describe ? `; last seen:\n${options.describe()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
