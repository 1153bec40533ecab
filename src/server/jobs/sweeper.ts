import type { ServerContext } from '../context.js';
import { SYSTEM_SCOPE } from '../domain/actor.js';
import { runUnitOfWork } from '../domain/unit-of-work.js';
import { expirePresence } from '../domain/presence.js';
import { changeStatus } from '../domain/status.js';
import { ProblemError } from '../domain/errors.js';
import { announceBreaches } from './sla-breaches.js';

/** Wakes every snoozed conversation whose time has come (status open, clocks resume). */
export async function wakeSnoozed(ctx: ServerContext, batch = 200): Promise<number> {
  const due = await ctx.db
    .selectFrom('conversations')
    .select('id')
    .where('status', '=', 'snoozed')
    .where('snoozed_until', '<=', ctx.now())
    .orderBy('snoozed_until')
    .limit(batch)
    .execute();
  let woken = 0;
  for (const { id } of due) {
    try {
      await runUnitOfWork(ctx, SYSTEM_SCOPE, (uow) => changeStatus(uow, id, 'wake'));
      woken++;
    } catch (error) {
      // Someone reopened, resolved or re-snoozed it meanwhile (or another instance woke it): nothing to do.
      if (!(error instanceof ProblemError)) throw error;
    }
  }
  return woken;
}

export interface SweepResult {
  woken: number;
  breaches: number;
  presenceExpired: number;
}

/** One pass of the server's timed work. Safe to run on several instances at once. */
export async function sweep(ctx: ServerContext): Promise<SweepResult> {
  const woken = await wakeSnoozed(ctx);
  const breaches = await announceBreaches(ctx);
  const presenceExpired = await expirePresence(ctx);
  return { woken, breaches, presenceExpired };
}

/** Runs sweep() every `intervalMs`, one pass at a time; stop() waits for the pass in progress. */
export class Sweeper {
  readonly #ctx: ServerContext;
  readonly #onError: (error: unknown) => void;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #stopped = false;

  constructor(ctx: ServerContext, onError: (error: unknown) => void) {
    this.#ctx = ctx;
    this.#onError = onError;
  }

  start(intervalMs: number): void {
    if (intervalMs <= 0) return;
    this.#timer = setInterval(() => void this.runOnce(), intervalMs);
    this.#timer.unref();
  }

  /** A pass now (or the one in progress): tests call it after moving the clock. */
  async runOnce(): Promise<SweepResult | undefined> {
    if (this.#stopped) return undefined;
    while (this.#running) await this.#running.catch(() => {});
    const pass = sweep(this.#ctx);
    this.#running = pass;
    try {
      return await pass;
    } catch (error) {
      this.#onError(error);
      return undefined;
    } finally {
      this.#running = undefined;
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#running?.catch(() => {});
  }
}
