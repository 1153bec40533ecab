import { Box, Text } from 'ink';
import { displayMoney } from '../../api/money.js';
import { slaCountdown } from '../../api/text/durations.js';
import { sanitize } from '../../api/text/sanitize.js';
import { Composer, composerHeight } from '../components/composer.js';
import { MessageList } from '../components/message-list.js';
import { useStoreState } from '../hooks/use-store.js';
import { draftOf } from '../store.js';
import { symbols, theme } from '../theme.js';

const one = (text: string) => sanitize(text, { multiline: false });

/** A conversation: who and what it is about, the wallet's state, the messages, and the reply box. */
export function ConversationScreen({ id, width, height, top, now }: { id: number; width: number; height: number; top: number; now: number }) {
  const entry = useStoreState((s) => s.conversations[id]);
  const scroll = useStoreState((s) => s.scroll[id] ?? 0);
  const draft = useStoreState((s) => draftOf(s, id));
  const kind = useStoreState((s) => s.composeKind[id] ?? 'reply');
  const sending = useStoreState((s) => s.sending[id] ?? false);
  const sendError = useStoreState((s) => s.sendError[id]);
  const outbox = useStoreState((s) => s.outbox);
  const waiting = outbox.filter((e) => e.conversationId === id);
  const detail = entry?.data;

  const maxLines = Math.min(6, Math.max(1, Math.floor(height / 5)));
  const extra = (sending ? 1 : 0) + (sendError ? 1 : 0);
  const boxHeight = composerHeight(draft, width, maxLines, extra);
  const composer = <Composer state={draft} kind={kind} width={width} top={top + height - boxHeight} sending={sending} error={sendError} maxLines={maxLines} />;

  if (!detail) {
    return (
      <Box flexDirection="column" height={height}>
        <Box height={height - boxHeight} flexDirection="column">
          {entry?.status === 'error' ? (
            <Text color={theme.danger}>Could not open conversation #{id}: {entry.error} (Esc goes back)</Text>
          ) : (
            <Text dimColor>Opening conversation #{id}…</Text>
          )}
        </Box>
        {composer}
      </Box>
    );
  }
  const c = detail.conversation;
  const sla = c.sla.dueAt ? (c.sla.breached ? `${symbols.breached} SLA breached ${slaCountdown(c, now)}` : `${symbols.running} due in ${slaCountdown(c, now)}`) : `${symbols.noClock} no SLA clock`;
  const waitingLines = waiting.length ? 1 : 0;
  const headerHeight = 3 + (entry.status === 'error' ? 1 : 0) + waitingLines;
  return (
    <Box flexDirection="column" height={height}>
      <Text bold wrap="truncate">
        #{c.id} {one(c.subject)}
      </Text>
      <Text wrap="truncate">
        <Text color={c.sla.breached ? theme.danger : undefined}>{sla}</Text>
        <Text dimColor>
          {' · '}
          {c.status} · {c.priority} · {c.channel} · {c.category.replace('_', ' ')} · {c.assignee ? `assigned to ${one(c.assignee.name)}` : 'unassigned'}
          {c.tags.length ? ` · ${c.tags.map((t) => `#${t}`).join(' ')}` : ''}
        </Text>
      </Text>
      <Text wrap="truncate">
        <Text color={theme.accent}>{one(detail.customer.name)}</Text>
        <Text dimColor>
          {' '}
          {detail.customer.id} · KYC {detail.customer.kycLevel} · 2FA {detail.customer.twoFactorEnabled ? 'on' : 'off'}
        </Text>
        {detail.accounts.map((a) => (
          <Text key={a.id}>
            {'  '}
            {a.status === 'active' ? (
              <Text color={theme.success}>● {displayMoney(a.balance)}</Text>
            ) : (
              <Text color={theme.danger} bold>
                {symbols.frozen} {a.status.toUpperCase()} {displayMoney(a.balance)}
              </Text>
            )}
          </Text>
        ))}
      </Text>
      {entry.status === 'error' ? <Text color={theme.danger}>Could not refresh: {entry.error}</Text> : null}
      {waiting.length ? (
        <Text color={theme.warning} wrap="truncate">
          ✉ {waiting.length} message{waiting.length === 1 ? '' : 's'} waiting to be sent when the connection returns
        </Text>
      ) : null}
      <MessageList messages={detail.messages} width={width} height={Math.max(1, height - headerHeight - boxHeight)} scroll={scroll} now={now} />
      {composer}
    </Box>
  );
}
