import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/api/enums.js';
import type { Macro } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { apiFailure } from '../helpers/expect-failure.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { auditMark, auditSince } from '../helpers/workflow.js';

describe('macros through the client', () => {
  let server: TestServer;
  let agent: SupportClient;
  let lead: SupportClient;
  let admin: SupportClient;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    [agent, lead, admin] = await Promise.all([server.login('agent@example.com'), server.login('lead@example.com'), server.login('admin@example.com')]);
    // The demo's macros speak all three languages; this one loses its Indonesian, for the fallback.
    await admin.macros.update('intl-rate', { bodies: { id: null } });
  });
  afterAll(() => server.close());

  const db = () => server.store.db;

  async function count(table: 'macros' | 'audit_log' | 'events'): Promise<number> {
    const row = await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Categories whose stories name no transaction (the demo's complaints may already have a complaint number). */
  const NO_TRANSACTION = ['login', 'other'];

  /** A conversation of this category (or one of these) whose customer writes this language and has this many wallets. */
  async function conversation(filter: { category?: string | string[]; language?: string; wallets?: number }) {
    const rows = await db()
      .selectFrom('conversations')
      .innerJoin('customers', 'customers.id', 'conversations.customer_id')
      .select(['conversations.id', 'conversations.customer_id', 'customers.language', 'customers.name'])
      .$if(filter.category !== undefined, (q) => q.where('conversations.category', 'in', [filter.category!].flat()))
      .$if(filter.language !== undefined, (q) => q.where('customers.language', '=', filter.language!))
      .orderBy('conversations.id')
      .execute();
    for (const row of rows) {
      // One that an earlier test gave a complaint fills {{complaint.number}}: not what the callers want.
      if (await db().selectFrom('complaints').select('number').where('conversation_id', '=', row.id).executeTakeFirst()) continue;
      const wallets = await db().selectFrom('wallet_accounts').select(['id', 'currency']).where('customer_id', '=', row.customer_id).orderBy('created_at').orderBy('id').execute();
      if (filter.wallets === undefined || wallets.length === filter.wallets) return { ...row, wallets };
    }
    throw new Error(`no demo conversation matches ${JSON.stringify(filter)}`);
  }

  async function transactionsOf(customerId: string) {
    return db()
      .selectFrom('transactions')
      .innerJoin('wallet_accounts', 'wallet_accounts.id', 'transactions.account_id')
      .select(['transactions.id', 'transactions.account_id'])
      .where('wallet_accounts.customer_id', '=', customerId)
      .orderBy('transactions.id')
      .execute();
  }

  /** A transaction of some other customer. */
  async function foreignTransaction(customerId: string) {
    return db()
      .selectFrom('transactions')
      .innerJoin('wallet_accounts', 'wallet_accounts.id', 'transactions.account_id')
      .select(['transactions.id', 'transactions.account_id', 'wallet_accounts.customer_id'])
      .where('wallet_accounts.customer_id', '<>', customerId)
      .orderBy('transactions.id')
      .executeTakeFirstOrThrow();
  }

  async function customerSays(conversationId: number, customerId: string, body: string) {
    await db()
      .insertInto('messages')
      .values({ conversation_id: conversationId, client_message_id: null, kind: 'reply', author_type: 'customer', author_id: customerId, author_name: 'Customer', body, created_at: server.clock.now })
      .execute();
  }

  describe('listing and reading', () => {
    it('lists the demo macros with shortcut, languages and variables: every category has one in Chinese and English', async () => {
      const all = await agent.macros.listAll();
      expect(all.length).toBeGreaterThanOrEqual(CATEGORIES.length);
      expect(all.map((m) => m.shortcut)).toEqual([...all.map((m) => m.shortcut)].sort());
      for (const category of CATEGORIES) {
        const ofCategory = all.filter((m) => m.category === category);
        expect(ofCategory.length, category).toBeGreaterThan(0);
        expect(ofCategory.every((m) => m.languages.includes('zh') && m.languages.includes('en')), category).toBe(true);
      }
      const balance = all.find((m) => m.shortcut === 'pay-balance')!;
      expect(balance).toMatchObject({ category: 'payment_failed', languages: ['en', 'zh', 'id'], variables: ['customer.name', 'transaction.id', 'account.id'] });
      expect(balance.id).toMatch(/^mac_/);
    });

    it('filters by category, language and text, and pages with cursors without gaps', async () => {
      const refunds = await agent.macros.list({ category: 'refund' });
      expect(refunds.data.map((m) => m.shortcut)).toEqual(['refund-proof', 'refund-time']);
      const indonesian = await agent.macros.listAll({ language: 'id' });
      expect(indonesian.every((m) => m.languages.includes('id'))).toBe(true);
      expect(indonesian.map((m) => m.shortcut)).not.toContain('intl-rate');
      expect((await agent.macros.list({ q: 'PAY-' })).data.map((m) => m.shortcut)).toEqual(['pay-balance', 'pay-limit', 'pay-network', 'pay-payee']);
      expect((await agent.macros.list({ q: 'second review' })).data.map((m) => m.shortcut)).toEqual(['complaint-review']);
      expect((await agent.macros.list({ q: '100%_' })).data).toEqual([]);

      const whole = await agent.macros.listAll();
      const paged: Macro[] = [];
      let cursor: string | undefined;
      do {
        const page = await agent.macros.list({ limit: 3, ...(cursor ? { cursor } : {}) });
        expect(page.data.length).toBeLessThanOrEqual(3);
        paged.push(...page.data);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(paged.map((m) => m.id)).toEqual(whole.map((m) => m.id));
    });

    it('reads a macro by shortcut or by id; an unknown one is 404', async () => {
      const byShortcut = await agent.macros.get('hello');
      expect(await agent.macros.get(byShortcut.id)).toEqual(byShortcut);
      const missing = await apiFailure(agent.macros.get('no-such-macro'));
      expect([missing.status, missing.code, missing.message]).toEqual([404, 'not_found', 'macro no-such-macro does not exist']);
      expect((await apiFailure(agent.macros.get('Bad Ref'))).code).toBe('validation_failed');
    });
  });

  describe('rendering for a conversation', () => {
    it("fills the variables from the conversation in the customer's language, and says where each came from", async () => {
      const c = await conversation({ category: 'payment_failed', language: 'zh' });
      const mentioned = (await db().selectFrom('messages').select('body').where('conversation_id', '=', c.id).orderBy('id').executeTakeFirstOrThrow()).body.match(/txn_\w+/)![0];
      const txn = (await transactionsOf(c.customer_id)).find((t) => t.id === mentioned)!;
      const rendered = await lead.macros.render('pay-balance', { conversationId: c.id });
      expect(rendered).toMatchObject({ conversationId: c.id, language: 'zh', requestedLanguage: 'zh', fallback: false, notice: null, macro: { shortcut: 'pay-balance' } });
      expect(rendered.text).toBe(`${c.name}您好，交易 ${txn.id} 失败是因为当时钱包 ${txn.account_id} 的余额不足，没有扣款。请充值后重试。`);
      expect(rendered.variables).toEqual([
        { name: 'customer.name', value: c.name, source: `customer ${c.customer_id}` },
        { name: 'transaction.id', value: txn.id, source: 'mentioned in the conversation' },
        { name: 'account.id', value: txn.account_id, source: `the account of ${txn.id}` },
      ]);
      // {{agent.name}} is whoever renders.
      expect((await lead.macros.render('hello', { conversationId: c.id })).text).toContain('我是客服Wei Chen');
      expect((await agent.macros.render('hello', { conversationId: c.id })).text).toContain('我是客服Ayu Lestari');
    });

    it('falls back to English when the macro has no text in the customer language, and says so', async () => {
      const c = await conversation({ category: 'international', language: 'id' });
      const rendered = await agent.macros.render('intl-rate', { conversationId: c.id });
      expect(rendered).toMatchObject({ language: 'en', requestedLanguage: 'id', fallback: true, notice: 'this macro has no Indonesian text; the English text is used' });
      expect(rendered.text).toMatch(/^Payment txn_\w+ was converted at the exchange rate/);
      // Asking for a language overrides the customer's.
      const chinese = await agent.macros.render('intl-rate', { conversationId: c.id, language: 'zh' });
      expect(chinese).toMatchObject({ language: 'zh', requestedLanguage: 'zh', fallback: false, notice: null });
      expect(chinese.text).toMatch(/^交易 txn_\w+ 按付款时的汇率换算/);
    });

    it('refuses {{transaction.id}} when the conversation mentions none, naming the variable, and takes transactionId', async () => {
      const c = await conversation({ category: 'login', wallets: 1 });
      const error = await apiFailure(agent.macros.render('transfer-pending', { conversationId: c.id }));
      expect([error.status, error.code]).toEqual([422, 'macro_variable_unfillable']);
      expect(error.message).toBe(`cannot fill {{transaction.id}}: conversation ${c.id} mentions no transaction of this customer; pass the transaction id (transactionId)`);
      // The field error is the reason alone: clients say in their own words how to give the value.
      expect(error.problem?.errors).toEqual([{ field: '{{transaction.id}}', message: `conversation ${c.id} mentions no transaction of this customer` }]);

      const [txn] = await transactionsOf(c.customer_id);
      const explicit = await agent.macros.render('transfer-pending', { conversationId: c.id, transactionId: txn!.id });
      expect(explicit.text).toMatch(new RegExp(`^(Transfer|转账) ${txn!.id} `));
      expect(explicit.variables[0]).toEqual({ name: 'transaction.id', value: txn!.id, source: 'the transactionId parameter' });
    });

    it('refuses an ambiguous transaction, listing the candidates, and ignores ids that are not this customer’s', async () => {
      const c = await conversation({ category: 'login', wallets: 1 });
      const [first, second] = await transactionsOf(c.customer_id);
      const foreign = await foreignTransaction(c.customer_id);
      await customerSays(c.id, c.customer_id, `Also what about ${foreign.id} and txn_doesNotExist1?`);
      await customerSays(c.id, c.customer_id, `It was ${first!.id}.`);
      const one = await agent.macros.render('refund-proof', { conversationId: c.id });
      expect(one.variables).toEqual([{ name: 'transaction.id', value: first!.id, source: 'mentioned in the conversation' }]);

      await customerSays(c.id, c.customer_id, `and ${second!.id} too`);
      const error = await apiFailure(agent.macros.render('refund-proof', { conversationId: c.id }));
      expect(error.code).toBe('macro_variable_unfillable');
      expect(error.message).toBe(
        `cannot fill {{transaction.id}}: conversation ${c.id} mentions 2 transactions (${[first!.id, second!.id].sort().join(', ')}); pass the one you mean (transactionId)`,
      );
      expect((await agent.macros.render('refund-proof', { conversationId: c.id, transactionId: second!.id })).text).toContain(second!.id);
    });

    it('takes {{account.id}} from the transaction, else the only wallet, and refuses a choice among several', async () => {
      const single = await conversation({ category: 'login', wallets: 1 });
      const onlyWallet = await agent.macros.render('sec-frozen', { conversationId: single.id });
      expect(onlyWallet.variables).toEqual([{ name: 'account.id', value: single.wallets[0]!.id, source: "the customer's only wallet" }]);

      const double = await conversation({ category: NO_TRANSACTION, wallets: 2 });
      const error = await apiFailure(agent.macros.render('sec-frozen', { conversationId: double.id }));
      expect(error.code).toBe('macro_variable_unfillable');
      expect(error.message).toBe(
        `cannot fill {{account.id}}: customer ${double.customer_id} has 2 wallets (${double.wallets.map((w) => `${w.id} ${w.currency}`).join(', ')}) and no single transaction is in question; pass accountId or transactionId`,
      );
      const chosen = await agent.macros.render('sec-frozen', { conversationId: double.id, accountId: double.wallets[1]!.id });
      expect(chosen.variables[0]).toEqual({ name: 'account.id', value: double.wallets[1]!.id, source: 'the accountId parameter' });
      const txn = (await transactionsOf(double.customer_id)).find((t) => t.account_id === double.wallets[1]!.id)!;
      const viaTransaction = await agent.macros.render('sec-frozen', { conversationId: double.id, transactionId: txn.id });
      expect(viaTransaction.variables[0]).toEqual({ name: 'account.id', value: txn.account_id, source: `the account of ${txn.id}` });
    });

    it('refuses a transactionId or accountId that is not the customer’s, even when the macro does not use it', async () => {
      const c = await conversation({ category: NO_TRANSACTION, wallets: 2 });
      const foreignTxn = await foreignTransaction(c.customer_id);
      const txn = await apiFailure(agent.macros.render('hello', { conversationId: c.id, transactionId: foreignTxn.id }));
      expect([txn.status, txn.code, txn.message]).toEqual([422, 'unprocessable', `transactionId: ${foreignTxn.id} is not a transaction of customer ${c.customer_id}`]);
      const account = await apiFailure(agent.macros.render('hello', { conversationId: c.id, accountId: foreignTxn.account_id }));
      expect(account.message).toBe(`accountId: ${foreignTxn.account_id} is not a wallet of customer ${c.customer_id}`);
      const ownTxn = (await transactionsOf(c.customer_id)).find((t) => t.account_id === c.wallets[0]!.id)!;
      const mismatch = await apiFailure(agent.macros.render('sec-frozen', { conversationId: c.id, transactionId: ownTxn.id, accountId: c.wallets[1]!.id }));
      expect(mismatch.message).toBe(`accountId: ${c.wallets[1]!.id} is not the account of ${ownTxn.id} (that is ${ownTxn.account_id})`);
    });

    it('refuses {{complaint.number}} until the conversation has a complaint, then fills it', async () => {
      const c = await conversation({ category: 'other' });
      const error = await apiFailure(agent.macros.render('complaint-received', { conversationId: c.id }));
      expect([error.status, error.code]).toEqual([422, 'macro_variable_unfillable']);
      expect(error.fieldErrors).toEqual([`{{complaint.number}}: conversation ${c.id} has no complaint yet; open one first (support complaint create ${c.id})`]);
      const complaint = await agent.complaints.create({ conversationId: c.id });
      const rendered = await agent.macros.render('complaint-received', { conversationId: c.id });
      expect(rendered.text).toContain(complaint.number);
      expect(rendered.variables.find((v) => v.name === 'complaint.number')).toEqual({ name: 'complaint.number', value: complaint.number, source: "the conversation's open complaint" });
    });

    it('names every variable it cannot fill at once', async () => {
      const c = await conversation({ category: NO_TRANSACTION, wallets: 2 });
      await admin.macros.create({ name: 'Everything', shortcut: 'everything', bodies: { en: '{{customer.name}} {{transaction.id}} {{account.id}} {{complaint.number}} {{agent.name}}' } });
      const error = await apiFailure(agent.macros.render('everything', { conversationId: c.id }));
      expect(error.code).toBe('macro_variable_unfillable');
      expect(error.problem?.errors?.map((e) => e.field)).toEqual(['{{transaction.id}}', '{{account.id}}', '{{complaint.number}}']);
      expect(error.message).toMatch(/^cannot fill \{\{transaction\.id\}\}, \{\{account\.id\}\}, \{\{complaint\.number\}\}: /);
    });

    it('stops a stored macro with an unknown variable or broken braces, naming it, instead of sending blanks', async () => {
      const c = await conversation({ category: 'login' });
      const now = server.clock.now;
      await db()
        .insertInto('macros')
        .values([
          { id: 'mac_legacy000001', name: 'Legacy', shortcut: 'legacy', category: null, bodies: JSON.stringify({ en: 'Dear {{customer.nmae}}, ref {{ticket.id}}' }), created_by: null, created_at: now, updated_at: now },
          { id: 'mac_legacy000002', name: 'Broken', shortcut: 'broken', category: null, bodies: JSON.stringify({ en: 'Dear {{customer.name}, hi' }), created_by: null, created_at: now, updated_at: now },
        ])
        .execute();
      const unknown = await apiFailure(agent.macros.render('legacy', { conversationId: c.id }));
      expect([unknown.status, unknown.code]).toEqual([422, 'macro_variable_unknown']);
      expect(unknown.message).toBe('macro "legacy" uses {{customer.nmae}}, {{ticket.id}}, which are not known variables; an admin must fix the macro');
      expect(unknown.problem?.errors?.map((e) => e.field)).toEqual(['{{customer.nmae}}', '{{ticket.id}}']);
      const broken = await apiFailure(agent.macros.render('broken', { conversationId: c.id }));
      expect([broken.status, broken.code]).toEqual([422, 'macro_template_malformed']);
      expect(broken.message).toContain('has a "{{" without its closing "}}"');
    });

    it('answers 404 for an unknown macro or conversation', async () => {
      expect((await apiFailure(agent.macros.render('nope', { conversationId: 1 }))).message).toBe('macro nope does not exist');
      expect((await apiFailure(agent.macros.render('hello', { conversationId: 999_999 }))).message).toBe('conversation 999999 does not exist');
    });
  });

  describe('saving (admins)', () => {
    const valid = { name: 'Top-up pending', shortcut: 'topup-pending', category: 'other' as const, bodies: { en: 'Hi {{customer.name}}, your top-up to {{account.id}} is on its way.', zh: '{{customer.name}}您好，充值正在处理中。' } };

    it('creates a macro, with an audit record and an event, that everyone can then list and render', async () => {
      const [audits, events] = [await count('audit_log'), await count('events')];
      const created = await admin.macros.create(valid);
      expect(created).toMatchObject({ name: 'Top-up pending', shortcut: 'topup-pending', category: 'other', languages: ['en', 'zh'], variables: ['customer.name', 'account.id'] });
      expect(await agent.macros.get('topup-pending')).toEqual(created);
      const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'macro.created').where('target_id', '=', created.id).executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after!)).toEqual(created);
      expect(audit.actor_role).toBe('admin');
      expect(await count('audit_log')).toBe(audits + 1);
      expect(await count('events')).toBe(events + 1);
      const event = await db().selectFrom('events').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(event.type).toBe('macro.created');
    });

    it('refuses unknown variables, broken braces, blank texts and a missing English text, and stores nothing', async () => {
      const before = [await count('macros'), await count('events')];
      const mark = await auditMark(db());
      const unknown = await apiFailure(admin.macros.create({ ...valid, shortcut: 'x-unknown', name: 'x1', bodies: { en: 'Hi {{customer.name}}', zh: '您好 {{customer.nmae}}' } }));
      expect([unknown.status, unknown.code]).toEqual([422, 'macro_variable_unknown']);
      expect(unknown.message).toBe('bodies.zh {{customer.nmae}} is not a known variable; use one of {{customer.name}}, {{account.id}}, {{transaction.id}}, {{complaint.number}}, {{agent.name}}, {{incident.title}}, {{incident.eta}}, {{incident.update}}');
      expect(unknown.problem?.errors?.[0]?.field).toBe('bodies.zh');
      const malformed = await apiFailure(admin.macros.create({ ...valid, shortcut: 'x-broken', name: 'x2', bodies: { en: 'Hi {{customer.name}' } }));
      expect([malformed.status, malformed.code]).toEqual([422, 'macro_template_malformed']);
      const blank = await apiFailure(admin.macros.create({ ...valid, shortcut: 'x-blank', name: 'x3', bodies: { en: 'ok', id: '   ' } }));
      expect([blank.status, blank.code, blank.message]).toEqual([400, 'validation_failed', 'bodies.id is blank']);
      const noEnglish = await apiFailure(admin.macros.create({ ...valid, shortcut: 'x-zh', name: 'x4', bodies: { zh: '您好' } as never }));
      expect([noEnglish.status, noEnglish.code]).toEqual([400, 'validation_failed']);
      expect(noEnglish.fieldErrors).toContain('bodies.en: is required');
      const badShortcut = await apiFailure(admin.macros.create({ ...valid, shortcut: 'Has_Underscore', name: 'x5' }));
      expect(badShortcut.fieldErrors).toEqual(['shortcut: must be 1 to 32 lowercase letters, digits or -, starting with a letter or digit']);
      expect([await count('macros'), await count('events')]).toEqual(before);
      // The template refusals are audited as denied; malformed bodies (400) are not refusals and leave none.
      const adminId = (await admin.me.get()).agent.id;
      expect(await auditSince(db(), mark)).toEqual([
        ['denied', 'macro.created', adminId, 'macro_variable_unknown'],
        ['denied', 'macro.created', adminId, 'macro_template_malformed'],
      ]);
    });

    it('refuses a shortcut or name in use (names case-insensitively), and stores nothing', async () => {
      const before = await count('macros');
      const shortcut = await apiFailure(admin.macros.create({ ...valid, name: 'Another name', shortcut: 'hello' }));
      expect([shortcut.status, shortcut.code, shortcut.message]).toEqual([409, 'macro_shortcut_taken', 'the shortcut "hello" is taken by the macro "Greeting"; choose another']);
      const name = await apiFailure(admin.macros.create({ ...valid, name: 'GREETING', shortcut: 'greeting-2' }));
      expect([name.status, name.code]).toEqual([409, 'macro_name_taken']);
      expect(await count('macros')).toBe(before);
    });

    it('lets one of many concurrent creations with the same shortcut, or name, win; the others are 409', async () => {
      const attempts = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => admin.macros.create({ name: `Race ${i}`, shortcut: 'race', bodies: { en: `Race ${i}` } })),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      for (const a of attempts) if (a.status === 'rejected') expect((a.reason as { status: number }).status).toBe(409);
      expect(await db().selectFrom('macros').select('id').where('shortcut', '=', 'race').execute()).toHaveLength(1);

      // Names differing only in case, at once: the database's own index on lower(name) decides.
      const names = await Promise.allSettled(['Same Name', 'SAME NAME', 'same name', 'Same name'].map((name, i) => admin.macros.create({ name, shortcut: `same-${i}`, bodies: { en: 'x' } })));
      expect(names.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      for (const a of names) if (a.status === 'rejected') expect((a.reason as { code: string }).code).toBe('macro_name_taken');
    });

    it('updates the fields sent, merging texts per language; a language set to null is removed', async () => {
      const created = await admin.macros.create({ name: 'Update me', shortcut: 'update-me', bodies: { en: 'Hello {{customer.name}}', zh: '你好', id: 'Halo' } });
      server.clock.advance(1000);
      const updated = await admin.macros.update('update-me', { shortcut: 'updated', bodies: { zh: '您好 {{customer.name}}', id: null }, category: 'login' });
      expect(updated).toMatchObject({ id: created.id, name: 'Update me', shortcut: 'updated', category: 'login', languages: ['en', 'zh'], bodies: { en: 'Hello {{customer.name}}', zh: '您好 {{customer.name}}' } });
      expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
      const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'macro.updated').where('target_id', '=', created.id).executeTakeFirstOrThrow();
      expect(JSON.parse(audit.before!)).toEqual(created);
      expect(JSON.parse(audit.after!)).toEqual(updated);
      expect((await admin.macros.update(created.id, { category: null })).category).toBeNull();
    });

    it('refuses an update that would break the macro, and changes nothing', async () => {
      const created = await admin.macros.create({ name: 'Keep me', shortcut: 'keep-me', bodies: { en: 'Hello {{customer.name}}', zh: '你好' } });
      const stored = async () => db().selectFrom('macros').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      const before = [await stored(), await count('events')];
      const mark = await auditMark(db());
      const unknown = await apiFailure(admin.macros.update('keep-me', { name: 'Renamed', bodies: { zh: '你好 {{agent.nmae}}' } }));
      expect(unknown.code).toBe('macro_variable_unknown');
      const english = await apiFailure(admin.macros.update('keep-me', { bodies: { en: null } as never }));
      expect([english.code, english.message]).toEqual(['validation_failed', 'bodies.en cannot be removed: English is the text every customer can fall back to']);
      const taken = await apiFailure(admin.macros.update('keep-me', { shortcut: 'hello' }));
      expect(taken.code).toBe('macro_shortcut_taken');
      const empty = await apiFailure(admin.macros.update('keep-me', {}));
      expect(empty.message).toBe('nothing to change: send one or more of name, shortcut, category, bodies');
      expect((await apiFailure(admin.macros.update('no-such', { name: 'x' }))).status).toBe(404);
      expect([await stored(), await count('events')]).toEqual(before);
      // Refusals are audited as denied; malformed bodies and the missing macro leave no entry.
      const adminId = (await admin.me.get()).agent.id;
      expect(await auditSince(db(), mark)).toEqual([
        ['denied', 'macro.updated', adminId, 'macro_variable_unknown'],
        ['denied', 'macro.updated', adminId, 'macro_shortcut_taken'],
      ]);
    });

    it('deletes a macro, with an audit record; it is gone for everyone', async () => {
      const created = await admin.macros.create({ name: 'Delete me', shortcut: 'delete-me', bodies: { en: 'bye' } });
      await admin.macros.delete('delete-me');
      expect((await apiFailure(agent.macros.get(created.id))).status).toBe(404);
      expect((await apiFailure(admin.macros.delete('delete-me'))).status).toBe(404);
      const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'macro.deleted').where('target_id', '=', created.id).executeTakeFirstOrThrow();
      expect(JSON.parse(audit.before!)).toEqual(created);
    });

    it('lets only admins create, change and delete: agents and supervisors get 403 and nothing changes', async () => {
      const before = [await db().selectFrom('macros').selectAll().orderBy('id').execute(), await count('audit_log')];
      for (const client of [agent, lead]) {
        const created = await apiFailure(client.macros.create({ name: 'Mine', shortcut: 'mine', bodies: { en: 'x' } }));
        expect([created.status, created.code]).toEqual([403, 'forbidden']);
        expect((await apiFailure(client.macros.update('hello', { name: 'Hijacked' }))).status).toBe(403);
        expect((await apiFailure(client.macros.delete('hello'))).status).toBe(403);
      }
      // Each refusal is recorded as denied, by whom and on what; nothing else changes.
      const denied = await db().selectFrom('audit_log').select(['action', 'actor_role', 'target_id', 'outcome']).orderBy('id').offset(Number(before[1])).limit(10).execute();
      expect(denied.map((a) => `${a.action} ${a.target_id} by ${a.actor_role}: ${a.outcome}`)).toEqual(
        ['agent', 'supervisor'].flatMap((role) => [`macro.created /v1/macros by ${role}: denied`, `macro.updated hello by ${role}: denied`, `macro.deleted hello by ${role}: denied`]),
      );
      expect(await db().selectFrom('macros').selectAll().orderBy('id').execute()).toEqual(before[0]);
    });
  });
});
