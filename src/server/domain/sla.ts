import type { Priority } from '../../api/enums.js';
import { NO_DUE_TIME } from '../store/tables.js';

export interface SlaTargets {
  firstResponseMs: number;
  nextResponseMs: number;
  resolutionMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The demo's service levels; a desk sets its own. */
export const DEFAULT_SLA: Record<Priority, SlaTargets> = {
  urgent: { firstResponseMs: 5 * MINUTE, nextResponseMs: 10 * MINUTE, resolutionMs: 4 * HOUR },
  high: { firstResponseMs: 30 * MINUTE, nextResponseMs: HOUR, resolutionMs: 8 * HOUR },
  normal: { firstResponseMs: 2 * HOUR, nextResponseMs: 4 * HOUR, resolutionMs: 24 * HOUR },
  low: { firstResponseMs: 8 * HOUR, nextResponseMs: 12 * HOUR, resolutionMs: 72 * HOUR },
};

export interface SlaClock {
  status: string;
  first_response_due_at: number | null;
  next_response_due_at: number | null;
  resolution_due_at: number | null;
}

/**
 * The queue's sort key: the earliest response or resolution time still running. Conversations that
 * wait on the customer, sleep or are done have no running clock and sort last.
 */
export function dueAtOf(clock: SlaClock): number {
  if (clock.status !== 'open' && clock.status !== 'pending') return NO_DUE_TIME;
  const running = [clock.resolution_due_at];
  if (clock.status === 'open') running.push(clock.first_response_due_at, clock.next_response_due_at);
  const times = running.filter((t): t is number => t !== null);
  return times.length ? Math.min(...times) : NO_DUE_TIME;
}
