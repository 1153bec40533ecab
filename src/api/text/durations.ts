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

/** The owed response's time left while an incident holds the response clocks; null otherwise. */
function heldLeft(conversation: Pick<ConversationSummary, 'sla'>): number | null {
  return conversation.sla.responseHold?.leftMs ?? null;
}

/** While an incident holds an owed response: "response paused (incident 3), 12m left"; otherwise null. */
export function slaHoldText(conversation: Pick<ConversationSummary, 'sla'>): string | null {
  const left = heldLeft(conversation);
  if (left === null) return null;
  return `response paused (incident ${conversation.sla.responseHold!.incidentId}), ${left <= 0 ? `${compactDuration(-left)} late` : `${compactDuration(left)} left`}`;
}

/**
 * While an incident holds the response clocks: "response paused (incident 3), 12m left"; while a
 * business-time clock is paused: "paused until 09:00" ("paused until Mon 08:00"); otherwise null.
 */
export function slaPausedText(conversation: Pick<ConversationSummary, 'sla'>, now: number): string | null {
  const held = slaHoldText(conversation);
  if (held !== null) return held;
  const resumes = slaPausedUntil(conversation.sla, now);
  return resumes === null ? null : `paused until ${shortTime(new Date(resumes).toISOString(), now)}`;
}

/** The same in the queue's 8-column due cell: "‖ 12m" held, "‖ 09:00" today, "‖ Mon" this week, "‖ 03-25" later. */
export function slaPausedCell(conversation: Pick<ConversationSummary, 'sla'>, now: number): string | null {
  // Held by an incident: the response's time left, frozen ("‖ 12m").
  const left = heldLeft(conversation);
  if (left !== null) return `‖ ${left <= 0 ? '-' : ''}${compactDuration(Math.abs(left))}`;
  const resumes = slaPausedUntil(conversation.sla, now);
  if (resumes === null) return null;
  const when = shortTime(new Date(resumes).toISOString(), now);
  return `‖ ${when.length <= 5 ? when : /^[A-Z]/.test(when) ? when.slice(0, 3) : when.slice(5, 10)}`;
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
