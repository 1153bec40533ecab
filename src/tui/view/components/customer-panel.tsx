import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { displayMoney } from '../../../api/money.js';
import { shortTime } from '../../../api/text/durations.js';
import { paymentMethodLabel } from '../../../api/text/payment-method.js';
import { sanitize } from '../../../api/text/sanitize.js';
import { displayWidth, fitToWidth } from '../../../api/text/width.js';
import type { CustomerContext } from '../../../api/types.js';
import { useStoreState } from '../hooks/use-store.js';
import { currentWallet } from '../../state/selectors.js';
import type { LoadState } from '../../state/types.js';
import { symbols, theme } from '../theme.js';

const one = (text: string) => sanitize(text, { multiline: false });

/**
 * Beside the conversation: who the customer is, how their account is secured and used, their wallets
 * and latest transactions with what is left to refund. What agents check before freezing or refunding.
 */
export function CustomerPanel({ context, width, height, now }: { context: LoadState<CustomerContext> | undefined; width: number; height: number; now: number }) {
  const inner = width - 2;
  const data = context?.data;
  const wallets = useStoreState((s) => s.wallets);
  if (!data) {
    return (
      <Box width={width} height={height} flexDirection="column" borderStyle="single" borderColor={theme.muted} paddingX={0}>
        <Text dimColor wrap="truncate">
          {context?.status === 'error' ? `Customer: ${context.error}` : 'Loading the customer…'}
        </Text>
      </Box>
    );
  }
  const lines: { key: string; node: ReactNode }[] = [];
  const add = (key: string, node: ReactNode) => lines.push({ key, node });
  const { customer, security } = data;
  add('name', <Text bold color={theme.accent}>{one(customer.name)}</Text>);
  add('kyc', <Text dimColor>KYC {customer.kycLevel} · {customer.language} · since {customer.createdAt.slice(0, 10)}</Text>);
  add(
    '2fa',
    security.twoFactorEnabled ? <Text color={theme.success}>● 2FA {security.twoFactorMethod ?? 'on'}</Text> : <Text color={theme.warning}>! 2FA off</Text>,
  );
  add('wallets-h', <Text bold>Wallets</Text>);
  for (const a of data.accounts.map((listed) => currentWallet({ wallets }, listed))) {
    add(
      a.id,
      a.status === 'active' ? (
        <Text>● {a.id} {displayMoney(a.balance)}</Text>
      ) : (
        <Text color={theme.danger} bold>
          {symbols.frozen} {a.id} {a.status.toUpperCase()} {displayMoney(a.balance)}
        </Text>
      ),
    );
  }
  add('logins-h', <Text bold>Recent logins</Text>);
  const known = new Set(security.devices.filter((d) => d.trusted).map((d) => d.id));
  for (const login of security.recentLogins.slice(0, 4)) {
    const strange = login.device ? !known.has(login.device.id) : true;
    const mark = login.outcome === 'succeeded' ? (strange ? '!' : '·') : '✗';
    add(
      `login-${login.at}`,
      <Text color={strange || login.outcome !== 'succeeded' ? theme.warning : undefined} wrap="truncate">
        {mark} {shortTime(login.at, now)} {one(login.location)} {login.device ? one(login.device.name) : 'unknown device'}
        {login.outcome !== 'succeeded' ? ` (${login.outcome})` : ''}
      </Text>,
    );
  }
  add('txn-h', <Text bold>Transactions</Text>);
  for (const t of data.transactions) {
    const failed = t.status === 'failed';
    const sign = t.type === 'top_up' || t.type === 'transfer_in' || t.type === 'refund' ? '+' : '-';
    const head = `${fitToWidth(shortTime(t.createdAt, now), 11)} ${sign}${displayMoney(t.amount)} ${one(t.counterparty)}`;
    const tail = `${failed ? ` ✗ ${t.failureReason ?? 'failed'}` : t.status === 'pending' ? ' … pending' : ''}${t.refunded.amount > 0 ? ` ↩ ${displayMoney(t.refunded)}` : ''}`;
    const method = t.paymentMethod ? ` · ${paymentMethodLabel(t.paymentMethod)}` : '';
    add(
      t.id,
      <Text color={failed ? theme.danger : t.status === 'pending' ? theme.warning : undefined} wrap="truncate">
        {/* Why a payment failed matters more than how it was paid: the method gives way when both do not fit. */}
        {head}
        {displayWidth(head + method + tail) <= inner ? method : ''}
        {tail}
      </Text>,
    );
  }
  return (
    <Box width={width} height={height} flexDirection="column" borderStyle="single" borderColor={theme.muted}>
      {lines.slice(0, Math.max(0, height - 2)).map((l) => (
        <Box key={l.key} width={inner}>
          {l.node}
        </Box>
      ))}
    </Box>
  );
}
