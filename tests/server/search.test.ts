import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { fillPhoneKeys } from '../../src/server/store/customer-phones.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const NOW = Date.UTC(2026, 11, 3, 9, 0, 0);

/** Customers of our own, with phones written the ways people write them, keyed as the server keys them at start. */
async function addCustomers(server: TestServer): Promise<void> {
  const base = { language: 'id', kyc_level: 'full', two_factor_enabled: 1, created_at: NOW - 86_400_000 };
  await server.store.db
    .insertInto('customers')
    .values([
      { ...base, id: 'cus_LOOKUP0001', name: 'Siti Rahmawati', email: 'Siti.Rahma@Mail.Example', phone: '0812 3456 7890' },
      { ...base, id: 'cus_LOOKUP0002', name: 'Rahmat Hidayat', email: 'rahmat@mail.example', phone: '+65 9123 4567', language: 'en' },
      { ...base, id: 'cus_LOOKUP0003', name: '欧阳小明', email: null, phone: '+60 12-345 6789', language: 'zh' },
      { ...base, id: 'cus_LOOKUP0004', name: 'Siti', email: 'siti@mail.example', phone: null },
      { ...base, id: 'cus_LOOKUP0005', name: 'Ahmad Siti Nurhaliza', email: null, phone: '+62 857-1111-2222' },
    ])
    .execute();
  await fillPhoneKeys(server.store.db, server.ctx.settings.defaultRegion);
  await server.store.db
    .insertInto('wallet_accounts')
    .values({ id: 'wal_LOOKUP01', customer_id: 'cus_LOOKUP0001', currency: 'IDR', balance: 0, status: 'active', created_at: NOW, updated_at: NOW })
    .execute();
}

