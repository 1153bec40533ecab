import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { cliHome } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { HAS_TMUX, Terminal } from '../helpers/tmux.js';

/** A demo customer with a phone and one active wallet, and the phone in another writing (no +, dashes). */
async function caller(client: SupportClient) {
  for (const c of await client.queue.listAll()) {
    const context = await client.customers.get(c.customer.id);
    const phone = context.customer.phone;
    if (phone && context.accounts.length === 1 && context.accounts[0]!.status === 'active') {
      const digits = phone.replace(/\D/g, '');
      return { context, account: context.accounts[0]!, written: `${digits.slice(0, 2)} ${digits.slice(2, 5)}-${digits.slice(5, 9)}-${digits.slice(9)}` };
    }
  }
  throw new Error('no demo customer with a phone and one active wallet');
}

describe.skipIf(!HAS_TMUX)('the stolen-phone path in a real terminal: support call, freeze, the call logged with its summary', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let term: Terminal | undefined;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-call-e2e-', server.url, { default: 'agent@example.com' }));
  });
  afterEach(() => term?.kill());
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('opens on the caller’s screen, freezes with the typed wallet id, and ends the logged call with its summary', async () => {
    const client = await server.login();
    const { context, account, written } = await caller(client);
    term = new Terminal();
    term.start(`${Terminal.support(`call '+${written}'`)}; echo "SUPPORT-EXITED-$?"`, { cols: 120, rows: 36, env });
    await term.waitFor((s) => s.includes(`customer ${context.customer.id}`) && s.includes('Wallets:'));
    const logging = await term.waitForText('Logging a call as #');
    expect(logging).toContain(context.customer.phone!);
    const conversationId = Number(/Logging a call as #(\d+)/.exec(logging)![1]);

    term.keys('f');
    await term.waitForText('Why?');
    term.keys('Enter');
    await term.waitForText('Note');
    term.type('Caller reports the phone stolen');
    term.keys('Enter');
    await term.waitForText('Type the wallet id to freeze it');
    term.type(account.id);
    term.keys('Enter');
    await term.waitForText(`Wallet ${account.id} is frozen`);

    term.keys('l');
    await term.waitForText('Summary of the call');
    term.type('Phone stolen; wallet frozen until an identity check');
    term.keys('Enter');
    await term.waitForText(`Call #${conversationId} ended`);

    expect((await client.accounts.get(account.id)).account.status).toBe('frozen');
    const row = await server.store.db.selectFrom('conversations').select(['channel', 'customer_id', 'call_summary', 'call_ended_at']).where('id', '=', conversationId).executeTakeFirstOrThrow();
    expect([row.channel, row.customer_id, row.call_summary]).toEqual(['phone', context.customer.id, 'Phone stolen; wallet frozen until an identity check']);
    expect(row.call_ended_at).not.toBeNull();

    term.keys('C-c');
    await term.waitForText('SUPPORT-EXITED-0');
  });

  it('says when nobody has the number and opens the lookup with it typed in', async () => {
    term = new Terminal();
    term.start(`${Terminal.support(`call '+65 9000 0000'`)}; echo "SUPPORT-EXITED-$?"`, { cols: 120, rows: 36, env });
    await term.waitFor((s) => s.includes('Find › +65 9000 0000') && s.includes('Nothing matches'));
    term.keys('C-c');
    await term.waitForText('SUPPORT-EXITED-0');
  });
});
