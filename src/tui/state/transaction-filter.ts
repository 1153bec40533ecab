import { CURRENCY_DECIMALS, isCurrency } from '../../api/currencies.js';
import { TRANSACTION_STATUSES, TRANSACTION_TYPES, type TransactionStatus, type TransactionType } from '../../api/enums.js';
import { parseDuration, parseWhen } from '../../api/text/time-input.js';
import type { RefundableTransaction } from '../../api/types.js';

type Comparison = '<' | '<=' | '>' | '>=' | '=';

/**
 * What the customer screen's transactions are narrowed to, as typed on one line
 * (`failed payment 7d >50000 tokopedia`). Status, type and since go to the API, which filters the whole
 * history; amount and counterparty narrow what it answered.
 */
export interface TransactionFilter {
  /** The line as typed, to edit it again. */
  text: string;
  status?: TransactionStatus;
  type?: TransactionType;
  /** What was typed for since (`7d`, `2026-11-01`) and the instant it meant when typed. */
  since?: { typed: string; at: number };
  /** `..2026-11-30` (or `2026-11-01..2026-11-30`): made before the end of that day; narrowed here, the API has no until. */
  until?: { typed: string; at: number };
  /** Amounts as typed in the wallet's currency (`50000`, `12.50`), compared exactly. */
  amounts: { op: Comparison; value: string }[];
  /** Words that must all appear in the counterparty, any case. */
  counterparty: string[];
}

const DECIMAL = /^\d+(\.\d+)?$/;
const DATES = /^(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})$/;
const DAY = 86_400_000;
const COMPARED = /^(<=|>=|<|>|=)(.+)$/;
const RANGE = /^([\d.,]+)-([\d.,]+)$/;

const amountOf = (text: string): string | undefined => {
  const plain = text.replaceAll(',', '');
  return DECIMAL.test(plain) ? plain : undefined;
};

/** The filter a line means, or what is wrong with it (a since that is no time, an amount that is no number). */
export function parseTransactionFilter(line: string, now: number): { filter: TransactionFilter } | { error: string } {
  const filter: TransactionFilter = { text: line.trim(), amounts: [], counterparty: [] };
  for (const word of line.trim().split(/\s+/).filter(Boolean)) {
    const lower = word.toLowerCase();
    if ((TRANSACTION_STATUSES as readonly string[]).includes(lower)) {
      if (filter.status && filter.status !== lower) return { error: `one status at a time (${filter.status} or ${lower})` };
      filter.status = lower as TransactionStatus;
      continue;
    }
    if ((TRANSACTION_TYPES as readonly string[]).includes(lower)) {
      if (filter.type && filter.type !== lower) return { error: `one type at a time (${filter.type} or ${lower})` };
      filter.type = lower as TransactionType;
      continue;
    }
    const range = DATES.exec(word);
    if (range) {
      const [from, to] = [range[1] ? parseWhen(range[1], now) : undefined, parseWhen(range[2]!, now)];
      if ((range[1] && from === undefined) || to === undefined) return { error: `"${word}" is not a range of dates (2026-11-01..2026-11-30, or ..2026-11-30)` };
      if (from !== undefined) filter.since = { typed: range[1]!, at: from };
      filter.until = { typed: range[2]!, at: to + DAY };
      if (from !== undefined && from >= to + DAY) return { error: `"${word}" ends before it starts` };
      continue;
    }
    const duration = parseDuration(lower);
    if (duration !== undefined || /^\d{4}-\d{2}-\d{2}/.test(word)) {
      const at = duration !== undefined ? now - duration : parseWhen(word, now);
      if (at === undefined) return { error: `"${word}" is not a date (2026-11-24) or a time back from now (7d, 24h)` };
      filter.since = { typed: word, at };
      continue;
    }
    const compared = COMPARED.exec(word);
    if (compared) {
      const value = amountOf(compared[2]!);
      if (value === undefined) return { error: `"${word}": compare with an amount, such as >50000 or <=12.50` };
      filter.amounts.push({ op: compared[1] as Comparison, value });
      continue;
    }
    const amounts = RANGE.exec(word);
    if (amounts) {
      const [low, high] = [amountOf(amounts[1]!), amountOf(amounts[2]!)];
      if (low === undefined || high === undefined) return { error: `"${word}": a range of amounts is written 50000-100000` };
      filter.amounts.push({ op: '>=', value: low }, { op: '<=', value: high });
      continue;
    }
    const exact = amountOf(word);
    if (exact !== undefined && /\d/.test(word)) {
      filter.amounts.push({ op: '=', value: exact });
      continue;
    }
    filter.counterparty.push(lower);
  }
  return { filter };
}

/** The typed decimal against minor units of a currency with `decimals` places, exactly (no floating point). */
function compare(minor: number, decimals: number, typed: string): number {
  const [whole = '0', fraction = ''] = typed.split('.');
  const places = Math.max(decimals, fraction.length);
  const left = BigInt(minor) * 10n ** BigInt(places - decimals);
  const right = BigInt(whole + fraction.padEnd(places, '0'));
  return left < right ? -1 : left > right ? 1 : 0;
}

const HOLDS: Record<Comparison, (c: number) => boolean> = { '<': (c) => c < 0, '<=': (c) => c <= 0, '>': (c) => c > 0, '>=': (c) => c >= 0, '=': (c) => c === 0 };

/** Whether a transaction passes the whole filter (the API's part too: the profile's latest are filtered here before the history arrives). */
export function transactionMatches(filter: TransactionFilter, t: RefundableTransaction): boolean {
  if (filter.status && t.status !== filter.status) return false;
  if (filter.type && t.type !== filter.type) return false;
  if (filter.since && Date.parse(t.createdAt) < filter.since.at) return false;
  if (filter.until && Date.parse(t.createdAt) >= filter.until.at) return false;
  const decimals = isCurrency(t.amount.currency) ? CURRENCY_DECIMALS[t.amount.currency] : 0;
  if (!filter.amounts.every((a) => HOLDS[a.op](compare(Math.abs(t.amount.amount), decimals, a.value)))) return false;
  const counterparty = t.counterparty.toLowerCase();
  return filter.counterparty.every((word) => counterparty.includes(word));
}

/** The API's part of the filter, for GET /v1/customers/:id/transactions. */
export function transactionQuery(filter: TransactionFilter | undefined): { status?: TransactionStatus; type?: TransactionType; since?: string } {
  if (!filter) return {};
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.since ? { since: new Date(filter.since.at).toISOString() } : {}),
  };
}
