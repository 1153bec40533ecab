import { render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { displayMoney } from '../../src/api/money.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { createTui } from '../../src/tui/run.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/workspace-harness.js';

/**
 * Refunds waiting for approval, live: the supervisor's count, the requester's notice and list, and the
 * wallet balance wherever it shows, all from the events of the real server.
 */
describe('the workspace follows refund decisions live', () => {
  let server: TestServer;
  const mounted: { unmount(): void }[] = [];

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
  });
  afterEach(() => {
    for (const m of mounted.splice(0)) m.unmount();
  });
  afterAll(() => server.close());

  async function open(email: string) {
    const client = await server.login(email);
    const me = await client.me.get();
    const tui = createTui({ client, agent: me.agent, profile: 'test' });
    const ui = render(tui.element);
    mounted.push(ui);
    const frame = () => ui.lastFrame() ?? '';
    const until = (p: (f: string) => boolean, timeoutMs = 8000) => waitFor(() => p(frame()), { describe: frame, timeoutMs });
    const press = async (keys: string) => {
      ui.stdin.write(keys);
      await new Promise((resolve) => setTimeout(resolve, 30));
    };
    await until((f) => f.includes('(1/'));
    await waitFor(() => tui.store.getState().connection === 'online');
    return { client, tui, frame, until, press };
  }

  /** Conversations of customers with a CNY payment above the agent's own limit, all wallets active. */
  async function bigPayments(client: SupportClient, count: number) {
    const found: { conversationId: number; customerId: string; paymentId: string; accountId: string }[] = [];
    const seen = new Set<string>();
    for (const c of await client.queue.listAll()) {
      if (seen.has(c.customer.id)) continue;
      seen.add(c.customer.id);
      const ctx = await client.customers.get(c.customer.id);
      const big = ctx.transactions.find((t) => t.type === 'payment' && t.status === 'succeeded' && t.amount.currency === 'CNY' && t.refundable.amount > 50_000);
      if (big && ctx.accounts.every((a) => a.status === 'active')) found.push({ conversationId: c.id, customerId: c.customer.id, paymentId: big.id, accountId: big.accountId });
      if (found.length === count) return found;
    }
    throw new Error('not enough fitting demo customers');
  }

  it('an approval reaches the requester (notice, my refunds) and the conversation header balance; the supervisor’s count follows', async () => {
    const agent = await open('agent@example.com');
    const lead = await open('lead@example.com');
    const [target] = await bigPayments(agent.client, 1);
    const waitingBefore = (await lead.client.refunds.listAll({ approvable: true })).length;
    await lead.until((f) => f.includes(`⚖ ${waitingBefore} to approve`));

    // The agent reads the conversation with the customer panel beside it: the balance shows in both.
    agent.tui.store.update(() => ({ panel: 'shown' }));
    agent.tui.actions.openConversation(target!.conversationId);
    const before = (await agent.client.accounts.get(target!.accountId)).account.balance;
    // The header's line names the customer id (left of the panel's border); the panel's names the wallet.
    const lines = (f: string) => f.split('\n').flatMap((l) => l.split('│'));
    const shownTwice = (f: string, money: string) =>
      lines(f).some((part) => part.includes(target!.customerId) && part.includes(money)) && lines(f).some((part) => part.includes(target!.accountId) && part.includes(money));
    await agent.until((f) => shownTwice(f, displayMoney(before)));

    const refund = (await agent.client.refunds.create({ transactionId: target!.paymentId, reason: 'requested_by_customer' })).result;
    expect(refund.status).toBe('pending_approval');
    await lead.until((f) => f.includes(`⚖ ${waitingBefore + 1} to approve`));

    await lead.client.refunds.approve(refund.id, { note: 'checked the order' });
    const after = (await agent.client.accounts.get(target!.accountId)).account.balance;
    expect(after.amount).toBe(before.amount + refund.amount.amount);
    await agent.until((f) => f.includes(`Refund of ${displayMoney(refund.amount)} approved`));
    expect(agent.tui.store.getState().messageLog.at(-1)?.text).toBe(`Refund of ${displayMoney(refund.amount)} approved by Wei Chen: the wallet is credited (your ${refund.id}, payment ${target!.paymentId})`);
    await agent.until((f) => shownTwice(f, displayMoney(after)) && !f.includes(displayMoney(before)));
    await lead.until((f) => f.includes(`⚖ ${waitingBefore} to approve`));

    await agent.press('M');
    await agent.until((f) => f.includes('My refunds (') && f.includes(refund.id));
    const line = agent.frame().split('\n').find((l) => l.includes(refund.id))!;
    expect(line).toContain('approved and paid');
    expect(agent.frame()).toContain('by Wei Chen');
  }, 60_000); // two workspaces, a refund and its approval through the live stream

  it('a rejection reaches the requester with the reason, and the open "my refunds" list changes in place', async () => {
    const agent = await open('agent@example.com');
    const lead = await server.login('lead@example.com');
    const [, target] = await bigPayments(agent.client, 2);
    const refund = (await agent.client.refunds.create({ transactionId: target!.paymentId, amount: 50_001, reason: 'service_issue' })).result;
    expect(refund.status).toBe('pending_approval');
    await agent.press('M');
    await agent.until((f) => (f.split('\n').find((l) => l.includes(refund.id)) ?? '').includes('waiting for approval'));

    await lead.refunds.reject(refund.id, { reason: 'the order was delivered' });
    await agent.until((f) => (f.split('\n').find((l) => l.includes(refund.id)) ?? '').includes('rejected'));
    expect(agent.frame().replace(/[\s│]+/g, ' ')).toContain('by Wei Chen: the order was delivered');
    expect(agent.tui.store.getState().messageLog.map((m) => m.text).join('\n')).toContain(`Refund of ${displayMoney(refund.amount)} rejected by Wei Chen: the order was delivered (your ${refund.id}`);
  });
});
