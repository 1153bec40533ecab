import { describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { BACKSPACE, ENTER, ESC, workspaceSuite } from '../helpers/workspace-harness.js';


describe('the workspace: conversation actions, money dialogs, approvals, live updates', () => {
  const suite = workspaceSuite();

  async function open(email = 'agent@example.com') {
    const client = await suite.server.login(email);
    const w = await suite.open({ client });
    return { client, ...w, type: w.press };
  }

  /** An open conversation of a customer with exactly one active wallet and a refundable payment. */
  async function customerWithWallet(client: SupportClient) {
    for (const c of await client.queue.listAll()) {
      const ctx = await client.customers.get(c.customer.id);
      const active = ctx.accounts.filter((a) => a.status === 'active');
      const refundable = ctx.transactions.filter((t) => t.type === 'payment' && t.status === 'succeeded' && t.refundable.amount > 0 && t.accountId === active[0]?.id);
      if (ctx.accounts.length === 1 && active.length === 1 && refundable.length > 0) return { conversation: c, account: active[0]!, payment: refundable[0]! };
    }
    throw new Error('no fitting demo customer');
  }

  it('freezes a wallet only after the id is typed, and records it', async () => {
    const { client, tui, until, press, type, frame } = await open();
    const { conversation, account } = await customerWithWallet(client);
    tui.actions.openConversation(conversation.id);
    await until((f) => f.includes('Enter to reply'));
    await press('f');
    await until((f) => f.includes('Why?'));
    await press(ENTER); // suspected takeover
    await until((f) => f.includes('Note'));
    await press(ENTER);
    await until((f) => f.includes('this is required'));
    await type('Three logins from an unknown device');
    await press(ENTER);
    await until((f) => f.includes('Type the wallet id to freeze it'));
    expect(frame()).toContain(account.id);
    await type('wal_nope');
    await press(ENTER);
    await until((f) => f.includes(`type ${account.id} exactly to confirm`));
    expect((await client.accounts.get(account.id)).account.status).toBe('active');
    for (let i = 0; i < 8; i++) await press(BACKSPACE);
    await type(account.id);
    await press(ENTER);
    await until((f) => f.includes(`Wallet ${account.id} is frozen`));
    expect((await client.accounts.get(account.id)).account.status).toBe('frozen');
    await until((f) => f.includes('■ FROZEN'));
    const audit = await suite.server.store.db.selectFrom('audit_log').select(['action', 'reason']).where('target_id', '=', account.id).where('action', '=', 'account.freeze').execute();
    expect(audit).toHaveLength(1);
  });

  it('refunds with the rest prefilled, refuses a bad amount in place, and says when approval is needed', async () => {
    const { client, tui, until, press, type, frame } = await open();
    const { conversation, payment } = await customerWithWallet(client);
    tui.actions.openConversation(conversation.id);
    await until((f) => f.includes('Enter to reply'));
    await press('r');
    await until((f) => f.includes('Which payment?'));
    const options = frame().split('\n').filter((l) => l.includes('txn_'));
    const index = options.findIndex((l) => l.includes(payment.id));
    for (let i = 0; i < index; i++) await press(`${ESC}[B`);
    await press(ENTER);
    await until((f) => f.includes(`Amount in ${payment.amount.currency}`));
    const decimals = payment.amount.currency === 'IDR' ? 0 : 2;
    const prefilled = decimals ? (payment.refundable.amount / 100).toFixed(2) : String(payment.refundable.amount);
    expect(frame()).toContain(`› ${prefilled}`);
    await type(decimals ? '5' : '.5');
    await press(ENTER);
    await until((f) => /decimal|not a number/.test(f));
    for (let i = 0; i < 20; i++) await press(BACKSPACE);
    await type(decimals ? '0.01' : '1');
    await press(ENTER);
    await until((f) => f.includes('Reason'));
    await press(ENTER);
    await until((f) => f.includes('Note for the record'));
    await press(ENTER);
    await until((f) => f.includes('Within your limit'));
    const refundsBefore = await suite.server.store.db.selectFrom('refunds').select('id').where('transaction_id', '=', payment.id).execute();
    await press(ENTER);
    await until((f) => f.includes('Refunded'));
    const refundsAfter = await suite.server.store.db.selectFrom('refunds').select('id').where('transaction_id', '=', payment.id).execute();
    expect(refundsAfter.length).toBe(refundsBefore.length + 1);
  });

  it('says before confirming that a refund above the agent’s limit waits for a supervisor', async () => {
    const { client, tui, until, press, frame } = await open();
    let found: { conversationId: number; paymentId: string } | undefined;
    for (const c of await client.queue.listAll()) {
      const ctx = await client.customers.get(c.customer.id);
      const big = ctx.transactions.find((t) => t.type === 'payment' && t.status === 'succeeded' && t.amount.currency === 'CNY' && t.refundable.amount > 50_000);
      if (big && ctx.accounts.every((a) => a.status === 'active')) {
        found = { conversationId: c.id, paymentId: big.id };
        break;
      }
    }
    expect(found).toBeDefined();
    tui.actions.openConversation(found!.conversationId);
    await until((f) => f.includes('Enter to reply'));
    await press('r');
    await until((f) => f.includes('Which payment?'));
    const highlighted = () => frame().split('\n').find((l) => l.includes('▸')) ?? '';
    for (let i = 0; i < 30 && !highlighted().includes(found!.paymentId); i++) await press(`${ESC}[B`);
    expect(highlighted()).toContain(found!.paymentId);
    await press(ENTER);
    await until((f) => f.includes('Amount in CNY'));
    await press(ENTER);
    await until((f) => f.includes('Reason'));
    await press(ENTER);
    await until((f) => f.includes('Note for the record'));
    await press(ENTER);
    // The sentence may wrap inside the dialog's border.
    await until((f) => f.replace(/[\s│]+/g, ' ').includes("it will wait for a supervisor's approval"));
    await press(ENTER);
    await until((f) => f.includes('waits for a supervisor'));
    const pending = await client.refunds.listAll({ status: 'pending_approval' });
    expect(pending.some((r) => r.transactionId === found!.paymentId)).toBe(true);
  });

  it('lets a supervisor approve a refund an agent asked for, and not an agent', async () => {
    const agentView = await open('agent@example.com');
    await agentView.press('A');
    await agentView.until((f) => f.includes('Approving refunds is for supervisors'));
    const lead = await open('lead@example.com');
    await lead.press('A');
    await lead.until((f) => f.includes('Refunds waiting for approval (') && f.includes('rfd_'));
    const pending = await lead.client.refunds.listAll({ approvable: true });
    const first = pending[0]!;
    await lead.press('a');
    await lead.until((f) => f.includes('Note (optional)'));
    await lead.press(ENTER);
    await lead.until((f) => f.includes('Enter to approve'));
    await lead.press(ENTER);
    await lead.until((f) => f.includes('Approved:'));
    expect((await lead.client.refunds.get(first.id)).refund.status).toBe('succeeded');
  });

  it('claims the next conversation on n, and resolves it on e', async () => {
    const { client, tui, until, press } = await open('mei@example.com');
    await press('n');
    await until((f) => f.includes('Claimed #'));
    const screen = tui.store.getState().screen;
    expect(screen.name).toBe('conversation');
    const id = screen.name === 'conversation' ? screen.id : 0;
    expect((await client.conversations.get(id)).conversation.assignee?.name).toBe('Mei Lin');
    await press('e');
    await until((f) => f.includes(`Resolved #${id}`));
    expect((await client.conversations.get(id)).conversation.status).toBe('resolved');
  });

  it('shows a customer message and another agent’s presence as they happen', async () => {
    const { client, tui, until } = await open();
    const admin = await suite.server.login('admin@example.com');
    const target = (await client.queue.list({ limit: 1 })).data[0]!;
    tui.actions.openConversation(target.id);
    await until((f) => f.includes('Enter to reply'));
    await expect.poll(() => tui.store.getState().connection).toBe('online');
    await admin.request('POST', `v1/conversations/${target.id}/inbound`, { json: { body: 'Halo, masih menunggu jawaban 🙏', clientMessageId: 'ext-live-0001' } });
    await until((f) => f.includes('Halo, masih menunggu jawaban 🙏'), 8000);
    const budi = await suite.server.login('budi@example.com');
    await budi.conversations.presence(target.id, 'typing');
    await until((f) => f.includes('Budi Hartono is typing…'), 8000);
  });

  it('switches availability with v', async () => {
    const { client, tui, until, press } = await open('budi@example.com');
    const before = tui.store.getState().agent.availability;
    await press('v');
    await until((f) => f.includes('You are '));
    const after = (await client.me.get()).agent.availability;
    expect(after).not.toBe(before);
    expect(tui.store.getState().agent.availability).toBe(after);
  });
});
