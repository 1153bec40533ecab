import type { ReportKind } from '../../api/schemas/report.js';
import type { LoadedReport, ReportPeriod } from '../state/types.js';
import type { EffectContext } from './context.js';
import { messageOf } from './errors.js';

const DAY_MS = 86_400_000;

/** Today in the zone, and the day `days - 1` before it: the last `days` days, today included. */
export function periodRange(days: ReportPeriod, timeZone: string, now: number): { from: string; to: string } {
  const to = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from, to };
}

/**
 * The reports screen's fetch: the chosen report over the chosen period, in this computer's time zone
 * (as the CLI's `support report`), by day up to 30 days and by week over 90. An answer that arrives
 * after the choice moved on is dropped: the screen shows only what it asked for last.
 */
export function createReportEffects(ctx: EffectContext) {
  const { store, client } = ctx;
  // Asked when a report is first loaded: setting up ICU's date formatting costs milliseconds that the
  // workspace's first frame would otherwise pay for a screen it has not opened.
  let zone: string | undefined;
  const timeZone = () => (zone ??= Intl.DateTimeFormat().resolvedOptions().timeZone);

  async function loadReport(): Promise<void> {
    const { kind, days, team } = store.getState().reports;
    const current = () => {
      const r = store.getState().reports;
      return r.kind === kind && r.days === days && r.team === team;
    };
    store.update((s) => ({ reports: { ...s.reports, report: { ...s.reports.report, status: 'loading' } } }));
    try {
      const report = await client.reports.get(kind, { ...periodRange(days, timeZone(), Date.now()), tz: timeZone(), by: days > 30 ? 'week' : 'day', ...(team ? { team } : {}) });
      if (ctx.disposed() || !current()) return;
      const loaded = { kind, days, team, report } as LoadedReport;
      store.update((s) => ({ reports: { ...s.reports, report: { status: 'ready', data: loaded } } }));
    } catch (error) {
      if (ctx.disposed() || !current()) return;
      store.update((s) => ({ reports: { ...s.reports, report: { ...s.reports.report, status: 'error', error: messageOf(error) } } }));
    }
  }

  /** Another report, period or team: the screen says so at once, then shows it when it comes. */
  function chooseReport(change: { kind?: ReportKind; days?: ReportPeriod; team?: string | null }): Promise<void> {
    store.update((s) => ({ reports: { ...s.reports, ...change } }));
    return loadReport();
  }

  /** The desk's teams for the team key, once per session; without them the key says why. */
  async function loadReportTeams(): Promise<void> {
    if (store.getState().reports.teams) return;
    try {
      const teams = (await client.teams.list()).map((t) => t.name).sort();
      if (!ctx.disposed()) store.update((s) => ({ reports: { ...s.reports, teams } }));
    } catch (error) {
      if (!ctx.disposed()) ctx.flash(`Could not list the teams: ${messageOf(error)}`, 'error');
    }
  }

  return { loadReport, chooseReport, loadReportTeams };
}
