import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliHome } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { HAS_TMUX, Terminal } from '../helpers/tmux.js';

/**
 * Whole tasks as an agent does them, in a real terminal: log in at the prompt, claim, answer with a
 * macro, resolve; freeze a wallet with its confirmation; refund a payment.
 */
describe.skipIf(!HAS_TMUX)('an agent’s tasks in a real terminal (tmux, 100x30)', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let term: Terminal | undefined;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-e2e-day-', server.url, { default: 'mei@example.com' }));
  });
  afterEach(() => term?.kill());
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  function start(command: string, extraEnv: Record<string, string> = {}) {
    term = new Terminal();
    term.start(`${command}; echo "EXITED-$?"`, { env: { ...env, ...extraEnv } });
    return term;
  }

  it('logs in at the prompt without echoing the password', async () => {
    const t = start(Terminal.support(`login --api ${server.url}`), { SUPPORT_CONFIG_DIR: join(home, 'prompt-config') });
    await t.waitForText('Email');
    t.type('mei@example.com');
    t.keys('Enter');
    await t.waitForText('Password');
    t.type('demo');
    t.keys('Enter');
    const screen = await t.waitForText('EXITED-0');
    expect(screen).toContain('Logged in to');
    expect(screen).not.toMatch(/Password.*demo/);
  });

  it('claims the next conversation, answers with a macro, and resolves it', async () => {
    const t = start(Terminal.support());
    await t.waitForText('(1/');
    t.keys('n');
    const opened = await t.waitForText('Claimed #');
    const id = Number(/Claimed #(\d+)/.exec(opened)![1]);
    await t.waitForText('Enter to reply');
    t.keys('/');
    await t.waitForText('macros ·');
    t.type('hello');
    await t.waitFor((s) => s.includes('▸ /hello') && !s.includes('Filling the macro'));
    t.keys('Enter');
    // The picker closes and the filled text is in the reply box, in the customer's language.
    await t.waitFor((s) => s.includes('Mei Lin from the support team') || s.includes('saya Mei Lin') || s.includes('客服Mei Lin'));
    const before = await server.store.db.selectFrom('messages').select('id').where('conversation_id', '=', id).execute();
    t.keys('Enter');
    await t.waitForText('Reply to the customer');
    const sent = await waitForRow(() =>
      server.store.db.selectFrom('messages').select(['body', 'author_name']).where('conversation_id', '=', id).where('id', '>', Math.max(0, ...before.map((m) => Number(m.id)))).executeTakeFirst(),
    );
    expect(sent.author_name).toBe('Mei Lin');
    expect(sent.body).toContain('Mei Lin');
    expect(sent.body).not.toContain('{{');
    t.keys('Escape');
    await t.waitForText('Enter to reply');
    t.keys('e');
    await t.waitForText(`Resolved #${id}`);
    const row = await server.store.db.selectFrom('conversations').select(['status', 'assignee_id']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('resolved');
  });

  it('freezes a wallet after the id is typed, then refunds a payment into it', async () => {
    const client = await server.login('mei@example.com');
    let target: { id: number; account: string } | undefined;
    for (const c of await client.queue.listAll()) {
      const ctx = await client.customers.get(c.customer.id);
      const wallet = ctx.accounts[0]!;
      if (ctx.accounts.length === 1 && wallet.status === 'active' && ctx.transactions.some((t) => t.type === 'payment' && t.status === 'succeeded' && t.refundable.amount > 0 && t.accountId === wallet.id)) {
        target = { id: c.id, account: wallet.id };
        break;
      }
    }
    expect(target).toBeDefined();
    const t = start(Terminal.support());
    await t.waitForText('(1/');
    t.keys('/');
    t.type(`#${target!.id}`);
    t.keys('Enter');
    await t.waitFor((s) => s.includes('▸') && s.includes(`#${target!.id} `));
    t.keys('Enter');
    await t.waitForText(`conversation #${target!.id}`);
    await t.waitForText('Enter to reply');
    t.keys('f');
    await t.waitForText('Why?');
    t.keys('Enter');
    await t.waitForText('Note');
    t.type('Unknown device logged in from abroad');
    t.keys('Enter');
    await t.waitForText('Type the wallet id to freeze it');
    t.type(target!.account);
    t.keys('Enter');
    await t.waitForText(`Wallet ${target!.account} is frozen`);
    expect((await client.accounts.get(target!.account)).account.status).toBe('frozen');

    t.keys('r');
    await t.waitForText('Which payment?');
    t.keys('Enter');
    await t.waitForText('left to refund');
    t.keys('Enter');
    await t.waitForText('Reason');
    t.keys('Enter');
    await t.waitForText('Note for the record');
    t.keys('Enter');
    // The confirmation says which way it goes (the amount against Mei's limit); the result must be that way.
    const confirm = await t.waitFor((s) => s.includes('Within your limit') || s.includes('it will wait'));
    const within = confirm.includes('Within your limit');
    const meiId = (await client.me.get()).agent.id;
    const earlier = await server.store.db.selectFrom('refunds').select('id').where('account_id', '=', target!.account).execute();
    t.keys('Enter');
    await t.waitForText(within ? 'Refunded' : 'waits for a supervisor');
    const refunds = await server.store.db
      .selectFrom('refunds')
      .select(['status', 'requested_by', 'reason'])
      .where('account_id', '=', target!.account)
      .where('id', 'not in', ['', ...earlier.map((r) => r.id)])
      .execute();
    expect(refunds).toEqual([{ status: within ? 'succeeded' : 'pending_approval', requested_by: meiId, reason: expect.any(String) }]);
  });
});

async function waitForRow<T>(read: () => Promise<T | undefined>): Promise<T> {
  return vi.waitFor(
    async () => {
      const row = await read();
      if (!row) throw new Error('the row never appeared');
      return row;
    },
    { timeout: 5000, interval: 50 },
  );
}
