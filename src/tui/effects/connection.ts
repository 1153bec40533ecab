import type { EffectContext } from './context.js';
import { isUnreachable } from './errors.js';

export interface ConnectionHooks {
  /** How long to wait before probing an unreachable API again (ms), doubling up to 30 s. */
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
  let probeDelay = hooks.retryBaseMs;

  /** Records the outcome of a call. */
  function reached(ok: boolean, error?: unknown) {
    if (ok) {
      const wasOffline = store.getState().connection !== 'online';
      if (wasOffline) store.update(() => ({ connection: 'online' }));
      probeDelay = hooks.retryBaseMs;
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
        await client.me();
        reached(true);
        hooks.onProbeAnswered();
      } catch (error) {
        probeDelay = Math.min(probeDelay * 2, 30_000);
        store.update(() => ({ connection: 'offline' }));
        if (isUnreachable(error)) scheduleProbe();
      }
    }, probeDelay);
    probeTimer.unref();
  }

  function dispose() {
    if (probeTimer) clearTimeout(probeTimer);
  }

  return { reached, dispose };
}

export type Connection = ReturnType<typeof createConnection>;
