import { Box, Text } from 'ink';
import { displayMoney } from '../../../api/money.js';
import { REFUND_ARRIVAL_BUSINESS_DAYS, refundArrivesBy } from '../../../api/refund-arrival.js';
import { shortTime } from '../../../api/text/durations.js';
import { paymentMethodLabel } from '../../../api/text/payment-method.js';
import { sanitize } from '../../../api/text/sanitize.js';
import { fitToWidth } from '../../../api/text/width.js';
import type { CustomerContext } from '../../../api/types.js';
import { CUSTOMER_CONVERSATIONS_MAX, CUSTOMER_SECTION_TITLES, CUSTOMER_TRANSACTIONS_MAX, customerRows, type CustomerRow } from '../../state/customer-rows.js';
import { currentWallet } from '../../state/selectors.js';
import { useStoreState } from '../hooks/use-store.js';
import { firstKey } from '../../input/keymap.js';
import { symbols, theme } from '../theme.js';

const one = (text: string) => sanitize(text, { multiline: false });

function rowText(row: CustomerRow, now: number): { text: string; color?: string } {
  switch (row.kind) {
    case 'conversation': {
      const c = row.conversation;
      return { text: `#${c.id}  ${c.channel}  ${c.status}  ${one(c.subject)}  ${shortTime(c.lastMessageAt, now)}` };
    }
    case 'transaction': {
      const t = row.transaction;
      const failed = t.status === 'failed';
      const money = [
        t.refunded.amount > 0 ? `refunded ${displayMoney(t.refunded)}` : '',
        t.type === 'payment' && t.status === 'succeeded' ? `refundable ${displayMoney(t.refundable)}` : '',
        t.refundPending.amount > 0 ? `awaiting approval ${displayMoney(t.refundPending)}` : '',
      ].filter(Boolean);
      return {
        text: `${fitToWidth(shortTime(t.createdAt, now), 11)} ${t.id}  ${t.type} ${t.status}  ${displayMoney(t.amount)}  ${one(t.counterparty)}${t.paymentMethod ? ` · ${paymentMethodLabel(t.paymentMethod)}` : ''}${failed ? `  ✗ ${t.failureReason ?? 'failed'}` : ''}${money.length ? `  ${money.join(' · ')}` : ''}`,
        ...(failed ? { color: theme.danger } : t.status === 'pending' ? { color: theme.warning } : {}),
      };
    }
    case 'refund': {
      const r = row.refund;
      const by = refundArrivesBy(r);
      const arrival = by ? `  arrives by ${by}` : r.status === 'pending_approval' ? `  arrives ${REFUND_ARRIVAL_BUSINESS_DAYS} business days after approval at the latest` : '';
      return { text: `${r.id}  ${r.status}  ${displayMoney(r.amount)}  of ${r.transactionId}  ${shortTime(r.createdAt, now)}${arrival}` };
    }
    case 'walletChange': {
      const c = row.change;
      const verified = c.verification ? `  identity: ${c.verification.method} ${one(c.verification.reference)}` : '';
      return {
        text: `${fitToWidth(shortTime(c.at, now), 11)} ${c.accountId}  ${c.action} (${c.from} → ${c.to})  by ${one(c.actor.name)} (${c.actor.role})${c.reason ? `  reason ${c.reason}` : ''}${c.note ? `  “${one(c.note)}”` : ''}${verified}`,
        ...(c.to === 'frozen' || c.to === 'closed' ? { color: theme.danger } : {}),
      };
    }
    case 'complaint': {
      const c = row.complaint;
      return { text: `${c.number}  ${c.status}  reply by ${c.replyBy.slice(0, 10)}${c.overdue ? ' (overdue)' : ''}  #${c.conversationId}` };
    }
  }
}

function Profile({ data, now, width }: { data: CustomerContext; now: number; width: number }) {
  const wallets = useStoreState((s) => s.wallets);
  const { customer, security } = data;
  const trusted = new Set(security.devices.filter((d) => d.trusted).map((d) => d.id));
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold color={theme.accent}>
          {one(customer.name)}
        </Text>
        <Text dimColor> {customer.id}</Text>
      </Text>
      <Text wrap="truncate">
        Phone {one(customer.phone ?? '-')} · Email {one(customer.email ?? '-')} · {customer.language} · KYC {customer.kycLevel} ·{' '}
        {security.twoFactorEnabled ? <Text color={theme.success}>2FA {security.twoFactorMethod ?? 'on'}</Text> : <Text color={theme.warning}>! 2FA off</Text>}
      </Text>
      <Text wrap="truncate">
        Wallets:{' '}
        {data.accounts
          .map((listed) => currentWallet({ wallets }, listed))
          .map((a) => (a.status === 'active' ? `● ${a.id} ${displayMoney(a.balance)} active` : `${symbols.frozen} ${a.id} ${a.status.toUpperCase()} ${displayMoney(a.balance)}`))
          .join('   ') || 'none'}
      </Text>
      <Text wrap="truncate" dimColor>
        Devices: {security.devices.map((d) => `${one(d.name)}${d.trusted ? '' : ' (unknown)'}`).join(', ') || 'none'} · Logins:{' '}
        {security.recentLogins
          .slice(0, 3)
          .map((l) => `${shortTime(l.at, now)} ${one(l.location)} ${l.device ? (trusted.has(l.device.id) ? '' : '! ') + one(l.device.name) : '! unknown device'}${l.outcome !== 'succeeded' ? ` (${l.outcome})` : ''}`)
          .join(', ') || 'none'}
      </Text>
    </Box>
  );
}

