import { barChart, sparkline } from '../../../api/text/charts.js';
import { compactDuration } from '../../../api/text/durations.js';
import { sanitize } from '../../../api/text/sanitize.js';
import { fitToWidth } from '../../../api/text/width.js';
import { volumeHeatmap } from '../../../api/text/volume-heatmap.js';
import { displayMoney } from '../../../api/money.js';
import type { LoadedReport } from '../../state/types.js';

/** One line of the reports screen; a heading is drawn bold. */
export interface ReportLine {
  text: string;
  heading?: boolean;
}

const clean = (text: string) => sanitize(text, { multiline: false });
const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const ms = (v: number | null) => (v === null ? '—' : compactDuration(v));
const mean = (v: number | null, count: number) => (v === null ? '—' : `${v.toFixed(2)} (${count})`);
const head = (text: string): ReportLine => ({ text, heading: true });
const plain = (lines: string[]): ReportLine[] => lines.map((text) => ({ text }));

/** A table of fixed right-aligned columns after a first column that takes the width left (8 at least). */
function table(headers: string[], rows: string[][], width: number): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const rest = widths.slice(1).reduce((sum, w) => sum + w + 1, 0);
  widths[0] = Math.max(8, Math.min(widths[0]!, width - rest));
  const line = (cells: string[]) => cells.map((c, i) => fitToWidth(c, widths[i]!, i === 0 ? 'left' : 'right')).join(' ');
  return [line(headers), ...rows.map(line)];
}

/**
 * The figures of one report as lines of at most `width` columns, every number written out (the bars
 * and shades only repeat them), names and team from the server through the sanitizer.
 */
export function reportLines(loaded: LoadedReport, width: number): ReportLine[] {
  const r = loaded.report;
  const range = `${r.range.from} to ${r.range.to} (${clean(r.range.timeZone)})${r.range.team ? `, team ${clean(r.range.team)}` : ''}, by ${r.range.by}`;
  const lines: ReportLine[] = [{ text: range }, { text: '' }];
  switch (loaded.kind) {
    case 'sla': {
      const clocks = loaded.report.clocks;
      lines.push(head('SLA attained per clock (met / stopped)'));
      lines.push(...plain(barChart(clocks.map((c) => ({ label: c.clock.replaceAll('_', ' '), value: c.attainment ?? 0, text: `${pct(c.attainment)} ${c.met}/${c.stopped}` })), width, { max: 100 })));
      lines.push({ text: '' }, head('Times to stop the clock'));
      lines.push(...plain(table(['clock', 'p50', 'p90', 'p95'], clocks.map((c) => [c.clock.replaceAll('_', ' '), ms(c.p50Ms), ms(c.p90Ms), ms(c.p95Ms)]), width)));
      break;
    }
    case 'volume': {
      const v = loaded.report;
      lines.push(head(`Conversations: created ${v.totals.created}, resolved ${v.totals.resolved}`));
      const created = v.series.map((s) => s.created);
      if (created.length) lines.push({ text: `created by ${v.range.by} (max ${Math.max(...created)}): ${sparkline(created)}` });
      lines.push({ text: '' }, head('Created by weekday × hour'), ...plain(volumeHeatmap(v.heatmap.weekdays, v.heatmap.cells)));
      break;
    }
    case 'agents': {
      const agents = loaded.report.agents;
      lines.push(head(`Agents (${agents.length})`));
      if (agents.length === 0) lines.push({ text: 'No agent worked in this period.' });
      else
        lines.push(
          ...plain(
            table(
              ['agent', 'handled', 'replies', 'median', 'csat', 'reopen', 'quality'],
              agents.map((a) => [clean(a.agent.name), String(a.handled), String(a.replies), ms(a.medianResponseMs), mean(a.csat, a.ratings), pct(a.reopenRate), mean(a.qualityScore, a.reviews)]),
              width,
            ),
          ),
        );
      break;
    }
    case 'csat': {
      const { totals: t, followUps: f, series } = loaded.report;
      lines.push(head(`Surveys: sent ${t.sent}, answered ${t.answered} (${pct(t.responseRate)}), average ${t.average ?? '—'}, satisfied (4–5) ${pct(t.satisfied)}`));
      lines.push({ text: `follow-ups for ratings 1–2: opened ${f.opened}, closed ${f.closed}` }, { text: '' }, head('Ratings'));
      lines.push(...plain(barChart(t.distribution.map((n, i) => ({ label: `${i + 1}/5`, value: n })), width)));
      const answered = series.map((s) => s.answered);
      if (answered.length) lines.push({ text: '' }, { text: `answered by ${loaded.report.range.by} (max ${Math.max(...answered)}): ${sparkline(answered)}` });
      break;
    }
    case 'complaints': {
      const t = loaded.report.totals;
      lines.push(head(`Complaints: opened ${t.opened}, answered ${t.answered}`));
      lines.push(...plain(barChart([{ label: 'within deadline', value: t.inTime ?? 0, text: `${pct(t.inTime)} ${t.answeredInTime}/${t.answered}` }], width, { max: 100 })));
      lines.push({ text: '' }, head(`Second reviews: ${t.secondReviews}`));
      lines.push(...plain(barChart([{ label: 'upheld', value: t.upheld }, { label: 'overturned', value: t.overturned }, { label: 'awaiting', value: t.awaitingReview }], width)));
      break;
    }
    case 'refunds': {
      const { currencies, approval: a } = loaded.report;
      lines.push(head('Refunds by currency'));
      if (currencies.length === 0) lines.push({ text: 'No refunds in this period.' });
      else
        lines.push(
          ...plain(
            table(
              ['currency', 'count', 'amount', 'succeeded', 'pending', 'rejected'],
              currencies.map((c) => [c.currency, String(c.count), displayMoney({ amount: c.amount, currency: c.currency }), String(c.succeeded), String(c.pending), String(c.rejected)]),
              width,
            ),
          ),
        );
      lines.push({ text: '' }, head('Approvals'));
      lines.push({ text: `asked ${a.asked}, decided ${a.decided}, waiting ${a.waiting}${a.oldestWaitingSince ? ` since ${a.oldestWaitingSince.slice(0, 16).replace('T', ' ')}` : ''}` });
      lines.push({ text: `wait: median ${ms(a.medianWaitMs)}, p90 ${ms(a.p90WaitMs)}, longest ${ms(a.maxWaitMs)}` });
      break;
    }
  }
  return lines;
}
