import { describe, expect, it } from 'vitest';
import { refundArrivesBy } from '../../src/api/refund-arrival.js';
import type { CustomerContext } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { DOWN, ENTER, ESC, workspaceSuite } from '../helpers/workspace-harness.js';

const CTRL_U = '\u0015';

/** A demo customer with one active wallet, payments, and at least `conversations` conversations; each test takes its own. */
async function customerWith(client: SupportClient, used: Set<string>, conversations = 1): Promise<CustomerContext> {
  for (const c of await client.queue.listAll({ status: 'open,pending,snoozed,resolved,closed' })) {
    if (used.has(c.customer.id)) continue;
    const context = await client.customers.get(c.customer.id);
    const payments = context.transactions.filter((t) => t.type === 'payment' && t.status === 'succeeded' && t.refundable.amount > 0);
    if (context.accounts.length === 1 && context.accounts[0]!.status === 'active' && payments.length > 0 && context.conversations.length >= conversations) {
      used.add(c.customer.id);
      return context;
    }
  }
  throw new Error('no fitting demo customer');
}

describe('the customer screen: filters, wallet history, refunds’ arrival, complaints, starting a conversation, history in place', () => {
  const suite = workspaceSuite();
  const used = new Set<string>();

  it('/ filters the transactions (the API’s status, type and since over the whole history); a bad line says why and changes nothing; x shows all again', async () => {
    const client = await suite.server.login();
    const context = await customerWith(client, used);
    const id = context.customer.id;
    const all = await client.customers.transactionsAll(id);
    const payments = await client.customers.transactionsAll(id, { type: 'payment', status: 'succeeded' });
    const w = await suite.open({ client, size: { columns: 180, rows: 70 } });
    w.tui.actions.openCustomer(id);
    await w.until((f) => f.includes('Transactions (/ filters)'));
    await w.press('/');
    await w.until((f) => f.includes('Status, type, since, amount, counterparty'));
    await w.press('payment 2026-13-45');
    await w.press(ENTER);
    await w.until((f) => f.includes('"2026-13-45" is not a date'));
    expect(w.tui.store.getState().customerFilter[id]).toBeUndefined();
    await w.press(CTRL_U);
    await w.press('succeeded payment');
    await w.press(ENTER);
    const frame = await w.until((f) => f.includes('filter: succeeded payment') && !f.includes('loading the whole history'));
    const shown = w.tui.store.getState().customerTransactions[id]?.data ?? [];
    expect(shown.map((t) => t.id)).toEqual(payments.map((t) => t.id));
    for (const t of all.filter((t) => t.type !== 'payment').slice(0, 5)) expect(frame).not.toContain(t.id);
    // An amount nobody paid: the section says so rather than vanishing.
    await w.press('/');
    await w.until((f) => f.includes('Status, type, since, amount, counterparty'));
    await w.press(CTRL_U);
    await w.press('payment >999999999999');
    await w.press(ENTER);
    await w.until((f) => f.includes('No transaction matches the filter'));
    await w.press('x');
    await w.until((f) => f.includes('Transactions (/ filters)') && !f.includes('loading the whole history'));
    expect(w.tui.store.getState().customerTransactions[id]?.data?.length).toBe(all.length);
  });

  it('shows the wallets’ status history with actor and reason, and when a refund should arrive by', async () => {
    const client = await suite.server.login();
    const context = await customerWith(client, used);
    const account = context.accounts[0]!;
    const payment = context.transactions.find((t) => t.type === 'payment' && t.status === 'succeeded' && t.refundable.amount > 0)!;
    const refund = (await client.refunds.create({ transactionId: payment.id, amount: 1, reason: 'service_issue' })).result;
    expect(refund.status).toBe('succeeded');
    await client.accounts.freeze(account.id, { reason: 'suspected_takeover', note: 'Caller reports a stolen phone' });
    const w = await suite.open({ client, size: { columns: 200, rows: 80 } });
    w.tui.actions.openCustomer(context.customer.id);
    const frame = await w.until((f) => f.includes('Wallet status history') && f.includes(refund.id));
    expect(frame).toContain(`${account.id}  freeze (active → frozen)  by`);
    expect(frame).toContain('reason suspected_takeover');
    expect(frame).toContain('“Caller reports a stolen phone”');
    expect(frame).toContain(`arrives by ${refundArrivesBy(refund)}`);
  });

  it('! opens a complaint on the chosen conversation and lists it under Complaints; on another row it says to choose one', async () => {
    const client = await suite.server.login();
    const context = await customerWith(client, used);
    const conversation = context.conversations[0]!;
    const w = await suite.open({ client, size: { columns: 180, rows: 70 } });
    w.tui.actions.openCustomer(context.customer.id);
    await w.until((f) => f.includes('Conversations') && f.includes('Transactions'));
    // Down to the first transaction: not a conversation.
    for (let i = 0; i < context.conversations.length; i++) await w.press('j');
    await w.press('!');
    await w.until((f) => f.includes('Choose the conversation the complaint is about (j/k), then !'));
    expect(w.tui.store.getState().overlay).toBeUndefined();
    await w.press('g');
    for (let i = 0; i < context.conversations.length; i++) await w.press('k');
    await w.press('!');
    await w.until((f) => f.includes('What is the complaint about?'));
    await w.press(ENTER);
    const page = await waitForComplaint(client, conversation.id);
    await w.until((f) => f.includes(`Complaint ${page.number} opened`));
    await w.until((f) => f.includes('Complaints') && f.includes(`${page.number}  open  reply by`));
    expect(page.customer.id).toBe(context.customer.id);
  });

  it('s starts an email conversation with the customer; empty answers are refused with the reason and nothing is created', async () => {
    const client = await suite.server.login();
    const context = await customerWith(client, used);
    const before = await client.customers.get(context.customer.id);
    const w = await suite.open({ client, size: { columns: 180, rows: 70 } });
    w.tui.actions.openCustomer(context.customer.id);
    await w.until((f) => f.includes('Conversations'));
    await w.press('s');
    await w.until((f) => f.includes('Which channel?'));
    // chat, email, social: email is the second.
    await w.press(DOWN);
    await w.press(ENTER);
    await w.until((f) => f.includes('Subject'));
    await w.press(ENTER);
    await w.until((f) => f.includes('this is required'));
    await w.press('Your refund is on its way');
    await w.press(ENTER);
    await w.until((f) => f.includes('First message'));
    await w.press(ENTER);
    await w.until((f) => f.includes('this is required'));
    expect((await client.customers.get(context.customer.id)).conversations.length).toBe(before.conversations.length);
    await w.press('We sent the refund today.');
    await w.press(ENTER);
    const frame = await w.until((f) => /Conversation #\d+ started by email/.test(f));
    const started = Number(/Conversation #(\d+) started/.exec(frame)![1]);
    const detail = await client.conversations.get(started);
    expect([detail.conversation.channel, detail.conversation.subject, detail.customer.id, detail.messages.at(-1)?.body]).toEqual(['email', 'Your refund is on its way', context.customer.id, 'We sent the refund today.']);
    await w.until((f) => f.includes(`#${started}  email`));
  });

  it('a conversation opened from the screen shows the customer’s earlier ones above its thread; [ and ] jump between them; Esc comes back to the screen', async () => {
    const client = await suite.server.login();
    const context = await customerWith(client, used, 2);
    // The screen lists them newest first: the first row is the newest, the second the one before it.
    const [newest, previous] = context.conversations as [CustomerContext['conversations'][number], CustomerContext['conversations'][number]];
    const w = await suite.open({ client, size: { columns: 200, rows: 90 } });
    w.tui.actions.openCustomer(context.customer.id);
    await w.until((f) => f.includes('Conversations'));
    await w.press(ENTER);
    await w.until((f) => f.includes(`#${newest.id} `) && f.includes('Enter to reply'));
    await w.press('g');
    const frame = await w.until((f) => f.includes(`┄ #${previous.id} · ${previous.channel} · ${previous.status}`));
    expect(frame).toContain('earlier with this customer above ([ ] jump)');
    await w.press('[');
    await w.until((f) => f.includes(`#${previous.id} `) && w.tui.store.getState().conversations[previous.id]?.status === 'ready');
    await w.press(']');
    await w.until(() => { const s = w.tui.store.getState().screen; return s.name === 'conversation' && s.id === newest.id; });
    await w.press(ESC);
    await w.until((f) => f.includes('Wallets:'));
    expect(w.tui.store.getState().screen).toMatchObject({ name: 'customer', id: context.customer.id });
    // The newest has no later one: ] says so.
    await w.press(ENTER);
    await w.until(() => { const s = w.tui.store.getState(); return s.screen.name === 'conversation' && s.screen.id === newest.id && s.conversations[newest.id]?.status === 'ready'; });
    await w.press(']');
    await w.until((f) => f.includes('No later conversation with this customer'));
  });

  it('lists every conversation of the customer, past the profile’s latest 20, as one timeline across channels', async () => {
    const client = await suite.server.login();
    const context = await customerWith(client, used);
    const id = context.customer.id;
    for (let i = 0; i < 21; i++) await client.conversations.create(id, { channel: i % 2 ? 'email' : 'social', subject: `Timeline ${i}`, body: `Hello ${i}` });
    const all = await client.customers.conversationsAll(id);
    expect((await client.customers.get(id)).conversations.length).toBe(20);
    const oldest = all.at(-1)!;
    const w = await suite.open({ client, size: { columns: 180, rows: 40 } });
    w.tui.actions.openCustomer(id);
    await w.until(() => w.tui.store.getState().customerConversations[id]?.status === 'ready');
    expect(w.tui.store.getState().customerConversations[id]?.data?.map((c) => c.id)).toEqual(all.map((c) => c.id));
    // Down to the last conversation row, the oldest: past the 20 the profile has.
    for (let i = 0; i < all.length - 1; i++) await w.press('j');
    await w.until((f) => f.includes(`▸ #${oldest.id}  ${oldest.channel}`));
  });
});

async function waitForComplaint(client: SupportClient, conversationId: number) {
  for (let i = 0; i < 100; i++) {
    const page = await client.complaints.list({ conversationId });
    if (page.data[0]) return page.data[0];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no complaint on #${conversationId}`);
}
