import { Box, Text } from 'ink';
import { displayMoney } from '../../../api/money.js';
import { slaState } from '../../../api/sla-state.js';
import { slaCountdown, slaDueText } from '../../../api/text/durations.js';
import { sanitize } from '../../../api/text/sanitize.js';
import type { ConversationSummary } from '../../../api/types.js';
import { Composer, composerHeight } from '../components/composer.js';
import { CustomerPanel } from '../components/customer-panel.js';
import { earlierConversationLines } from '../components/message-lines.js';
import { MessageList } from '../components/message-list.js';
import { SuggestionStrip, suggestionStripHeight } from '../components/suggestion-strip.js';
import { useStoreState } from '../hooks/use-store.js';
import { firstKey } from '../../input/keymap.js';
import { conversationNeighbours } from '../../state/conversation-history.js';
import { panelShown, panelWidth } from '../../state/layout.js';
import { currentWallet, draftOf } from '../../state/selectors.js';
import { symbols, theme } from '../theme.js';

const one = (text: string) => sanitize(text, { multiline: false });
const NONE: ConversationSummary[] = [];


/**
 * A conversation: who and what it is about, the wallet's state, who else is here, the messages, the
 * reply box, and the customer panel beside it. Reading keys act on the conversation; Enter (or i, N)
 * moves the keys into the reply box, Esc moves them back.
 */
