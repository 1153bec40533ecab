import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Suggestions } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const NOW = Date.UTC(2026, 11, 3, 9, 0, 0);

describe('suggestions (POST /v1/assist/suggest)', () => {
  let server: TestServer;
  let agent: SupportClient;
  let admin: SupportClient;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, clockStart: NOW });
    agent = await server.login();
    admin = await server.login('admin@example.com');
  });
  afterAll(() => server.close());

  /** Suggestions once every committed event has reached the index: what a change made is in it. */
  const suggestSettled = async (input: Parameters<SupportClient['assist']['suggest']>[0]): Promise<Suggestions> => {
    server.ctx.bus.notify();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await server.ctx.assist.settled();
    return agent.assist.suggest(input);
  };
  const shortcuts = (s: Suggestions) => s.suggestions.filter((x) => x.kind === 'macro').map((x) => x.shortcut);

  it('answers a text with the macro that fits, its category, priority and language', async () => {
    const stolen = await agent.assist.suggest({ text: 'akun saya dibobol, saldo hilang' });
    expect([stolen.language, stolen.languageDetected, stolen.category.category, stolen.priority.priority, stolen.conversationId]).toEqual(['id', true, 'account_security', 'urgent', null]);
    expect(shortcuts(stolen).slice(0, 3)).toContain('sec-unknown');
    // Past replies of the demo desk's settled conversations compete with the macros.
    expect(stolen.suggestions[0]!.category).toBe('account_security');
    // The preview is the macro's Indonesian text, variables as they are.
    expect(stolen.suggestions.find((s) => s.shortcut === 'sec-unknown')!.preview).toMatch(/^Halo \{\{customer\.name\}\}, terima kasih/);
    expect(stolen.categories.map((c) => c.category).sort()).toHaveLength(8);
    expect(stolen.categories.reduce((sum, c) => sum + c.score, 0)).toBeCloseTo(1, 2);
    expect(stolen.suggestions.map((s) => s.score)).toEqual([...stolen.suggestions.map((s) => s.score)].sort((a, b) => b - a));

    const rate = await agent.assist.suggest({ text: '用日元付款，汇率好像不对' });
    expect([rate.language, rate.category.category]).toEqual(['zh', 'international']);
    expect(shortcuts(rate).slice(0, 3)).toContain('intl-rate');
    expect(rate.suggestions.find((s) => s.shortcut === 'intl-rate')!.preview).toMatch(/汇率/);

    // A language named by the caller is used for the previews and not detected.
    const named = await agent.assist.suggest({ text: 'forgot my password', language: 'zh', limit: 2 });
    expect([named.language, named.languageDetected, named.suggestions.length]).toEqual(['zh', false, 2]);
    expect(named.suggestions[0]).toMatchObject({ shortcut: 'login-reset', preview: expect.stringMatching(/忘记密码/) as unknown });
  });

  it('reads a conversation: the customer’s latest words, the conversation’s category and the customer’s failed payments', async () => {
    const [customer] = await server.store.db.selectFrom('customers').select(['id']).where('language', '=', 'en').limit(1).execute();
    const opened = await admin.conversations.open({ customerId: customer!.id, channel: 'chat', category: 'other', subject: 'hello', body: 'hi there' });
    const id = opened.conversation.id;
    await admin.conversations.inbound(id, { body: 'i sent money to my brother’s bank two days ago and he still has nothing' });
    const answer = await agent.assist.suggest({ conversationId: id });
    expect([answer.conversationId, answer.language, answer.category.category]).toEqual([id, 'en', 'transfer_delay']);
    expect(shortcuts(answer)[0]).toBe('transfer-pending');
  });

  it('takes the customer’s failed payments of the last 7 days as a signal', async () => {
    const base = { language: 'en', kyc_level: 'full', two_factor_enabled: 1, created_at: NOW - 86_400_000, email: null, phone: null };
    await server.store.db.insertInto('customers').values([{ ...base, id: 'cus_ASSIST0001', name: 'Failed Recently' }, { ...base, id: 'cus_ASSIST0002', name: 'Failed Long Ago' }]).execute();
    await server.store.db
      .insertInto('wallet_accounts')
      .values([
        { id: 'wal_ASSIST01', customer_id: 'cus_ASSIST0001', currency: 'IDR', balance: 0, status: 'active', created_at: NOW, updated_at: NOW },
        { id: 'wal_ASSIST02', customer_id: 'cus_ASSIST0002', currency: 'IDR', balance: 0, status: 'active', created_at: NOW, updated_at: NOW },
      ])
      .execute();
    const failed = (id: string, account: string, ageDays: number) => ({
      id, account_id: account, type: 'payment', status: 'failed', amount: 50_000, currency: 'IDR', refunded_amount: 0, failure_reason: 'insufficient_balance',
      counterparty: 'Tokopedia', description: 'x', foreign_amount: null, foreign_currency: null, exchange_rate: null, created_at: NOW - ageDays * 86_400_000,
    });
    await server.store.db.insertInto('transactions').values([failed('txn_ASSIST00001', 'wal_ASSIST01', 1), failed('txn_ASSIST00002', 'wal_ASSIST02', 30)]).execute();
    const ask = async (customerId: string) => {
      const { conversation } = await admin.conversations.open({ customerId, channel: 'chat', category: 'other', subject: 'hi', body: 'hello, it did not work this morning, what happened?' });
      return agent.assist.suggest({ conversationId: conversation.id });
    };
    const recent = await ask('cus_ASSIST0001');
    expect([recent.category.category, shortcuts(recent)[0]]).toEqual(['payment_failed', 'pay-balance']);
    const old = await ask('cus_ASSIST0002');
    expect(old.category.category).not.toBe('payment_failed');
  });

  it('follows macros as admins save, change and delete them, without a restart', async () => {
    const question = 'can i pay with durian points at the night market';
    expect(shortcuts(await suggestSettled({ text: question }))).not.toContain('durian-points');
    const macro = await admin.macros.create({ name: 'Durian points', shortcut: 'durian-points', category: 'other', bodies: { en: 'Durian points can be spent at every night market stall that shows our sticker.' } });
    const created = await suggestSettled({ text: question });
    expect(created.suggestions[0]).toMatchObject({ kind: 'macro', id: macro.id, shortcut: 'durian-points', name: 'Durian points', category: 'other' });

    await admin.macros.update(macro.id, { bodies: { en: 'Rambutan stamps are collected at the harbour kiosk.' } });
    expect(shortcuts(await suggestSettled({ text: question }))).not.toContain('durian-points');
    expect((await suggestSettled({ text: 'where do i collect rambutan stamps' })).suggestions[0]).toMatchObject({ id: macro.id });

    await admin.macros.delete(macro.id);
    expect(shortcuts(await suggestSettled({ text: 'where do i collect rambutan stamps' }))).not.toContain('durian-points');
  });

  it('suggests a past reply once its conversation is resolved, and forgets it when it is reopened', async () => {
    const [customer] = await server.store.db.selectFrom('customers').select(['id']).limit(1).execute();
    const opened = await admin.conversations.open({ customerId: customer!.id, channel: 'chat', category: 'other', subject: 'stickers', body: 'my cashback sticker album vanished from the app' });
    const id = opened.conversation.id;
    await agent.conversations.send(id, { body: 'The sticker album moved under Rewards > Albums in the last update; your stickers are all there.' });
    const question = { text: 'where did the cashback sticker album go' };
    expect((await suggestSettled(question)).suggestions.some((s) => s.kind === 'reply')).toBe(false);

    await agent.conversations.resolve(id);
    const resolved = await suggestSettled(question);
    expect(resolved.suggestions[0]).toMatchObject({ kind: 'reply', conversationId: id, category: 'other', preview: expect.stringMatching(/^The sticker album moved/) as unknown });

    await agent.conversations.reopen(id);
    expect((await suggestSettled(question)).suggestions.some((s) => s.kind === 'reply' && s.conversationId === id)).toBe(false);
  });

  it('refuses a blank or oversized text, both or neither input, an unknown conversation: 4xx, nothing recorded', async () => {
    const counts = async () => {
      const [audit, events] = await Promise.all([
        server.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
        server.store.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
      ]);
      return [Number(audit.n), Number(events.n)];
    };
    const before = await counts();
    const cases: [unknown, number, string, RegExp][] = [
      [{ text: '' }, 400, 'validation_failed', /text/],
      [{ text: '   \n ' }, 400, 'validation_failed', /text is blank/],
      [{ text: 'x'.repeat(20_001) }, 400, 'validation_failed', /text/],
      [{}, 400, 'validation_failed', /conversationId .* or text/],
      [{ text: 'refund', conversationId: 1 }, 400, 'validation_failed', /either conversationId or text, not both/],
      [{ conversationId: 999_999 }, 404, 'not_found', /conversation 999999/],
      [{ text: 'refund', language: 'fr' }, 400, 'validation_failed', /language/],
    ];
    for (const [json, status, code, detail] of cases) {
      const error = await apiFailure(agent.request('POST', 'v1/assist/suggest', { json }));
      expect([JSON.stringify(json).slice(0, 40), error.status, error.code], error.message).toEqual([JSON.stringify(json).slice(0, 40), status, code]);
      expect(error.message).toMatch(detail);
    }
    expect(await counts()).toEqual(before);
  });
});
