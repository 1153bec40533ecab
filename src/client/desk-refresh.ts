import type { EventType } from '../api/enums.js';

/** The live events that change a figure of the board; macros and wallet states do not. */
export const DESK_EVENTS: ReadonlySet<EventType> = new Set<EventType>([
  'conversation.created',
  'conversation.updated',
  'conversation.assigned',
  'message.created',
  'presence',
  'sla.breached',
  'complaint.created',
  'complaint.updated',
  'refund.created',
  'refund.updated',
  'agent.availability',
]);

/** A burst of events (a wave of new conversations) becomes one fetch after this long. */
export const DESK_SETTLE_MS = 1000;
/** What events do not carry (a clock entering its last 20 %, presence running out) is fetched this often. */
export const DESK_POLL_MS = 10_000;

/**
 * When to fetch the board again: soon after an event that changes it (bursts coalesced, one fetch in
 * flight at a time), and otherwise every DESK_POLL_MS, never more often for want of events. The fetch
 * itself is the caller's (the CLI's watch, the workspace's effects).
 */
export class DeskRefresh {
  readonly #fetch: () => Promise<void>;
  readonly #settleMs: number;
  readonly #pollMs: number;
  #settle: ReturnType<typeof setTimeout> | undefined;
  #poll: ReturnType<typeof setTimeout> | undefined;
  #inFlight = false;
  #again = false;
  #stopped = false;

  constructor(fetch: () => Promise<void>, options: { settleMs?: number; pollMs?: number } = {}) {
    this.#fetch = fetch;
    this.#settleMs = options.settleMs ?? DESK_SETTLE_MS;
    this.#pollMs = options.pollMs ?? DESK_POLL_MS;
  }

  /** Fetches now, then keeps to the schedule. */
  start(): void {
    this.#stopped = false;
    void this.#run();
  }

  /** An event of type `type` arrived: a fetch follows unless the board does not show what it changed. */
  onEvent(type: string): void {
    if (this.#stopped || !DESK_EVENTS.has(type as EventType)) return;
    if (this.#inFlight) {
      this.#again = true;
      return;
    }
    this.#settle ??= setTimeout(() => void this.#run(), this.#settleMs);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#settle);
    clearTimeout(this.#poll);
    this.#settle = undefined;
    this.#poll = undefined;
  }

  async #run(): Promise<void> {
    clearTimeout(this.#settle);
    clearTimeout(this.#poll);
    this.#settle = undefined;
    if (this.#stopped) return;
    this.#inFlight = true;
    try {
      await this.#fetch();
    } finally {
      this.#inFlight = false;
    }
    if (this.#stopped) return;
    if (this.#again) {
      this.#again = false;
      this.#settle = setTimeout(() => void this.#run(), this.#settleMs);
    }
    this.#poll = setTimeout(() => void this.#run(), this.#pollMs);
  }
}