/** A customer's screen: who they are, their wallets, and one list of their conversations, transactions (filtered), refunds, complaints and wallet status history. */
export function CustomerScreen({ id, width, height, now }: { id: string; width: number; height: number; now: number }) {
  const context = useStoreState((s) => s.customers[id]);
  const history = useStoreState((s) => s.customerTransactions[id]);
  const complaints = useStoreState((s) => s.customerComplaints[id]);
  const walletHistory = useStoreState((s) => s.customerWalletHistory[id]);
  const conversations = useStoreState((s) => s.customerConversations[id]);
  const filter = useStoreState((s) => s.customerFilter[id]);
  const commands = useStoreState((s) => s.commands);
  const selected = useStoreState((s) => s.customerSelected);
  const call = useStoreState((s) => (s.call?.customerId === id ? s.call : undefined));
  const rows = customerRows(
    {
      customers: context ? { [id]: context } : {},
      customerConversations: conversations ? { [id]: conversations } : {},
      customerTransactions: history ? { [id]: history } : {},
      customerComplaints: complaints ? { [id]: complaints } : {},
      customerWalletHistory: walletHistory ? { [id]: walletHistory } : {},
      customerFilter: filter ? { [id]: filter } : {},
    },
    id,
  );
  const data = context?.data;
  if (!data) {
    return (
      <Box height={height} width={width}>
        <Text color={context?.status === 'error' ? theme.danger : undefined} dimColor={context?.status !== 'error'}>
          {context?.status === 'error' ? `Customer ${id}: ${one(context.error ?? '')}` : `Loading customer ${id}…`}
        </Text>
      </Box>
    );
  }
  // Lines are laid out as descriptors; only those on screen are given their text (a history of thousands draws like a short one).
  const lines: { key: string; text?: string; heading?: boolean; row?: CustomerRow; index?: number }[] = [];
  const transactionNote =
    history?.status === 'loading'
      ? ' (loading the whole history…)'
      : history?.status === 'error'
        ? ` (the latest only: ${one(history.error ?? '')})`
        : history?.data?.length === CUSTOMER_TRANSACTIONS_MAX
          ? ` (the newest ${CUSTOMER_TRANSACTIONS_MAX}; support customer transactions for more)`
          : '';
  const filterNote = filter ? ` · filter: ${one(filter.text)} (${firstKey(commands, 'customer.filter')} changes, ${firstKey(commands, 'customer.clearFilter')} clears)` : ` (${firstKey(commands, 'customer.filter')} filters)`;
  const failed = (state: { status: string; error?: string } | undefined, prefix = '') => (state?.status === 'error' ? ` (${prefix}${one(state.error ?? '')})` : '');
  const sectionNote = (kind: CustomerRow['kind']): string => {
    switch (kind) {
      case 'transaction':
        return `${transactionNote}${filterNote}`;
      case 'conversation':
        return failed(conversations, 'the latest only: ') || (conversations?.data?.length === CUSTOMER_CONVERSATIONS_MAX ? ` (the newest ${CUSTOMER_CONVERSATIONS_MAX})` : '');
      case 'complaint':
        return failed(complaints);
      case 'walletChange':
        return failed(walletHistory);
      case 'refund':
        return '';
    }
  };
  for (const kind of Object.keys(CUSTOMER_SECTION_TITLES) as CustomerRow['kind'][]) {
    const section = rows.flatMap((row, index) => (row.kind === kind ? [{ row, index }] : []));
    // A filter that matches nothing still shows where the transactions would be, and says so.
    if (!section.length && !(kind === 'transaction' && filter)) continue;
    lines.push({ key: `h-${kind}`, text: `${CUSTOMER_SECTION_TITLES[kind]}${sectionNote(kind)}`, heading: true });
    if (!section.length) lines.push({ key: `none-${kind}`, text: history?.status === 'loading' ? '  …' : '  No transaction matches the filter' });
    for (const { row, index } of section) lines.push({ key: `r-${index}`, row, index });
  }
  const top = 4 + (call ? 1 : 0);
  const visible = Math.max(1, height - top);
  const selectedLine = Math.max(0, lines.findIndex((l) => l.index === selected));
  const start = Math.max(0, Math.min(selectedLine - Math.floor(visible / 2), lines.length - visible));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Profile data={data} now={now} width={width} />
      {call ? (
        <Text color={theme.warning} wrap="truncate">
          ☎ Logging a call as #{call.conversationId}: l to end it with its summary
        </Text>
      ) : null}
      {lines.slice(start, start + visible).map((l) => {
        if (l.heading) {
          return (
            <Text key={l.key} bold color={theme.accent} wrap="truncate">
              {l.text}
            </Text>
          );
        }
        const { text, color } = l.row ? rowText(l.row, now) : { text: l.text ?? '', color: undefined };
        return (
          <Text key={l.key} color={color} inverse={l.index === selected} wrap="truncate">
            {l.index === selected ? symbols.selected : ' '} {text}
          </Text>
        );
      })}
    </Box>
  );
}