export function ConversationScreen({ id, width, height, top, now }: { id: number; width: number; height: number; top: number; now: number }) {
  const entry = useStoreState((s) => s.conversations[id]);
  const scroll = useStoreState((s) => s.scroll[id] ?? 0);
  const draft = useStoreState((s) => draftOf(s, id));
  const kind = useStoreState((s) => s.composeKind[id] ?? 'reply');
  const composing = useStoreState((s) => s.composing);
  const sending = useStoreState((s) => s.sending[id] ?? false);
  const sendError = useStoreState((s) => s.sendError[id]);
  const outbox = useStoreState((s) => s.outbox);
  const presence = useStoreState((s) => s.presence[id]);
  const me = useStoreState((s) => s.agent.id);
  const panelMode = useStoreState((s) => s.panel);
  const customers = useStoreState((s) => s.customers);
  const commands = useStoreState((s) => s.commands);
  const wallets = useStoreState((s) => s.wallets);
  const suggestions = useStoreState((s) => s.suggestions[id]);
  const incident = useStoreState((s) => s.incidentOf[id]);
  const detail = entry?.data;
  // Only once the whole thread is here: the separators sit above its oldest message.
  const timelines = useStoreState((s) => s.customerConversations);
  const earlier = entry?.historyComplete ? conversationNeighbours({ conversations: { [id]: entry }, customers, customerConversations: timelines }, id).earlier : NONE;
  const waiting = outbox.filter((e) => e.conversationId === id);
  const others = (presence ?? []).filter((p) => p.agent.id !== me);

  const showPanel = panelShown(panelMode, width);
  const sideWidth = showPanel ? panelWidth(width) : 0;
  const mainWidth = width - sideWidth;

  const maxLines = Math.min(6, Math.max(1, Math.floor(height / 5)));
  const extra = (sending ? 1 : 0) + (sendError ? 1 : 0);
  const boxHeight = composerHeight(draft, mainWidth, maxLines, extra);
  const composer = (
    <Composer state={draft} kind={kind} focused={composing} width={mainWidth} top={top + height - boxHeight} sending={sending} error={sendError} maxLines={maxLines} commands={commands} />
  );
  const panel = showPanel ? <CustomerPanel context={detail ? customers[detail.customer.id] : undefined} width={sideWidth} height={height} now={now} /> : null;

  if (!detail) {
    return (
      <Box height={height}>
        <Box flexDirection="column" width={mainWidth} height={height}>
          <Box height={height - boxHeight} flexDirection="column">
            {entry?.status === 'error' ? (
              <Text color={theme.danger}>Could not open conversation #{id}: {entry.error} ({firstKey(commands, 'conversation.back')} goes back)</Text>
            ) : (
              <Text dimColor>Opening conversation #{id}…</Text>
            )}
          </Box>
          {composer}
        </Box>
        {panel}
      </Box>
    );
  }
  const c = detail.conversation;
  const state = slaState(c.sla, now);
  const sla =
    state === 'none'
      ? `${symbols.noClock} no SLA clock`
      : state === 'breached'
        ? `${symbols.breached} SLA breached ${slaCountdown(c, now)}`
        : `${state === 'warning' ? '!' : symbols.running} ${slaDueText(c, now)}`;
  const headerHeight = 3 + (entry.status === 'error' ? 1 : 0) + (waiting.length ? 1 : 0) + (others.length ? 1 : 0);
  // The suggestions give way to the thread when the screen is short.
  const stripHeight = height - headerHeight - boxHeight >= 8 ? suggestionStripHeight(suggestions) : 0;
  return (
    <Box height={height}>
      <Box flexDirection="column" width={mainWidth} height={height}>
        <Text bold wrap="truncate">
          #{c.id} {one(c.subject)}
          {detail.complaint ? <Text color={theme.warning}> · complaint {detail.complaint.number} ({detail.complaint.status})</Text> : null}
          {detail.satisfaction ? <Text color={detail.satisfaction.rating <= 2 ? theme.danger : theme.muted}> · rated {detail.satisfaction.rating}/5</Text> : null}
          {incident ? <Text color={theme.warning}> · ⚠ incident {incident.id}: {one(incident.title)}{incident.status === 'resolved' ? ' (resolved)' : ''}</Text> : null}
        </Text>
        <Text wrap="truncate">
          <Text color={state === 'breached' ? theme.danger : state === 'warning' ? theme.warning : undefined}>{sla}</Text>
          <Text dimColor>
            {' · '}
            {c.status} · {c.priority} · {c.channel} · {c.category.replace('_', ' ')} · {c.assignee ? `assigned to ${one(c.assignee.name)}` : 'unassigned'}
            {c.team ? ` · team ${one(c.team)}` : ''}
            {c.tags.length ? ` · ${c.tags.map((t) => `#${t}`).join(' ')}` : ''}
          </Text>
        </Text>
        <Text wrap="truncate">
          <Text color={theme.accent}>{one(detail.customer.name)}</Text>
          <Text dimColor> {detail.customer.id}</Text>
          {detail.accounts.map((listed) => currentWallet({ wallets }, listed)).map((a) => (
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
        {others.length ? (
          <Text color={theme.warning} wrap="truncate">
            👁 {others.map((p) => `${one(p.agent.name)} is ${p.state === 'typing' ? 'typing…' : 'viewing'}`).join(' · ')}
          </Text>
        ) : null}
        {entry.status === 'error' ? <Text color={theme.danger}>Could not refresh: {entry.error}</Text> : null}
        {waiting.length ? (
          <Text color={theme.warning} wrap="truncate">
            ✉ {waiting.length} message{waiting.length === 1 ? '' : 's'} waiting to be sent when the connection returns
          </Text>
        ) : null}
        <MessageList
          before={earlierConversationLines(earlier, now, `${firstKey(commands, 'conversation.earlier')} ${firstKey(commands, 'conversation.later')} jump`)}
          messages={detail.messages} waiting={waiting} waitingHint={`${firstKey(commands, 'conversation.editWaiting')} edit · ${firstKey(commands, 'conversation.cancelWaiting')} cancel`} width={mainWidth} height={Math.max(1, height - headerHeight - boxHeight - stripHeight)} scroll={scroll} now={now} />
        {stripHeight ? <SuggestionStrip entry={suggestions} commands={commands} width={mainWidth} /> : null}
        {composer}
      </Box>
      {panel}
    </Box>
  );
}
