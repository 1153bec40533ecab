import { describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { ENTER, ESC, workspaceSuite } from '../helpers/workspace-harness.js';

/** A customer in the queue with exactly one wallet, active, and one of their conversations. */
async function customerWithWallet(client: SupportClient, skip: ReadonlySet<string> = new Set()) {
  for (const c of await client.queue.listAll()) {
    if (skip.has(c.customer.id)) continue;
    const context = await client.customers.get(c.customer.id);
    if (context.accounts.length === 1 && context.accounts[0]!.status === 'active' && context.transactions.length > 0) return { conversation: c, context, account: context.accounts[0]! };
  }
  throw new Error('no fitting demo customer');
}

describe('the customer screen', () => {
  const suite = workspaceSuite();
  const used = new Set<string>();

  it('shows the profile, wallets, conversations and the whole transaction history, and c from a conversation opens it', async () => {
    const client = await suite.server.login();
    const { conversation, context } = await customerWithWallet(client, used);
    used.add(context.customer.id);
    const history = await client.customers.transactionsAll(context.customer.id);
    const w = await suite.open({ client, size: { columns: 160, rows: 60 } });
    w.tui.actions.openConversation(conversation.id);
    await w.until((f) => f.includes('Enter to reply'));
    await w.press('c');
    const frame = await w.until((f) => f.includes(`customer ${context.customer.id}`) && f.includes('Transactions') && !f.includes('loading the whole history'));
    for (const part of ['Wallets:', 'Conversations', `#${conversation.id}`, context.accounts[0]!.id, `KYC ${context.customer.kycLevel}`]) expect(frame).toContain(part);
    if (context.customer.email) expect(frame).toContain(context.customer.email);
    // The whole history: the oldest transaction is in the list.
    expect(w.tui.store.getState().customerTransactions[context.customer.id]?.data?.length).toBe(history.length);
    // Esc goes back to the conversation it was opened from.
    await w.press(ESC);
    await w.until((f) => f.includes(`conversation #${conversation.id}`));
  });

  it('freezes the wallet from it with the typed confirmation', async () => {
    const client = await suite.server.login();
    const { context, account } = await customerWithWallet(client, used);
    used.add(context.customer.id);
    const w = await suite.open({ client });
    w.tui.actions.openCustomer(context.customer.id);
    await w.until((f) => f.includes('Wallets:'));
    await w.press('f');
    await w.until((f) => f.includes('Why?'));
    await w.press(ENTER);
    await w.until((f) => f.includes('Note'));
    await w.press('Caller says the phone was stolen');
    await w.press(ENTER);
    await w.until((f) => f.includes('Type the wallet id to freeze it'));
    await w.press(account.id);
    await w.press(ENTER);
    await w.until((f) => f.includes(`Wallet ${account.id} is frozen`));
    expect((await client.accounts.get(account.id)).account.status).toBe('frozen');
    await w.until((f) => f.includes(`■ ${account.id} FROZEN`));
  });

  it('logs a phone call and ends it only with a summary', async () => {
    const client = await suite.server.login();
    const { context } = await customerWithWallet(client, used);
    used.add(context.customer.id);
    const w = await suite.open({ client });
    w.tui.actions.openCustomer(context.customer.id);
    await w.until((f) => f.includes('Wallets:'));
    await w.press('l');
    await w.until((f) => f.includes('Logging a call as #'));
    const call = w.tui.store.getState().call!;
    // Quitting asks first: the call has no summary yet.
    await w.press('\u0003');
    await w.until((f) => f.includes(`call #${call.conversationId} not ended`));
    await w.press(ESC);
    await w.until((f) => f.includes('Logging a call as #'));
    await w.press('l');
    await w.until((f) => f.includes('Summary of the call'));
    await w.press(ENTER);
    await w.until((f) => f.includes('this is required'));
    await w.press('Wallet frozen after a stolen phone');
    await w.press(ENTER);
    await w.until((f) => f.includes(`Call #${call.conversationId} ended`));
    const row = await suite.server.store.db.selectFrom('conversations').select(['call_summary', 'channel']).where('id', '=', call.conversationId).executeTakeFirstOrThrow();
    expect(row).toEqual({ call_summary: 'Wallet frozen after a stolen phone', channel: 'phone' });
    expect(w.tui.store.getState().call).toBeUndefined();
  });
});
