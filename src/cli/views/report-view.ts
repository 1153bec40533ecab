import { stringify } from 'csv-stringify/sync';
import type { AgentsReport, ComplaintsReport, CsatReport, RefundsReport, ReportKind, ReportOf, SlaReport, VolumeReport } from '../../api/types.js';
import { displayMoney } from '../../api/money.js';
import { sanitize } from '../../api/text/sanitize.js';
import { renderTable, type Column } from '../output/table.js';
import { spreadsheetText } from '../output/spreadsheet-cell.js';
import { volumeHeatmap } from '../../api/text/volume-heatmap.js';

/** 90 s → "1m 30s", 5,400,000 → "1h 30m"; null → "—". */
export function duration(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m ${s % 60}s` : `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const num = (v: number | null) => (v === null ? '—' : String(v));

function heading(report: { range: SlaReport['range'] }, title: string): string {
  const r = report.range;
  return `${title}: ${r.from} to ${r.to} (${r.timeZone})${r.team ? `, team ${sanitize(r.team)}` : ''}, by ${r.by}`;
}

type ReportColumn<T> = Column<T> & { csv?: (row: T) => string | number | null };

/** The rows a kind prints as a table and as CSV: one kind, one table. */
interface Tabular {
  columns: ReportColumn<unknown>[];
  rows: unknown[];
}

/** Rows and their columns, typed together where they are written, read alike after. */
const tab = <T>(rows: T[], columns: ReportColumn<T>[]): Tabular => ({ rows, columns: columns as ReportColumn<unknown>[] });

function tableOf(kind: ReportKind, report: ReportOf[ReportKind]): Tabular {
  switch (kind) {
    case 'sla': {
      type Row = SlaReport['clocks'][number];
      const r = report as SlaReport;
      return tab<Row>(r.clocks, [
          { header: 'CLOCK', value: (c) => c.clock },
          { header: 'STOPPED', value: (c) => String(c.stopped), align: 'right', csv: (c) => c.stopped },
          { header: 'MET', value: (c) => String(c.met), align: 'right', csv: (c) => c.met },
          { header: 'ATTAINED', value: (c) => pct(c.attainment), align: 'right', csv: (c) => c.attainment },
          { header: 'P50', value: (c) => duration(c.p50Ms), align: 'right', csv: (c) => c.p50Ms },
          { header: 'P90', value: (c) => duration(c.p90Ms), align: 'right', csv: (c) => c.p90Ms },
          { header: 'P95', value: (c) => duration(c.p95Ms), align: 'right', csv: (c) => c.p95Ms },
        ]);
    }
    case 'volume': {
      const r = report as VolumeReport;
      type Row = VolumeReport['series'][number];
      return tab(r.series, [
          { header: r.range.by.toUpperCase(), value: (s: Row) => s.bucket },
          { header: 'CREATED', value: (s: Row) => String(s.created), align: 'right', csv: (s: Row) => s.created },
          { header: 'RESOLVED', value: (s: Row) => String(s.resolved), align: 'right', csv: (s: Row) => s.resolved },
        ]);
    }
    case 'agents': {
      type Row = AgentsReport['agents'][number];
      return tab((report as AgentsReport).agents, [
          { header: 'AGENT', value: (a: Row) => a.agent.name, flexible: true, csv: (a: Row) => spreadsheetText(a.agent.name) },
          { header: 'HANDLED', value: (a: Row) => String(a.handled), align: 'right', csv: (a: Row) => a.handled },
          { header: 'REPLIES', value: (a: Row) => String(a.replies), align: 'right', csv: (a: Row) => a.replies },
          { header: 'MEDIAN RESP', value: (a: Row) => duration(a.medianResponseMs), align: 'right', csv: (a: Row) => a.medianResponseMs },
          { header: 'CSAT', value: (a: Row) => (a.csat === null ? '—' : `${a.csat.toFixed(2)} (${a.ratings})`), align: 'right', csv: (a: Row) => a.csat },
          { header: 'REOPEN', value: (a: Row) => pct(a.reopenRate), align: 'right', csv: (a: Row) => a.reopenRate },
          { header: 'QUALITY', value: (a: Row) => (a.qualityScore === null ? '—' : `${a.qualityScore.toFixed(2)} (${a.reviews})`), align: 'right', csv: (a: Row) => a.qualityScore },
          ...(((report as AgentsReport).agents[0]?.quality ?? []).map((q, i) => ({
            header: q.criterion.toUpperCase(),
            value: (a: Row) => num(a.quality[i]?.average ?? null),
            align: 'right' as const,
            drop: 1,
            csv: (a: Row) => a.quality[i]?.average ?? null,
          }))),
        ]);
    }
    case 'csat': {
      type Row = CsatReport['series'][number];
      const r = report as CsatReport;
      return tab(r.series, [
          { header: r.range.by.toUpperCase(), value: (s: Row) => s.bucket },
          { header: 'SENT', value: (s: Row) => String(s.sent), align: 'right', csv: (s: Row) => s.sent },
          { header: 'ANSWERED', value: (s: Row) => String(s.answered), align: 'right', csv: (s: Row) => s.answered },
          { header: 'AVERAGE', value: (s: Row) => num(s.average), align: 'right', csv: (s: Row) => s.average },
        ]);
    }
    case 'complaints': {
      type Row = ComplaintsReport['series'][number];
      const r = report as ComplaintsReport;
      return tab(r.series, [
          { header: r.range.by.toUpperCase(), value: (s: Row) => s.bucket },
          { header: 'OPENED', value: (s: Row) => String(s.opened), align: 'right', csv: (s: Row) => s.opened },
          { header: 'ANSWERED', value: (s: Row) => String(s.answered), align: 'right', csv: (s: Row) => s.answered },
        ]);
    }
    case 'refunds': {
      type Row = RefundsReport['currencies'][number];
      return tab((report as RefundsReport).currencies, [
          { header: 'CURRENCY', value: (c: Row) => c.currency },
          { header: 'COUNT', value: (c: Row) => String(c.count), align: 'right', csv: (c: Row) => c.count },
          { header: 'AMOUNT', value: (c: Row) => displayMoney({ amount: c.amount, currency: c.currency }), align: 'right', csv: (c: Row) => c.amount },
          { header: 'SUCCEEDED', value: (c: Row) => `${c.succeeded} · ${displayMoney({ amount: c.succeededAmount, currency: c.currency })}`, align: 'right', csv: (c: Row) => c.succeeded },
          { header: 'PENDING', value: (c: Row) => String(c.pending), align: 'right', csv: (c: Row) => c.pending },
          { header: 'REJECTED', value: (c: Row) => String(c.rejected), align: 'right', csv: (c: Row) => c.rejected },
        ]);
    }
  }
}

/**
 * CSV of a report's table, with a header: the series per bucket (volume, csat, complaints, with the
 * SLA's per-clock rows), the agents, or the currencies. Numbers raw (milliseconds, minor units).
 */
export function reportCsv(kind: ReportKind, report: ReportOf[ReportKind]): string {
  if (kind === 'sla') {
    const r = report as SlaReport;
    return stringify([['bucket', 'start', 'clock', 'stopped', 'met', 'attainment'], ...r.series.map((s) => [s.bucket, s.start, s.clock, s.stopped, s.met, s.attainment ?? ''])]);
  }
  const { columns, rows } = tableOf(kind, report) ;
  const header = columns.map((c) => c.header.toLowerCase().replaceAll(' ', '_'));
  const body = rows.map((row) => columns.map((c) => (c.csv ? (c.csv(row) ?? '') : spreadsheetText(c.value(row)))));
  if (kind !== 'agents' && kind !== 'refunds') {
    header.splice(1, 0, 'start');
    body.forEach((line, i) => line.splice(1, 0, (rows[i] as { start: string }).start));
  }
  if (kind === 'refunds') {
    header.splice(3, 0, 'succeeded_amount');
    body.forEach((line, i) => line.splice(4, 0, (rows[i] as RefundsReport['currencies'][number]).succeededAmount));
  }
  return stringify([header, ...body]);
}

/** The report for people: a heading, its headline figures, its table, and the heatmap for volume. */
export function renderReport(kind: ReportKind, report: ReportOf[ReportKind]): string {
  const lines: string[] = [];
  const { columns, rows } = tableOf(kind, report) ;
  switch (kind) {
    case 'sla':
      lines.push(heading(report as SlaReport, 'SLA'));
      break;
    case 'volume': {
      const r = report as VolumeReport;
      lines.push(heading(r, 'Volume'), `created ${r.totals.created}, resolved ${r.totals.resolved}`, `answered automatically ${r.automatic.answered}, came back to an agent ${r.automatic.cameBack}`, '', ...volumeHeatmap(r.heatmap.weekdays, r.heatmap.cells), '');
      break;
    }
    case 'agents':
      lines.push(heading(report as AgentsReport, 'Agents'));
      break;
    case 'csat': {
      const t = (report as CsatReport).totals;
      const f = (report as CsatReport).followUps;
      lines.push(
        heading(report as CsatReport, 'CSAT'),
        `sent ${t.sent}, answered ${t.answered} (${pct(t.responseRate)}), average ${num(t.average)}, satisfied (4–5) ${pct(t.satisfied)}`,
        `ratings 1–5: ${t.distribution.join(' / ')}; follow-ups opened ${f.opened}, closed ${f.closed}`,
      );
      break;
    }
    case 'complaints': {
      const t = (report as ComplaintsReport).totals;
      lines.push(
        heading(report as ComplaintsReport, 'Complaints'),
        `opened ${t.opened}, answered ${t.answered}, within deadline ${t.answeredInTime} (${pct(t.inTime)})`,
        `second reviews ${t.secondReviews}: upheld ${t.upheld}, overturned ${t.overturned}, awaiting a decision ${t.awaitingReview}`,
      );
      break;
    }
    case 'refunds': {
      const a = (report as RefundsReport).approval;
      lines.push(
        heading(report as RefundsReport, 'Refunds'),
        `approvals: asked ${a.asked}, decided ${a.decided} (wait median ${duration(a.medianWaitMs)}, p90 ${duration(a.p90WaitMs)}, max ${duration(a.maxWaitMs)}), waiting ${a.waiting}${a.oldestWaitingSince ? ` since ${a.oldestWaitingSince}` : ''}`,
      );
      break;
    }
  }
  lines.push('');
  return lines.join('\n') + renderTable(columns, rows);
}
