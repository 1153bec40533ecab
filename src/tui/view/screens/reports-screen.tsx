import { Box, Text } from 'ink';
import { REPORT_KINDS } from '../../../api/enums.js';
import { sanitize } from '../../../api/text/sanitize.js';
import { firstKey, type CommandId } from '../../input/keymap.js';
import { REPORT_PERIODS } from '../../state/types.js';
import { useStoreState } from '../hooks/use-store.js';
import { theme } from '../theme.js';
import { reportLines } from './report-lines.js';

const KIND_COMMAND = { sla: 'reports.sla', volume: 'reports.volume', agents: 'reports.agents', csat: 'reports.csat', complaints: 'reports.complaints', refunds: 'reports.refunds' } as const;

/**
 * Supervisors: the reports. A line of the kinds (the chosen one in brackets, so it reads without
 * colour) and of the periods, then the chosen report's figures (report-lines.ts); what does not fit
 * the height is cut at the bottom. While another report loads, the last one stays, marked as such.
 */
export function ReportsScreen({ width, height }: { width: number; height: number }) {
  const reports = useStoreState((s) => s.reports);
  const commands = useStoreState((s) => s.commands);
  const k = (id: CommandId) => firstKey(commands, id);
  const kinds = REPORT_KINDS.map((kind) => (kind === reports.kind ? `[${k(KIND_COMMAND[kind])} ${kind}]` : ` ${k(KIND_COMMAND[kind])} ${kind} `)).join('');
  const periods = REPORT_PERIODS.map((d) => (d === reports.days ? `[${d}d]` : ` ${d}d `)).join('');
  const loaded = reports.report.data;
  const current = loaded && loaded.kind === reports.kind && loaded.days === reports.days && loaded.team === reports.team;
  const status =
    reports.report.status === 'error'
      ? `Could not load the report: ${reports.report.error} · ${k('reports.refresh')} tries again`
      : reports.report.status === 'loading'
        ? current
          ? 'Reloading…'
          : `Loading the ${reports.kind} report over ${reports.days} days${reports.team === null ? '' : ` for ${sanitize(reports.team, { multiline: false })}`}…`
        : '';
  const body = loaded && current ? reportLines(loaded, width) : [];
  return (
    <Box height={height} flexDirection="column">
      <Text wrap="truncate">
        <Text bold>Reports </Text>
        {kinds}
      </Text>
      <Text wrap="truncate">
        period{periods} · team [{reports.team === null ? 'whole desk' : sanitize(reports.team, { multiline: false })}]{' '}
        <Text dimColor>
          · {k('reports.nextPeriod')} next period · {k('reports.nextTeam')} next team · {k('reports.back')} back
        </Text>
      </Text>
      {status ? (
        <Text wrap="truncate" color={reports.report.status === 'error' ? theme.danger : undefined} dimColor={reports.report.status !== 'error'}>
          {status}
        </Text>
      ) : null}
      {body.slice(0, Math.max(0, height - (status ? 3 : 2))).map((line, i) => (
        <Text key={i} bold={line.heading} wrap="truncate">
          {line.text || ' '}
        </Text>
      ))}
    </Box>
  );
}