describe('one lookup (GET /v1/search)', () => {
  let server: TestServer;
  let agent: SupportClient;
  let supervisor: SupportClient;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, clockStart: NOW });
    await addCustomers(server);
    agent = await server.login();
    supervisor = await server.login('lead@example.com');
  });
  afterAll(() => server.close());

  it('finds a customer by phone in any common writing, phone and email masked', async () => {
    for (const q of ['+62 812-3456-7890', '0812 3456 7890', '62812 3456 7890', '(0812) 3456-7890', '+6281234567890', '0062 812 3456 7890']) {
      const found = await agent.search.find(q);
      expect([q, found.phone, found.tried, found.customers.map((c) => c.id)]).toEqual([q, '+6281234567890', ['phone'], ['cus_LOOKUP0001']]);
      expect(found.customers[0]).toMatchObject({ name: 'Siti Rahmawati', phone: '+62 812 **** 7890', email: 'S***@Mail.Example', matched: 'phone' });
    }
    expect((await agent.search.find('+65 9123-4567')).customers.map((c) => c.id)).toEqual(['cus_LOOKUP0002']);
    expect((await agent.search.find('+60 12 345 6789')).customers.map((c) => c.id)).toEqual(['cus_LOOKUP0003']);
  });

  it('finds the demo desk’s own numbers as the seed wrote them, even those libphonenumber finds impossible', async () => {
    const rows = await server.store.db.selectFrom('customers').select(['id', 'phone']).where('phone', 'like', '+65 %').where('id', 'like', 'cus_%').limit(1).execute();
    const row = rows[0]!;
    const found = await agent.search.find(row.phone!.replace(' ', '  '));
    expect(found.customers.map((c) => c.id)).toContain(row.id);
  });

  it('finds by email whatever its case, and by customer, wallet, transaction and refund ids', async () => {
    expect((await agent.search.find('siti.rahma@mail.example')).customers.map((c) => [c.id, c.matched])).toEqual([['cus_LOOKUP0001', 'email']]);
    expect((await agent.search.find('cus_LOOKUP0002')).customers.map((c) => [c.id, c.matched])).toEqual([['cus_LOOKUP0002', 'customer_id']]);
    expect((await agent.search.find('wal_LOOKUP01')).customers.map((c) => [c.id, c.matched])).toEqual([['cus_LOOKUP0001', 'wallet_id']]);

    const txn = await server.store.db.selectFrom('transactions').innerJoin('wallet_accounts', 'wallet_accounts.id', 'transactions.account_id').select(['transactions.id', 'wallet_accounts.customer_id']).limit(1).executeTakeFirstOrThrow();
    const byTxn = await agent.search.find(txn.id);
    expect([byTxn.tried, byTxn.transactions.map((t) => t.id), byTxn.customers.map((c) => c.id)]).toEqual([['transaction_id'], [txn.id], [txn.customer_id]]);

    const refund = await server.store.db.selectFrom('refunds').select(['id', 'customer_id', 'transaction_id']).limit(1).executeTakeFirstOrThrow();
    const byRefund = await agent.search.find(refund.id);
    expect([byRefund.refunds.map((r) => [r.id, r.transactionId]), byRefund.customers.map((c) => c.id)]).toEqual([[[refund.id, refund.transaction_id]], [refund.customer_id]]);
  });

  it('finds complaint numbers and #conversation numbers', async () => {
    const complaint = await server.store.db.selectFrom('complaints').select(['number', 'customer_id', 'conversation_id']).limit(1).executeTakeFirstOrThrow();
    const byNumber = await agent.search.find(complaint.number.toLowerCase());
    expect([byNumber.tried, byNumber.complaints.map((c) => [c.number, c.conversationId]), byNumber.customers.map((c) => c.id)]).toEqual([['complaint_number'], [[complaint.number, complaint.conversation_id]], [complaint.customer_id]]);

    const conversation = await server.store.db.selectFrom('conversations').select(['id', 'customer_id', 'subject']).where('id', '>=', 10).orderBy('id').limit(1).executeTakeFirstOrThrow();
    for (const q of [`#${conversation.id}`, String(conversation.id)]) {
      const found = await agent.search.find(q);
      expect([found.tried, found.conversations.map((c) => [c.id, c.subject]), found.customers.map((c) => c.id)]).toEqual([['conversation_number'], [[conversation.id, conversation.subject]], [conversation.customer_id]]);
    }
  });

  it('finds name fragments in any script, ranked: whole name, then its start, then anywhere', async () => {
    const siti = await agent.search.find('siti', { kinds: ['customers'] });
    expect(siti.tried).toEqual(['name']);
    const ours = siti.customers.map((c) => c.id).filter((id) => id.startsWith('cus_LOOKUP'));
    expect(ours).toEqual(['cus_LOOKUP0004', 'cus_LOOKUP0001', 'cus_LOOKUP0005']);
    expect(siti.customers[0]).toMatchObject({ id: 'cus_LOOKUP0004', matched: 'name', phone: null, email: 's***@mail.example' });

    // Chinese: a fragment anywhere from 3 characters (a trigram), the start of a name from 2 (a family name).
    expect((await agent.search.find('阳小明', { kinds: ['customers'] })).customers.map((c) => c.id)).toContain('cus_LOOKUP0003');
    expect((await agent.search.find('欧阳', { kinds: ['customers'] })).customers.map((c) => c.id)).toContain('cus_LOOKUP0003');
    expect((await agent.search.find('欧阳小明', { kinds: ['customers'] })).customers[0]?.id).toBe('cus_LOOKUP0003');
    expect((await agent.search.find('hidaya', { kinds: ['customers'] })).customers.map((c) => c.id)).toContain('cus_LOOKUP0002');
  });

  it('finds conversations mentioning words as their own kind', async () => {
    const message = await server.store.db.selectFrom('messages').select(['conversation_id', 'body']).where('author_type', '=', 'customer').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const words = message.body.split(/\s+/).filter((w) => w.length >= 4).slice(0, 2).join(' ');
    const found = await agent.search.find(words, { kinds: ['messages'] });
    expect(found.tried).toEqual(['message_text']);
    expect(found.customers).toEqual([]);
    const hit = found.messages.find((m) => m.conversationId === message.conversation_id);
    expect(hit?.excerpt.toLowerCase()).toContain(words.toLowerCase());
  });

  it('says what it tried when nothing matches', async () => {
    const none = await agent.search.find('nobody-by-this-name@nowhere.example');
    expect([none.tried, none.customers]).toEqual([['email'], []]);
    const phone = await agent.search.find('+62 811-0000-0001');
    expect([phone.tried, phone.phone, phone.customers]).toEqual([['phone'], '+6281100000001', []]);
    const text = await agent.search.find('zzqxv');
    expect(text.tried).toEqual(['name', 'message_text']);
  });

  it('refuses a query too short or a number that cannot be one, saying why, and changes nothing', async () => {
    const before = await counts(server);
    for (const q of ['', ' ', 'a', '王']) {
      const short = await apiFailure(agent.search.find(q));
      expect([q, short.status, short.code]).toEqual([q, 422, 'query_too_short']);
      expect(short.message).toBe('type at least 2 characters to look something up');
    }
    const country = await apiFailure(agent.search.find('+999 1234 5678'));
    expect([country.status, country.code, (country.problem as { reason?: string } | undefined)?.reason]).toEqual([422, 'invalid_phone_number', 'invalid_country_code']);
    expect(country.message).toBe('"+999 1234 5678" cannot be a phone number: its country code is not one any country uses');
    const short = await apiFailure(agent.search.find('+62 812 34'));
    expect([short.code, (short.problem as { reason?: string } | undefined)?.reason]).toEqual(['invalid_phone_number', 'too_short']);
    const bad = await apiFailure(agent.search.find('siti', { kinds: ['customers', 'wallets' as 'customers'] }));
    expect(bad.status).toBe(400);
    expect(await counts(server)).toEqual(before);
  });

  it('shows phone and email whole on the customer’s page, and records every opening for supervisors to see', async () => {
    const context = await agent.customers.get('cus_LOOKUP0001');
    expect([context.customer.phone, context.customer.email]).toEqual(['0812 3456 7890', 'Siti.Rahma@Mail.Example']);
    await supervisor.customers.get('cus_LOOKUP0001');
    const views = await supervisor.audit.list({ action: 'customer.view', targetType: 'customer', targetId: 'cus_LOOKUP0001' });
    expect(views.data.map((v) => [v.action, v.actor?.name ?? null, v.reason, v.outcome]).sort()).toEqual([
      ['customer.view', 'Ayu Lestari', null, 'succeeded'],
      ['customer.view', 'Wei Chen', null, 'succeeded'],
    ]);
    expect(views.data.every((v) => v.at === new Date(NOW).toISOString())).toBe(true);
    // A lookup itself records nothing: only the opening of the whole details does.
    await agent.search.find('cus_LOOKUP0001');
    expect((await supervisor.audit.list({ action: 'customer.view', targetId: 'cus_LOOKUP0001' })).data).toHaveLength(2);
    const refused = await apiFailure(agent.audit.list({ action: 'customer.view' }));
    expect(refused.status).toBe(403);
  });

  it('honours roles: every role may look up, nobody without a token', async () => {
    const admin = await server.login('admin@example.com');
    for (const client of [agent, supervisor, admin]) expect((await client.search.find('cus_LOOKUP0003')).customers).toHaveLength(1);
    const response = await fetch(`${server.url}/v1/search?q=siti`);
    expect(response.status).toBe(401);
  });
});

