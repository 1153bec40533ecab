import { backoffDelay } from '../../client/retry-policy.js';
import type { EffectContext } from './context.js';
import { isUnreachable } from './errors.js';

export interface ConnectionHooks {
  /** How long to wait before probing an unreachable API again (ms), doubling up to 30 s, with jitter. */
  retryBaseMs: number;
  /** The API answers again after it did not: what waited (the outbox) goes out. */
  onBackOnline(): void;
  /** A probe got an answer: what is on screen is reloaded. */
  onProbeAnswered(): void;
}

/** Whether the API answers: an answer means online; no answer starts probing until it returns. */
export function createConnection(ctx: EffectContext, hooks: ConnectionHooks) {
  const { store, client } = ctx;
  let probeTimer: NodeJS.Timeout | undefined;
  let probeAttempt = 0;

  /** Records the outcome of a call. */
  function reached(ok: boolean, error?: unknown) {
    if (ok) {
      const wasOffline = store.getState().connection !== 'online';
      if (wasOffline) store.update(() => ({ connection: 'online' }));
      probeAttempt = 0;
      if (wasOffline) hooks.onBackOnline();
      return;
    }
    if (isUnreachable(error)) {
      store.update(() => ({ connection: 'offline' }));
      scheduleProbe();
    }
  }

  function scheduleProbe() {
    if (probeTimer || ctx.disposed()) return;
    probeTimer = setTimeout(async () => {
      probeTimer = undefined;
      store.update(() => ({ connection: 'reconnecting' }));
      try {
        await client.me.get();
        reached(true);
        hooks.onProbeAnswered();
      } catch (error) {
        probeAttempt += 1;
        store.update(() => ({ connection: 'offline' }));
        if (isUnreachable(error)) scheduleProbe();
      }
    }, backoffDelay(probeAttempt, { initialMs: hooks.retryBaseMs, maxMs: 30_000 }));
    probeTimer.unref();
  }

  function dispose() {
    if (probeTimer) clearTimeout(probeTimer);
  }

  return { reached, dispose };
}

export type Connection = ReturnType<typeof createConnection>;
