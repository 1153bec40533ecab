import { Box, Text } from 'ink';
import { sanitize } from '../../api/text/sanitize.js';
import { useStoreState } from '../hooks/use-store.js';
import { breachedCount, breachScope } from '../queue-view.js';
import { symbols, theme } from '../theme.js';

const FLASH_MS = 6000;

/** The bottom line: who is working, the connection, the outbox, SLA breaches, and the keys that matter here. */
export function StatusBar({ hints, width, now }: { hints: string; width: number; now: number }) {
  const agent = useStoreState((s) => s.agent);
  const connection = useStoreState((s) => s.connection);
  const flash = useStoreState((s) => s.flash);
  const outbox = useStoreState((s) => s.outbox.length);
  const breached = useStoreState(breachedCount);
  const scope = useStoreState((s) => breachScope(s.filter));
  const showFlash = flash && now - flash.at < FLASH_MS;
  return (
    <Box width={width} justifyContent="space-between">
      <Box flexShrink={0}>
      <Text wrap="truncate">
        <Text color={theme.accent}>{sanitize(agent.name, { multiline: false })}</Text>
        <Text dimColor> ({agent.role}, {agent.availability}) </Text>
        {connection === 'online' ? (
          <Text color={theme.success}>● connected </Text>
        ) : connection === 'reconnecting' ? (
          <Text color={theme.warning}>↻ reconnecting </Text>
        ) : (
          <Text color={theme.danger}>{symbols.offline} offline </Text>
        )}
        {outbox > 0 ? <Text color={theme.warning}>✉ {outbox} waiting </Text> : null}
        {breached > 0 ? <Text color={theme.danger}>{symbols.breached} {breached} breached{scope ? ` (${scope} only)` : ''} </Text> : null}
      </Text>
      </Box>
      <Box flexShrink={1} marginLeft={1}>
        {showFlash ? (
          <Text color={flash.kind === 'error' ? theme.danger : theme.accent} wrap="truncate">
            {sanitize(flash.text, { multiline: false })}
          </Text>
        ) : (
          <Text dimColor wrap="truncate">
            {hints}
          </Text>
        )}
      </Box>
    </Box>
  );
}
