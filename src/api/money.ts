import { CURRENCY_DECIMALS, isCurrency, type Currency } from './currencies.js';

/** An amount of money: integer minor units (cents, fen; rupiah have none) and its currency. */
export interface Money {
  amount: number;
  currency: Currency;
}

/**
 * The largest amount, and the largest balance either way, the Support API carries: 10^15 minor units
 * (10 trillion USD, a quadrillion IDR). Far below 2^53, so that a sum of a few amounts or balances is
 * still an exact integer in JavaScript (and fits PostgreSQL's bigint). The ledger refuses a posting or
 * refund that would produce more (422 amount_out_of_range, balance_out_of_range), and a stored value
 * beyond it is reported as such on every read (409 stored_value_out_of_range), never shown rounded.
 */
export const MAX_MINOR_UNITS = 1_000_000_000_000_000;

/** Whether `amount` is a whole number of minor units within ±MAX_MINOR_UNITS. */
export function isMinorUnitsInRange(amount: number): boolean {
  return Number.isSafeInteger(amount) && Math.abs(amount) <= MAX_MINOR_UNITS;
}

export type MoneyErrorCode =
  | 'unknown_currency'
  | 'not_a_number'
  | 'negative_amount'
  | 'too_many_decimals'
  | 'amount_too_large'
  | 'currency_mismatch';

export class MoneyError extends Error {
  readonly code: MoneyErrorCode;
  constructor(code: MoneyErrorCode, message: string) {
    super(message);
    this.name = 'MoneyError';
    this.code = code;
  }
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
/** A currency code written before or after the number: "12.50 CNY", "CNY 12.50", "12.50cny". */
const WITH_CODE = /^(?:([A-Za-z]{3})\s*(\S.*)|(.*\S)\s*([A-Za-z]{3}))$/;

function requireCurrency(currency: string): Currency {
  const code = currency.trim().toUpperCase();
  if (!isCurrency(code)) {
    throw new MoneyError('unknown_currency', `unknown currency "${currency}": use an ISO 4217 code such as IDR, CNY, USD or JPY`);
  }
  return code;
}

/**
 * Parses a decimal amount typed by a person ("12.50", "5,000,000", "12.50 CNY") into minor units,
 * exactly: digits are shifted as text, never through floating point. A currency code may be written
 * with the number when it is `currency`; another one is refused, never converted.
 */
export function parseMoney(input: string, currency: string): Money {
  const code = requireCurrency(currency);
  const decimals: number = CURRENCY_DECIMALS[code];
  let text = input.trim();
  const written = WITH_CODE.exec(text);
  const typed = written ? (written[1] ?? written[4]!).toUpperCase() : undefined;
  if (written && typed && isCurrency(typed)) {
    if (typed !== code) {
      throw new MoneyError('currency_mismatch', `amount "${input}" is in ${typed}, but it must be in ${code}: amounts are never converted`);
    }
    text = (written[2] ?? written[3]!).trim();
  }
  if (text.startsWith('-')) {
    throw new MoneyError('negative_amount', `amount "${input}" is negative: amounts must be zero or more`);
  }
  if (text.startsWith('+')) text = text.slice(1);
  if (GROUPED.test(text)) text = text.replaceAll(',', '');
  const match = DECIMAL.exec(text);
  if (!match) {
    throw new MoneyError('not_a_number', `amount "${input}" is not a number: write digits with an optional decimal point, such as 12.50`);
  }
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) {
    const allowed = decimals === 0 ? 'no decimals' : `at most ${decimals} decimal${decimals === 1 ? '' : 's'}`;
    throw new MoneyError('too_many_decimals', `amount "${input}" has ${fraction.length} decimal${fraction.length === 1 ? '' : 's'}, but ${code} has ${allowed}`);
  }
  const digits = (whole + fraction.padEnd(decimals, '0')).replace(/^0+(?=\d)/, '');
  const amount = Number(digits);
  if (!isMinorUnitsInRange(amount)) {
    throw new MoneyError('amount_too_large', `amount "${input}" is too large: at most ${displayMoney({ amount: MAX_MINOR_UNITS, currency: code })}`);
  }
  return { amount, currency: code };
}

/** Formats minor units at the currency's precision: formatMoney(1250, 'CNY') === '12.50'. */
export function formatMoney(amount: number, currency: Currency, options: { grouping?: boolean } = {}): string {
  if (!Number.isSafeInteger(amount)) {
    throw new MoneyError('not_a_number', `amount ${amount} ${currency} cannot be shown exactly: it is not a whole number of minor units below 2^53`);
  }
  const decimals = CURRENCY_DECIMALS[currency];
  const negative = amount < 0;
  const digits = String(Math.abs(amount)).padStart(decimals + 1, '0');
  let whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  if (options.grouping) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + whole + (decimals > 0 ? `.${fraction}` : '');
}

/** "12.50 CNY", "5,000,000 IDR": the form agents read and customers are told. */
export function displayMoney(money: Money): string {
  return `${formatMoney(money.amount, money.currency, { grouping: true })} ${money.currency}`;
}
