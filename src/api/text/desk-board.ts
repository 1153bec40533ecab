import { displayMoney } from '../money.js';
import type { DeskAgent, DeskSnapshot } from '../types.js';
import { bar, barChart, columnChart } from './charts.js';
import { compactDuration } from './durations.js';
import { sanitize } from './sanitize.js';
import { displayWidth, fitToWidth } from './width.js';

/**
 * The supervisor board as lines of text, for `support desk` and the workspace's desk screen alike:
 * every figure written out, the pictures beside them (charts.ts), nothing that depends on colour.
 */

export const CLOCK_LABELS = { first_response: 'first response', next_response: 'next response', resolution: 'resolution' } as const;
const CLOCKS = ['first_response', 'next_response', 'resolution'] as const;

const clean = (text: string) => sanitize(text, { multiline: false });
const ago = (iso: string | null, now: number) => (iso ? compactDuration(now - Date.parse(iso)) : '—');
const pct = (p: number | null) => (p === null ? '—' : `${p.toFixed(1)} %`);
const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);

const NAME = 18;
const STATE = 14;
const LOAD = 13;
const IN = 15;

export function agentHeader(): string {
  return `${fitToWidth('AGENT', NAME)} ${fitToWidth('STATE', STATE)} ${fitToWidth('LOAD', LOAD)} ${fitToWidth('IN', IN)} REPLIES/H`;
}

/** "Ayu Lestari        online 2h05m   ███▍ 2/8      #14 viewing      2". An agent over capacity is marked "!". */
export function agentLine(agent: DeskAgent, now: number): string {
  const state = `${agent.availability} ${ago(agent.availabilitySince, now)}`;
  const full = agent.load >= agent.capacity;
  const load = `${fitToWidth(bar(agent.load, Math.max(agent.capacity, agent.load), 5), 5)} ${agent.load}/${agent.capacity}${full ? '!' : ''}`;
  const current = agent.current ? `#${agent.current.conversationId} ${agent.current.state}` : '—';
  return `${fitToWidth(clean(agent.name), NAME)} ${fitToWidth(state, STATE)} ${fitToWidth(load, LOAD)} ${fitToWidth(current, IN)} ${String(agent.repliesLastHour).padStart(9)}`;
}

export interface DeskSection {
  title: string;
  lines: string[];
}

/** Every section but the agents, each fitted to `width` columns (80 and up read best). */
export function deskSections(board: DeskSnapshot, now: number, width: number): DeskSection[] {
  const half = Math.max(30, Math.floor((width - 2) / 2));
  const byTwo = (left: string[], right: string[]) =>
    Array.from({ length: Math.max(left.length, right.length) }, (_, i) => `${fitToWidth(left[i] ?? '', half)}  ${right[i] ?? ''}`.trimEnd());
  const chart = (title: string, rows: { key: string; count: number }[]) => [title, ...(rows.length ? barChart(rows.map((r) => ({ label: clean(r.key), value: r.count })), half - 2).map((l) => `  ${l}`) : ['  (none)'])];

  const q = board.queue;
  const oldest = q.oldestWaiting ? `oldest #${q.oldestWaiting.conversationId} waiting ${ago(q.oldestWaiting.since, now)}` : 'nobody waiting';
  const queue: DeskSection = {
    title: `Queue: ${q.waiting} waiting · ${oldest}`,
    lines: [...byTwo(chart('by team', q.byTeam), chart('by priority', q.byPriority)), ...byTwo(chart('by channel', q.byChannel), chart('by category', q.byCategory))],
  };

  const sla: DeskSection = {
    title: 'SLA now (running clocks)',
    lines: CLOCKS.map((c) => `${fitToWidth(CLOCK_LABELS[c], 15)} ! at risk ${String(board.sla[c].atRisk).padStart(5)}   ✗ breached ${String(board.sla[c].breached).padStart(5)}`),
  };

  const t = board.today;
  const today: DeskSection = {
    title: `Today since ${t.since.slice(0, 16).replace('T', ' ')} UTC (${t.timeZone})`,
    lines: [
      ...barChart(
        CLOCKS.map((c) => ({ label: `${CLOCK_LABELS[c]} attained`, value: t.sla[c].attainedPercent ?? 0, text: `${pct(t.sla[c].attainedPercent)} (${t.sla[c].met} met, ${t.sla[c].missed} missed)` })),
        Math.min(width, 78),
        { max: 100 },
      ),
      `first response: median ${t.firstResponse.medianMs === null ? '—' : compactDuration(t.firstResponse.medianMs)}, p90 ${t.firstResponse.p90Ms === null ? '—' : compactDuration(t.firstResponse.p90Ms)} (${t.firstResponse.count} answered)`,
      `resolved ${t.resolved} · reopened ${t.reopened} · reopen rate ${pct(t.reopenRatePercent)}`,
      `CSAT ${t.csat.average === null ? '—' : t.csat.average.toFixed(2)} of 5 · ${pct(t.csat.satisfiedPercent)} rated 4-5 (${t.csat.answered} answered)`,
    ],
  };

  const v = board.volume;
  const from = Date.parse(v.from);
  const bucketMs = v.bucketMinutes * 60_000;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const max = Math.max(1, ...v.incoming, ...v.resolved);
  const axisPad = String(max).length + 2;
  const axis = `${' '.repeat(axisPad)}${fitToWidth(hhmm(from), Math.max(0, v.incoming.length - 5))}${hhmm(from + (v.incoming.length - 1) * bucketMs)}`;
  const volume: DeskSection = {
    title: `Last 12 hours per ${v.bucketMinutes} minutes`,
    lines: [
      `incoming ${sum(v.incoming)} (most in 15 min: ${Math.max(0, ...v.incoming)}, now: ${v.incoming.at(-1) ?? 0})`,
      ...columnChart(v.incoming, 3, { max }),
      axis,
      `resolved ${sum(v.resolved)} (most in 15 min: ${Math.max(0, ...v.resolved)}, now: ${v.resolved.at(-1) ?? 0})`,
      ...columnChart(v.resolved, 3, { max }),
      axis,
    ],
  };

  const c = board.complaints;
  const complaints: DeskSection = {
    title: `Complaints near their deadline (24 h): ${c.nearDeadline}`,
    lines: c.first.map((x) => {
      const left = Date.parse(x.replyBy) - now;
      return `${clean(x.number)}  #${x.conversationId}  ${fitToWidth(x.status, 13)} ${left <= 0 ? `✗ overdue ${compactDuration(-left)}` : `due in ${compactDuration(left)}`}`;
    }),
  };

  const r = board.refunds;
  const refunds: DeskSection = {
    title: `Refunds waiting for approval: ${r.waiting}${r.oldest ? ` · oldest ${ago(r.oldest, now)}` : ''}`,
    lines: r.totals.map((x) => `${displayMoney({ amount: x.amount, currency: x.currency })} in ${x.count}`),
  };

  const incidents: DeskSection = {
    title: `Active incidents: ${board.incidents.length}`,
    lines: board.incidents.map((i) => {
      const eta = i.expectedEndAt ? ` · ETA ${i.expectedEndAt.slice(0, 16).replace('T', ' ')} UTC` : '';
      return `⚠ ${i.id} ${clean(i.title)} · since ${ago(i.startedAt, now)}${eta} · ${i.linkedCount} linked, ${i.openLinkedCount} open`;
    }),
  };

  return [queue, sla, today, volume, complaints, refunds, incidents].map((s) => ({ title: s.title, lines: s.lines.map((l) => (displayWidth(l) > width ? fitToWidth(l, width) : l)) }));
}
