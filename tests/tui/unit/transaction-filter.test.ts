import { describe, expect, it } from 'vitest';
import type { RefundableTransaction } from '../../../src/api/types.js';
import { parseTransactionFilter, transactionMatches, transactionQuery, type TransactionFilter } from '../../../src/tui/state/transaction-filter.js';

const NOW = Date.parse('2026-12-03T08:00:00Z');
const DAY = 86_400_000;

function filterOf(line: string): TransactionFilter {
  const parsed = parseTransactionFilter(line, NOW);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.filter;
}

const txn = (over: Partial<RefundableTransaction> & { amount: RefundableTransaction['amount'] }): RefundableTransaction =>
  ({ id: 'txn_TEST000001', accountId: 'wal_TEST0001', type: 'payment', status: 'succeeded', counterparty: 'Tokopedia', createdAt: new Date(NOW - DAY).toISOString(), ...over }) as RefundableTransaction;

describe('the customer screen’s transaction filter line', () => {
  it('reads status, type, since, amounts and counterparty words; the API gets status, type and since', () => {
    const filter = filterOf('Failed payment 7d >50000 toko');
    expect(filter).toMatchObject({ status: 'failed', type: 'payment', since: { typed: '7d', at: NOW - 7 * DAY }, amounts: [{ op: '>', value: '50000' }], counterparty: ['toko'] });
    expect(transactionQuery(filter)).toEqual({ status: 'failed', type: 'payment', since: new Date(NOW - 7 * DAY).toISOString() });
    expect(filterOf('10,000-50,000').amounts).toEqual([{ op: '>=', value: '10000' }, { op: '<=', value: '50000' }]);
    expect(filterOf('2026-11-01').since?.at).toBe(Date.parse('2026-11-01'));
    expect(filterOf('').amounts).toEqual([]);
  });

  it('says what is wrong with a line it cannot read', () => {
    expect(parseTransactionFilter('2026-13-45', NOW)).toEqual({ error: expect.stringContaining('"2026-13-45" is not a date') });
    expect(parseTransactionFilter('>abc', NOW)).toEqual({ error: expect.stringContaining('compare with an amount') });
    expect(parseTransactionFilter('failed succeeded', NOW)).toEqual({ error: 'one status at a time (failed or succeeded)' });
    expect(parseTransactionFilter('1.2.3-5', NOW)).toEqual({ error: expect.stringContaining('a range of amounts') });
    expect(parseTransactionFilter('2026-11-01..2026-13-01', NOW)).toEqual({ error: expect.stringContaining('is not a range of dates') });
    expect(parseTransactionFilter('2026-11-30..2026-11-01', NOW)).toEqual({ error: '"2026-11-30..2026-11-01" ends before it starts' });
  });

  it('compares amounts exactly in the wallet’s currency (12.50 CNY is 1250 minor units; IDR has none)', () => {
    const cny = txn({ amount: { amount: 1250, currency: 'CNY' } });
    expect(transactionMatches(filterOf('12.50'), cny)).toBe(true);
    expect(transactionMatches(filterOf('12.5'), cny)).toBe(true);
    expect(transactionMatches(filterOf('>12.49'), cny)).toBe(true);
    expect(transactionMatches(filterOf('>12.50'), cny)).toBe(false);
    expect(transactionMatches(filterOf('<=12.501'), cny)).toBe(true);
    const idr = txn({ amount: { amount: 50_000, currency: 'IDR' } });
    expect(transactionMatches(filterOf('50000'), idr)).toBe(true);
    expect(transactionMatches(filterOf('>=50,000 <50001'), idr)).toBe(true);
    expect(transactionMatches(filterOf('50001-60000'), idr)).toBe(false);
  });

  it('matches counterparty words in any case, and status, type and since on what is already loaded', () => {
    const t = txn({ amount: { amount: 1, currency: 'IDR' }, counterparty: 'Grab Indonesia' });
    expect(transactionMatches(filterOf('grab INDO'), t)).toBe(true);
    expect(transactionMatches(filterOf('gojek'), t)).toBe(false);
    expect(transactionMatches(filterOf('failed'), t)).toBe(false);
    expect(transactionMatches(filterOf('top_up'), t)).toBe(false);
    expect(transactionMatches(filterOf('1h'), t)).toBe(false);
    expect(transactionMatches(filterOf('2d'), t)).toBe(true);
  });

  it('takes a range of days, the last one whole; its start goes to the API as since, its end is applied here', () => {
    const filter = filterOf('2026-11-01..2026-11-30');
    expect(transactionQuery(filter)).toEqual({ since: '2026-11-01T00:00:00.000Z' });
    const at = (createdAt: string) => transactionMatches(filter, txn({ amount: { amount: 1, currency: 'IDR' }, createdAt }));
    expect([at('2026-10-31T23:59:59Z'), at('2026-11-01T00:00:00Z'), at('2026-11-30T23:59:59Z'), at('2026-12-01T00:00:00Z')]).toEqual([false, true, true, false]);
    expect(filterOf('..2026-11-30')).toMatchObject({ until: { typed: '2026-11-30', at: Date.parse('2026-12-01') } });
    expect(filterOf('..2026-11-30').since).toBeUndefined();
  });
});