describe('lookup rate limit', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, clockStart: NOW, settings: { lookupLimit: { max: 5, windowMs: 60_000 } } });
  });
  afterAll(() => server.close());

  it('holds under parallel requests, answers 429 with Retry-After, per agent, and lets the agent in again after the window', async () => {
    const agent = await server.login();
    const other = await server.login('lead@example.com');
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => agent.search.find('nobody@nowhere.example')));
    const refused = await Promise.all(results.filter((r) => r.status === 'rejected').map((r) => apiFailure(Promise.reject(r.reason))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(refused.map((e) => [e.status, e.code])).toEqual(Array.from({ length: 7 }, () => [429, 'rate_limited']));
    expect(refused[0]!.retryAfterSeconds).toBe(60);
    expect(refused[0]!.message).toBe('too many lookups (5 per 60 s); try again in 60 s');
    expect((await other.search.find('nobody@nowhere.example')).tried).toEqual(['email']);
    server.clock.advance(60_001);
    expect((await agent.search.find('nobody@nowhere.example')).tried).toEqual(['email']);
  });
});

async function counts(server: TestServer) {
  const db = server.store.db;
  const count = async (table: 'customers' | 'audit_log' | 'conversations' | 'messages') => Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { customers: await count('customers'), audit: await count('audit_log'), conversations: await count('conversations'), messages: await count('messages') };
}
