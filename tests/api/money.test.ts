import { describe, expect, it } from 'vitest';
import { displayMoney, formatMoney, MAX_MINOR_UNITS, MoneyError, parseMoney } from '../../src/api/money.js';

describe('parseMoney', () => {
  it('parses decimals exactly into minor units', () => {
    expect(parseMoney('12.50', 'CNY')).toEqual({ amount: 1250, currency: 'CNY' });
    expect(parseMoney('12.5', 'CNY')).toEqual({ amount: 1250, currency: 'CNY' });
    expect(parseMoney('12', 'USD')).toEqual({ amount: 1200, currency: 'USD' });
    expect(parseMoney('0.01', 'USD')).toEqual({ amount: 1, currency: 'USD' });
    expect(parseMoney('0', 'CNY')).toEqual({ amount: 0, currency: 'CNY' });
  });

  it('never goes through floating point (0.1 + 0.2 style values stay exact)', () => {
    expect(parseMoney('0.29', 'USD').amount).toBe(29);
    expect(parseMoney('1.15', 'CNY').amount).toBe(115);
    expect(parseMoney('9999999999999.99', 'USD').amount).toBe(999_999_999_999_999);
  });

  it('takes at most MAX_MINOR_UNITS (10^15 minor units), saying what the most is', () => {
    expect(parseMoney('10,000,000,000,000.00', 'USD').amount).toBe(MAX_MINOR_UNITS);
    expect(parseMoney('1000000000000000', 'IDR').amount).toBe(MAX_MINOR_UNITS);
    expect(() => parseMoney('10000000000000.01', 'USD')).toThrow('amount "10000000000000.01" is too large: at most 10,000,000,000,000.00 USD');
    expect(() => parseMoney('90071992547409.91', 'USD')).toThrow(/too large/);
    expect(() => parseMoney('1000000000000001', 'IDR')).toThrow('amount "1000000000000001" is too large: at most 1,000,000,000,000,000 IDR');
  });

  it('treats IDR and JPY as having no decimals', () => {
    expect(parseMoney('5000000', 'IDR')).toEqual({ amount: 5_000_000, currency: 'IDR' });
    expect(parseMoney('5,000,000', 'IDR')).toEqual({ amount: 5_000_000, currency: 'IDR' });
    expect(parseMoney('1200', 'JPY')).toEqual({ amount: 1200, currency: 'JPY' });
  });

  it('accepts lowercase currency codes, surrounding spaces and a leading plus', () => {
    expect(parseMoney(' +3.20 ', 'cny')).toEqual({ amount: 320, currency: 'CNY' });
  });

  it('refuses more decimals than the currency has, saying how many it has', () => {
    expect(() => parseMoney('12.345', 'CNY')).toThrow(/3 decimals, but CNY has at most 2 decimals/);
    expect(() => parseMoney('100.5', 'IDR')).toThrow(/IDR has no decimals/);
    expect(() => parseMoney('1.0', 'JPY')).toThrow(MoneyError);
  });

  it('refuses negative, non-numeric and unknown-currency input with a code', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as MoneyError).code;
      }
      return undefined;
    };
    expect(code(() => parseMoney('-5', 'USD'))).toBe('negative_amount');
    expect(code(() => parseMoney('abc', 'USD'))).toBe('not_a_number');
    expect(code(() => parseMoney('', 'USD'))).toBe('not_a_number');
    expect(code(() => parseMoney('1e3', 'USD'))).toBe('not_a_number');
    expect(code(() => parseMoney('12.', 'USD'))).toBe('not_a_number');
    expect(code(() => parseMoney('1,00', 'USD'))).toBe('not_a_number');
    expect(code(() => parseMoney('NaN', 'USD'))).toBe('not_a_number');
    expect(code(() => parseMoney('10', 'XXX'))).toBe('unknown_currency');
    expect(code(() => parseMoney('99999999999999999999', 'IDR'))).toBe('amount_too_large');
  });
});

describe('parseMoney with a currency code in the value', () => {
  it('accepts the expected currency before or after the number, as displayMoney writes it', () => {
    expect(parseMoney('10 CNY', 'CNY')).toEqual({ amount: 1000, currency: 'CNY' });
    expect(parseMoney('12.50 cny', 'CNY')).toEqual({ amount: 1250, currency: 'CNY' });
    expect(parseMoney('CNY 12.5', 'CNY')).toEqual({ amount: 1250, currency: 'CNY' });
    expect(parseMoney('5,000,000 IDR', 'IDR')).toEqual({ amount: 5_000_000, currency: 'IDR' });
    expect(parseMoney(displayMoney({ amount: 123_456, currency: 'CNY' }), 'CNY').amount).toBe(123_456);
  });

  it('refuses another currency, naming both, rather than converting', () => {
    const error = (() => {
      try {
        parseMoney('10 USD', 'CNY');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MoneyError);
    expect(error).toMatchObject({ code: 'currency_mismatch', message: 'amount "10 USD" is in USD, but it must be in CNY: amounts are never converted' });
    expect(() => parseMoney('IDR 50000', 'CNY')).toThrow(/is in IDR, but it must be in CNY/);
    // Three letters that are no currency stay "not a number".
    expect(() => parseMoney('10 abc', 'CNY')).toThrow(/is not a number/);
  });
});

describe('formatMoney', () => {
  it('formats minor units at the currency precision', () => {
    expect(formatMoney(1250, 'CNY')).toBe('12.50');
    expect(formatMoney(5, 'USD')).toBe('0.05');
    expect(formatMoney(0, 'CNY')).toBe('0.00');
    expect(formatMoney(5_000_000, 'IDR')).toBe('5000000');
    expect(formatMoney(-1250, 'CNY')).toBe('-12.50');
    expect(formatMoney(123456789, 'USD', { grouping: true })).toBe('1,234,567.89');
  });

  it('round-trips with parseMoney', () => {
    for (const [amount, currency] of [[1, 'USD'], [99, 'CNY'], [100000, 'IDR'], [7, 'JPY'], [123456, 'CNY']] as const) {
      expect(parseMoney(formatMoney(amount, currency), currency).amount).toBe(amount);
    }
  });

  it('displays with grouping and the code', () => {
    expect(displayMoney({ amount: 50000000, currency: 'CNY' })).toBe('500,000.00 CNY');
    expect(displayMoney({ amount: 5000000, currency: 'IDR' })).toBe('5,000,000 IDR');
  });

  it('refuses a non-integer amount', () => {
    expect(() => formatMoney(12.5, 'CNY')).toThrow(MoneyError);
  });
});
