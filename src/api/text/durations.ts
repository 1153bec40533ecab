import type { ConversationSummary } from '../types.js';
import { slaPausedUntil } from '../sla-state.js';

const MINUTE = 60_000;

/** "45s", "12m", "3h05m", "2d4h": compact durations for timers and ages. */
export function compactDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return `${Math.floor(abs / 1000)}s`;
  const minutes = Math.floor(abs / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d${hours % 24}h`;
}

/** Time left on the SLA clock: "12m", or "-3m" once it is breached; "—" when no clock runs. */
export function slaCountdown(conversation: Pick<ConversationSummary, 'sla'>, now: number): string {
  if (!conversation.sla.dueAt) return '—';
  const left = Date.parse(conversation.sla.dueAt) - now;
  return left <= 0 ? `-${compactDuration(-left)}` : compactDuration(left);
}

/** The room "paused until" needs with its shortest time: "paused until 03-25". */
export const PAUSED_TEXT_MIN_WIDTH = 18;

/** The owed response's time left while an incident holds the response clocks; null otherwise. */
function heldLeft(conversation: Pick<ConversationSummary, 'sla'>): number | null {
  return conversation.sla.responseHold?.leftMs ?? null;
}

const leftOrLate = (left: number) => (left <= 0 ? `${compactDuration(-left)} late` : `${compactDuration(left)} left`);

/** While an incident holds an owed response: "response paused (incident 3), 12m left"; otherwise null. */
export function slaHoldText(conversation: Pick<ConversationSummary, 'sla'>): string | null {
  const left = heldLeft(conversation);
  if (left === null) return null;
  return `response paused (incident ${conversation.sla.responseHold!.incidentId}), ${leftOrLate(left)}`;
}

/**
 * The one wording of a paused clock (queue rows, the CLI's table, the conversation header). While an
 * incident holds the response clocks: "response paused (incident 3), 12m left", or "paused, 12m left"
 * with less room. While a business-time clock is paused: "paused until 09:00" today, "paused until
 * Mon 08:00" this week, "paused until 2026-03-25 08:00" later; given less room, the time gives way
 * before the words do: "paused until Mon", "paused until 03-25" (18 columns at most). Otherwise null.
 */
export function slaPausedText(conversation: Pick<ConversationSummary, 'sla'>, now: number, width = Infinity): string | null {
  const held = slaHoldText(conversation);
  if (held !== null) return held.length <= width ? held : `paused, ${leftOrLate(heldLeft(conversation)!)}`;
  const resumes = slaPausedUntil(conversation.sla, now);
  if (resumes === null) return null;
  const when = shortTime(new Date(resumes).toISOString(), now);
  const whole = `paused until ${when}`;
  if (whole.length <= width || when.length <= 5) return whole;
  return `paused until ${/^[A-Z]/.test(when) ? when.slice(0, 3) : when.slice(5, 10)}`;
}

/**
 * The conversation header's clock (TUI and CLI): "due in 12m", "SLA paused until 09:00, due in 3h"
 * while the desk is closed, "response paused (incident 3), 12m left" while an incident holds it.
 */
export function slaDueText(conversation: Pick<ConversationSummary, 'sla'>, now: number): string {
  const held = slaHoldText(conversation);
  if (held !== null) return held;
  const paused = slaPausedText(conversation, now);
  return `${paused ? `SLA ${paused}, due in` : 'due in'} ${slaCountdown(conversation, now)}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "14:05" today, "Mon 14:05" this week, "2026-11-02 14:05" before, in local time. */
export function shortTime(isoTime: string, now: number): string {
  const t = new Date(Date.parse(isoTime));
  const today = new Date(now);
  const hm = `${pad(t.getHours())}:${pad(t.getMinutes())}`;
  if (t.toDateString() === today.toDateString()) return hm;
  if (Math.abs(now - t.getTime()) < 6 * 24 * 60 * MINUTE) return `${WEEKDAYS[t.getDay()]} ${hm}`;
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${hm}`;
}
