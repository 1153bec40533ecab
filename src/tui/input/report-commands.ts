import type { ReportKind } from '../../api/schemas/report.js';
import { isSupervisor } from '../state/selectors.js';
import { REPORT_PERIODS, type ReportsScreen } from '../state/types.js';
import type { CommandContext } from './command-context.js';
import type { CommandId } from './keymap.js';

const KIND_OF: Partial<Record<CommandId, ReportKind>> = {
  'reports.sla': 'sla',
  'reports.volume': 'volume',
  'reports.agents': 'agents',
  'reports.csat': 'csat',
  'reports.complaints': 'complaints',
  'reports.refunds': 'refunds',
};

/** The reports screen, from the queue or the board (Esc returns there); refused to agents, as the board is. */
export function openReports(ctx: CommandContext, back: ReportsScreen['back']): void {
  const { store, actions } = ctx;
  if (!isSupervisor(store.getState())) {
    actions.flash('Reports are for supervisors and admins; `support report agents` shows your own stats', 'error');
    return;
  }
  store.update(() => ({ screen: { name: 'reports', back } }));
  void actions.loadReport();
  void actions.loadReportTeams();
}

/** The reports screen's commands: a report kind each (1–6 or its letter), the period (p / P), reload, back. */
export function runReportCommand(id: CommandId, ctx: CommandContext): void {
  const { store, actions } = ctx;
  const state = store.getState();
  const kind = KIND_OF[id];
  if (kind) {
    void actions.chooseReport({ kind });
    return;
  }
  const at = REPORT_PERIODS.indexOf(state.reports.days);
  switch (id) {
    case 'reports.nextPeriod':
      void actions.chooseReport({ days: REPORT_PERIODS[(at + 1) % REPORT_PERIODS.length]! });
      return;
    case 'reports.previousPeriod':
      void actions.chooseReport({ days: REPORT_PERIODS[(at + REPORT_PERIODS.length - 1) % REPORT_PERIODS.length]! });
      return;
    case 'reports.nextTeam': {
      const teams = state.reports.teams;
      if (!teams?.length) {
        actions.flash(teams ? 'The desk has no teams' : 'The teams are still loading', 'error');
        return;
      }
      // null (the whole desk) first, then each team in turn, then the whole desk again.
      const steps = [null, ...teams];
      void actions.chooseReport({ team: steps[(steps.indexOf(state.reports.team) + 1) % steps.length]! });
      return;
    }
    case 'reports.refresh':
      void actions.loadReport();
      return;
    case 'reports.back':
      if (state.screen.name === 'reports') {
        const back = state.screen.back;
        store.update(() => ({ screen: back }));
      }
      return;
    default:
      return;
  }
}
