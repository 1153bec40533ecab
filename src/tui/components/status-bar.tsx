import { Box, Text } from 'ink';
import { sanitize } from '../../api/text/sanitize.js';
import { useStoreState } from '../hooks/use-store.js';
import { symbols, theme } from '../theme.js';

/** The bottom line: who is working, the connection, and the keys that matter on this screen. */
export function StatusBar({ hints, width }: { hints: string; width: number }) {
  const agent = useStoreState((s) => s.agent);
  const connection = useStoreState((s) => s.connection);
  const flash = useStoreState((s) => s.flash);
  const breached = useStoreState((s) => s.queue.data?.filter((c) => c.sla.breached).length ?? 0);
  return (
    <Box width={width} justifyContent="space-between">
      <Text wrap="truncate">
        <Text color={theme.accent}>{sanitize(agent.name, { multiline: false })}</Text>
        <Text color={theme.muted}> ({agent.role}) </Text>
        {connection === 'offline' ? <Text color={theme.danger}>{symbols.offline} offline </Text> : <Text color={theme.success}>● online </Text>}
        {breached > 0 ? <Text color={theme.danger}>{symbols.breached} {breached} breached </Text> : null}
        {flash ? <Text color={flash.kind === 'error' ? theme.danger : theme.accent}>{sanitize(flash.text, { multiline: false })}</Text> : null}
      </Text>
      <Text color={theme.muted} wrap="truncate">
        {hints}
      </Text>
    </Box>
  );
}
