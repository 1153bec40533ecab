import { Box, Text } from 'ink';
import { sanitize } from '../../../api/text/sanitize.js';
import { useStoreState } from '../hooks/use-store.js';
import { displayWidth, truncateToWidth } from '../../../api/text/width.js';
import { firstKey } from '../../input/keymap.js';
import { breachedCount, breachScope } from '../../state/queue-view.js';
import { isSupervisor } from '../../state/selectors.js';
import { symbols, theme } from '../theme.js';

const FLASH_MS = 6000;

/** The bottom line: who is working, the connection, the outbox, SLA breaches, and the keys that matter here. */
export function StatusBar({ hints, width, now }: { hints: string; width: number; now: number }) {
  const agent = useStoreState((s) => s.agent);
  const connection = useStoreState((s) => s.connection);
  const flash = useStoreState((s) => s.flash);
  const outbox = useStoreState((s) => s.outbox.length);
  const breached = useStoreState((s) => breachedCount(s, now));
  const scope = useStoreState((s) => breachScope(s.filter));
  // Supervisors: refunds waiting for their approval, kept live by the refund events.
  const toApprove = useStoreState((s) => (isSupervisor(s) ? s.approvals.data?.length : undefined));
  const logKey = useStoreState((s) => firstKey(s.commands, 'app.messages'));
  const showFlash = flash && now - flash.at < FLASH_MS;
  const name = sanitize(agent.name, { multiline: false });
  // While a message shows, who we are shortens to the name: the message gets the room.
  const who = showFlash ? ' ' : ` (${agent.role}, ${agent.availability}) `;
  const left = [
    `${name}${who}`,
    connection === 'online' ? '● connected ' : connection === 'reconnecting' ? '↻ reconnecting ' : `${symbols.offline} offline `,
    outbox > 0 ? `✉ ${outbox} waiting ` : '',
    breached > 0 ? `${symbols.breached} ${breached} breached${scope ? ` (${scope} only)` : ''} ` : '',
    toApprove ? `⚖ ${toApprove} to approve ` : '',
  ].join('');
  // A message longer than its room is cut with a pointer to the log, where it is whole.
  const room = width - displayWidth(left) - 1;
  const flashText = showFlash ? sanitize(flash.text, { multiline: false }) : '';
  const more = ` (${logKey}: more)`;
  const shownFlash = displayWidth(flashText) > room && room > displayWidth(more) + 10 ? `${truncateToWidth(flashText, room - displayWidth(more))}${more}` : flashText;
  return (
    <Box width={width} justifyContent="space-between">
      <Box flexShrink={0}>
      <Text wrap="truncate">
        <Text color={theme.accent}>{name}</Text>
        <Text dimColor>{who}</Text>
        {connection === 'online' ? (
          <Text color={theme.success}>● connected </Text>
        ) : connection === 'reconnecting' ? (
          <Text color={theme.warning}>↻ reconnecting </Text>
        ) : (
          <Text color={theme.danger}>{symbols.offline} offline </Text>
        )}
        {outbox > 0 ? <Text color={theme.warning}>✉ {outbox} waiting </Text> : null}
        {breached > 0 ? <Text color={theme.danger}>{symbols.breached} {breached} breached{scope ? ` (${scope} only)` : ''} </Text> : null}
        {toApprove ? <Text color={theme.warning}>⚖ {toApprove} to approve </Text> : null}
      </Text>
      </Box>
      <Box flexShrink={1} marginLeft={1}>
        {showFlash ? (
          <Text color={flash.kind === 'error' ? theme.danger : theme.accent} wrap="truncate">
            {shownFlash}
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
