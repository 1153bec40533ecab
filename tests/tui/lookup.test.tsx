import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../src/api/types.js';
import type { SupportClient } from '../../src/client/support-client.js';
import { sgrPattern } from '../helpers/ansi.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { ENTER, ESC, renderWorkspace, workspaceSuite } from '../helpers/workspace-harness.js';

const CTRL_F = '\u0006';

/** A demo customer with a phone, and that phone in another writing than the stored one (no +, dashes). */
async function customerWithPhone(client: SupportClient) {
  for (const c of await client.queue.listAll()) {
    const context = await client.customers.get(c.customer.id);
    const phone = context.customer.phone;
    if (phone && context.accounts.length === 1) {
      const digits = phone.replace(/\D/g, '');
      return { context, written: `+${digits.slice(0, 2)} ${digits.slice(2, 5)}-${digits.slice(5, 9)}-${digits.slice(9)}` };
    }
  }
  throw new Error('no demo customer with a phone');
}

describe('the lookup (Ctrl+F from every screen)', () => {
  const suite = workspaceSuite();

  it('asks for a second character, and sends nothing for one', async () => {
    const client = await suite.server.login();
    let calls = 0;
    const find = client.search.find.bind(client.search);
    client.search.find = (q, o) => {
      calls++;
      return find(q, o);
    };
    const { press, until } = await suite.open({ client });
    await press(CTRL_F);
    await until((f) => f.includes('Find ›'));
    await press('x');
    await until((f) => f.includes('type at least 2 characters'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls).toBe(0);
  });

  it('finds a customer by phone in another writing, masked, and Enter opens their screen with the phone whole', async () => {
    const client = await suite.server.login();
    const { context, written } = await customerWithPhone(client);
    const { press, until, frame } = await suite.open({ client });
    await press(CTRL_F);
    await press(written);
    await until((f) => f.includes('Customers (1)'));
    const plain = frame().replace(sgrPattern('[0-9;]*', '', 'g'), '');
    expect(plain).toContain(context.customer.id);
    // Masked in the list as the server gives it: the whole number is not on screen.
    const masked = (await client.search.find(written)).customers[0]!.phone!;
    expect(masked).toContain('*');
    expect(plain).toContain(masked);
    expect(plain).not.toContain(context.customer.phone!);
    await press(ENTER);
    await until((f) => f.includes(`customer ${context.customer.id}`) && f.includes('Wallets:'));
    expect(frame()).toContain(context.customer.phone!);
    await press(ESC);
    await until((f) => f.includes('· queue ·'));
  });

  it('opens from a conversation too, and Enter on a #number result opens that conversation', async () => {
    const client = await suite.server.login();
    const [first, second] = (await client.queue.list({ limit: 2 })).data;
    const w = await suite.open({ client });
    w.tui.actions.openConversation(first!.id);
    await w.until((f) => f.includes('Enter to reply'));
    await w.press(CTRL_F);
    await w.press(`#${second!.id}`);
    await w.until((f) => f.includes('Conversations (1)'));
    await w.press(ENTER);
    await w.until((f) => f.includes(`conversation #${second!.id}`) && f.includes('Enter to reply'));
  });

  it('says what it tried when nothing matches', async () => {
    const { press, until } = await suite.open();
    await press(CTRL_F);
    await press('nobody@nowhere.example');
    const shown = await until((f) => f.includes('Nothing matches'));
    expect(shown).toContain('tried: email');
  });

  it('never shows the answer to an older query that arrives after a newer one', async () => {
    const client = await suite.server.login();
    const { context } = await customerWithPhone(client);
    const slowQuery = context.customer.name;
    const sent: string[] = [];
    const find = client.search.find.bind(client.search);
    client.search.find = async (q, o) => {
      sent.push(q);
      const answer = await find(q, o);
      // The first query's answer comes back late: after the newer one was answered and drawn.
      if (q === slowQuery) await new Promise((resolve) => setTimeout(resolve, 700));
      return answer;
    };
    const w = await suite.open({ client });
    const shownAnswers: { query: string; answered: SearchResult['query'] }[] = [];
    w.tui.store.subscribe(() => {
      const overlay = w.tui.store.getState().overlay;
      if (overlay?.kind === 'lookup' && overlay.answer.status === 'ready') shownAnswers.push({ query: overlay.query.trim(), answered: overlay.answer.data.query });
    });
    await w.press(CTRL_F);
    await w.press(slowQuery);
    await expect.poll(() => sent).toContain(slowQuery);
    await w.press('zzqx');
    await w.until((f) => f.includes('Nothing matches'));
    // Past the moment the older answer arrives: the screen still shows the newer one.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(w.frame()).toContain('Nothing matches');
    expect(w.frame()).not.toContain(context.customer.id);
    expect(shownAnswers.length).toBeGreaterThan(0);
    for (const a of shownAnswers) expect(a.answered).toBe(a.query);
  });
});

describe('the lookup past the per-agent limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ demo: true, settings: { lookupLimit: { max: 1, windowMs: 60_000 } } });
  });
  afterAll(() => server.close());

  it('shows how long to wait', async () => {
    const client = await server.login();
    await client.search.find('nobody@nowhere.example');
    const w = await renderWorkspace(client);
    try {
      await w.press(CTRL_F);
      await w.press('someone@nowhere.example');
      await w.until((f) => f.includes('Too many lookups: try again in 60 s'));
    } finally {
      w.unmount();
    }
  });
});
