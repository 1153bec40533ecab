import type { SlaState } from './enums.js';
import type { Sla } from './types.js';

/**
 * The state of a conversation's SLA at any instant, from the `sla` object alone, so that a countdown
 * ticks without refetching. The server, the CLI and the TUI all call this one function.
 *
 * - none: no clock is running (pending, snoozed, resolved, closed, or every clock stopped);
 * - breached: the due time has come (due time == now is breached);
 * - warning: within the last 20 % of the running clock's window (clockStartedAt to dueAt);
 * - ok: otherwise.
 * A business-time clock carries `warningAt` and its `pauses` as instants (slaPausedUntil).
 */
export function slaState(sla: Pick<Sla, 'dueAt' | 'clockStartedAt' | 'warningAt'>, now: number): SlaState {
  if (!sla.dueAt) return 'none';
  const due = Date.parse(sla.dueAt);
  const left = due - now;
  if (left <= 0) return 'breached';
  // Business time: the server sent the instant, since 20 % of the window skips closed hours.
  if (sla.warningAt) return now >= Date.parse(sla.warningAt) ? 'warning' : 'ok';
  const started = sla.clockStartedAt ? Date.parse(sla.clockStartedAt) : Number.NaN;
  const window = due - started;
  // Integer arithmetic: left <= 20 % of the window, without floating point at the boundary.
  if (Number.isFinite(window) && window > 0 && left * 5 <= window) return 'warning';
  return 'ok';
}

/** The symbol that carries the state, so that it never depends on colour alone. */
export const SLA_SYMBOLS: Record<SlaState, string> = { none: ' ', ok: '◷', warning: '!', breached: '✗' };

export function slaSymbol(state: SlaState): string {
  return SLA_SYMBOLS[state];
}

/** While a business-time clock is paused (the desk is closed), the instant it resumes; otherwise null. */
export function slaPausedUntil(sla: Pick<Sla, 'dueAt' | 'pauses'>, now: number): number | null {
  if (!sla.dueAt || !sla.pauses) return null;
  for (const p of sla.pauses) {
    const from = Date.parse(p.from);
    const until = Date.parse(p.until);
    if (from <= now && now < until) return until;
    if (from > now) break;
  }
  return null;
}
