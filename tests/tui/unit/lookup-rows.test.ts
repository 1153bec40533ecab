import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../../src/api/types.js';
import { firstChoice, lookupGroups, lookupRows } from '../../../src/tui/state/lookup.js';

const empty: SearchResult = { query: '', tried: [], customers: [], conversations: [], transactions: [], refunds: [], complaints: [], messages: [] };
const customer = (id: string, matched: SearchResult['customers'][number]['matched']) => ({ id, name: 'Siti', phone: '+62 812 **** 7890', email: null, language: 'id' as const, kycLevel: 'full' as const, matched });
const conversation = { id: 42, subject: 'Saldo hilang', status: 'open' as const, channel: 'chat' as const, customerId: 'cus_AAAAAA', customerName: 'Siti', lastMessageAt: '2026-12-01T00:00:00.000Z' };

describe('the lookup rows', () => {
  it('groups by kind in the listed order, only kinds with results', () => {
    const result = { ...empty, query: '#42', customers: [customer('cus_AAAAAA', 'conversation_number')], conversations: [conversation] };
    expect(lookupGroups(result).map((g) => g.kind)).toEqual(['customers', 'conversations']);
    expect(lookupRows(result).map((r) => r.kind)).toEqual(['customers', 'conversations']);
  });

  it('chooses first what the query found, not the customer found through it', () => {
    expect(firstChoice({ ...empty, customers: [customer('cus_AAAAAA', 'conversation_number')], conversations: [conversation] })).toBe(1);
    expect(firstChoice({ ...empty, customers: [customer('cus_AAAAAA', 'phone')], conversations: [conversation] })).toBe(0);
    expect(firstChoice(empty)).toBe(0);
  });
});
