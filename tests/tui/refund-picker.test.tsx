import { beforeAll, describe, expect, it } from 'vitest';
import type { Currency } from '../../src/api/currencies.js';
import { formatMoney } from '../../src/api/money.js';
import { displayWidth } from '../../src/api/text/width.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { FORBIDDEN_IN_OUTPUT, HOSTILE_PAYLOADS } from '../helpers/hostile.js';
import { BACKSPACE, DOWN, ENTER, workspaceSuite } from '../helpers/workspace-harness.js';


describe('the refund picker', () => {
  const suite = workspaceSuite();
  let admin: SupportClient;

  beforeAll(async () => {
    admin = await suite.server.login('admin@example.com');
  });

  async function open() {
    const client = await suite.server.login();
    return { client, ...(await suite.open({ client })) };
  }

  it('offers every refundable payment of a customer with 12 of them, newest first, amounts aligned, and typing an amount, merchant or id narrows the list', async () => {
    const { client, tui, frame, until, press } = await open();
    // A customer in the queue with one active wallet; 12 payments and their top-ups push half of them out of the customer context.
    let found: { conversationId: number; accountId: string; customerId: string; currency: Currency } | undefined;
    for (const c of await client.queue.listAll()) {
      const context = await client.customers.get(c.customer.id);
      if (context.accounts.length === 1 && context.accounts[0]!.status === 'active') {
        found = { conversationId: c.id, accountId: context.accounts[0]!.id, customerId: c.customer.id, currency: context.accounts[0]!.currency };
        break;
      }
    }
    expect(found).toBeDefined();
    const { conversationId, accountId, customerId, currency } = found!;
    const before = await client.customers.transactionsAll(customerId, { refundable: true });
    const minor = currency === 'IDR' ? 1000 : 1;
    const amounts = Array.from({ length: 12 }, (_, i) => (1_234 + i * 1_111) * minor);
    // A wide-character merchant, and one whose name carries terminal escapes (shown escaped, never acted on).
    const merchants = amounts.map((_, i) => (i === 7 ? '星巴克咖啡 Starbucks' : i === 10 ? `Evil ${HOSTILE_PAYLOADS.osc52Clipboard}${HOSTILE_PAYLOADS.bidiOverride}` : `Kedai Nomor ${i + 1}`));
    const made: string[] = [];
    for (let i = 0; i < 12; i++) {
      suite.server.clock.advance(60_000);
      await admin.accounts.postTransaction(accountId, { type: 'top_up', amount: amounts[i]!, currency, counterparty: 'Bank' });
      suite.server.clock.advance(60_000);
      const { result } = await admin.accounts.postTransaction(accountId, { type: 'payment', amount: amounts[i]!, currency, counterparty: merchants[i]! });
      made.push(result.transaction.id);
    }
    const context = await client.customers.get(customerId);
    expect(context.transactions.filter((t) => made.includes(t.id)).length).toBeLessThan(12);
    const total = 12 + before.filter((t) => t.refundable.amount > 0).length;

    tui.actions.openConversation(conversationId);
    await until((f) => f.includes('Enter to reply'));
    await press('r');
    await until((f) => f.includes('Which payment?'));
    await until((f) => f.includes(`${total} payments`));
    // Newest first: walking down the list meets the 12 new payments in reverse order of making.
    const seen: string[] = [];
    const selected = () => frame().split('\n').find((l) => l.includes('▸')) ?? '';
    for (let i = 0; i < 12; i++) {
      seen.push(/txn_[0-9A-Za-z]+/.exec(selected())?.[0] ?? '');
      await press(DOWN);
    }
    expect(seen).toEqual([...made].reverse());
    for (const bad of FORBIDDEN_IN_OUTPUT) expect(frame()).not.toContain(bad);

    // Amounts end in the same column, the CJK merchant included.
    const rows = frame().split('\n').filter((l) => made.some((id) => l.includes(id)));
    const ends = rows.map((l) => {
      const amount = amounts.map((a) => `${formatMoney(a, currency, { grouping: true })} ${currency}`).find((a) => l.includes(a))!;
      return displayWidth(l.slice(0, l.indexOf(amount) + amount.length));
    });
    expect(rows.length).toBeGreaterThan(5);
    expect(new Set(ends).size).toBe(1);

    // An amount typed without grouping finds that one payment.
    await press(formatMoney(amounts[5]!, currency));
    await until((f) => f.includes(`1 of ${total} payments match`));
    expect(selected()).toContain(made[5]);
    for (let i = 0; i < 20; i++) await press(BACKSPACE);
    // The seeded desk has Starbucks payments too: the wide-character name is ours alone.
    await press('星巴克咖啡');
    await until((f) => f.includes(`1 of ${total} payments match`));
    expect(selected()).toContain(made[7]);
    for (let i = 0; i < 20; i++) await press(BACKSPACE);
    await press(made[2]!);
    await until((f) => f.includes(`1 of ${total} payments match`));
    await press(ENTER);
    await until((f) => f.includes(`Amount in ${currency}`));
    expect(tui.store.getState().overlay).toMatchObject({ values: { transaction: made[2] } });

    // Nothing matches: Enter says so and goes nowhere.
    await press('\u001b');
    await until((f) => f.includes('Which payment?'));
    await press('no such merchant');
    await until((f) => f.includes(`0 of ${total} payments match`));
    await press(ENTER);
    await until((f) => f.includes('no payment matches "no such merchant"'));
    expect(frame()).toContain('Which payment?');
  });
});
